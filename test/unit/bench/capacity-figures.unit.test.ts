import type { DynamoCall } from '../../../lib/platform/dynamo-observer';
import { minimumReadCapacity, percentile, requestCapacity } from '../../bench/capacity-figures';

function call(command: string, itemSizes: number[], consistentRead: boolean, units: number): DynamoCall {
  return {
    command,
    consumedCapacity: [{ TableName: 't', CapacityUnits: units }],
    itemsReturned: itemSizes.length,
    bytesReturned: itemSizes.reduce((sum, size) => sum + size, 0),
    itemSizes,
    consistentRead,
  };
}

describe('minimum read capacity', () => {
  it("sums a Query's item sizes before rounding up to 4 KB units, at half cost when eventually consistent", () => {
    expect(minimumReadCapacity(call('QueryCommand', [3000, 3000, 3000], false, 1.5))).toBe(1.5);
    expect(minimumReadCapacity(call('QueryCommand', [3000, 3000, 3000], true, 3))).toBe(3);
  });

  it('rounds GetItem and BatchGet per item, and a read that finds nothing still costs a unit', () => {
    expect(minimumReadCapacity(call('BatchGetItemCommand', [100, 5000], true, 3))).toBe(3);
    expect(minimumReadCapacity(call('GetItemCommand', [], false, 0.5))).toBe(0.5);
  });

  it('counts nothing for writes', () => {
    expect(minimumReadCapacity(call('PutItemCommand', [], false, 1))).toBe(0);
  });
});

it("totals one request's calls into round trips, capacity consumed and the minimum", () => {
  const figures = requestCapacity([
    call('BatchGetItemCommand', [400, 300], true, 2),
    call('QueryCommand', [4000, 4000], false, 1.5),
    call('PutItemCommand', [], false, 1),
  ]);
  expect(figures).toEqual({
    roundTrips: 3,
    readCalls: 2,
    writeCalls: 1,
    readCapacity: 3.5,
    writeCapacity: 1,
    minimumReadCapacity: 3,
    bytesRead: 8700,
    scans: 0,
  });
});

it('takes nearest-rank percentiles', () => {
  const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
  expect(percentile(values, 0.5)).toBe(5);
  expect(percentile(values, 0.95)).toBe(10);
  expect(() => percentile([], 0.5)).toThrow('No samples');
});

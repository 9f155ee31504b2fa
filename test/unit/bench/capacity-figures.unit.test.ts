import type { DynamoCall } from '../../../lib/platform/dynamo-observer';
import {
  minimumReadCapacity,
  minimumUsingQueryPrefix,
  percentile,
  requestCapacity,
} from '../../bench/capacity-figures';

function call(
  command: string,
  itemSizes: number[],
  consistentRead: boolean,
  units: number,
  timing: [number, number] = [0, 1],
): DynamoCall {
  return {
    startedAt: timing[0],
    finishedAt: timing[1],
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
    call('BatchGetItemCommand', [400, 300], true, 2, [0, 10]),
    call('QueryCommand', [4000, 4000], false, 1.5, [11, 20]),
    call('PutItemCommand', [], false, 1, [21, 25]),
  ]);
  expect(figures).toEqual({
    requests: 3,
    roundTrips: 3,
    readCalls: 2,
    writeCalls: 1,
    readCapacity: 3.5,
    writeCapacity: 1,
    minimumReadCapacity: 3,
    bytesRead: 8700,
    scans: 0,
    dynamoMs: 23,
  });
});

it('counts calls sent in parallel as one round trip', () => {
  const figures = requestCapacity([
    call('GetItemCommand', [100], true, 1, [0, 10]),
    call('GetItemCommand', [100], true, 1, [12, 20]),
    call('QueryCommand', [100], false, 0.5, [13, 18]),
    call('PutItemCommand', [], false, 1, [21, 30]),
  ]);
  expect(figures.requests).toBe(4);
  expect(figures.roundTrips).toBe(3);
  // Overlapping calls count their time once: 0–10, 12–20 and 21–30.
  expect(figures.dynamoMs).toBe(27);
});

it('takes nearest-rank percentiles', () => {
  const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
  expect(percentile(values, 0.5)).toBe(5);
  expect(percentile(values, 0.95)).toBe(10);
  expect(() => percentile([], 0.5)).toThrow('No samples');
});

it('counts only the items a page used from its Query as the minimum, the rest as over-read', () => {
  const calls = [
    call('GetItemCommand', [500], true, 1, [0, 5]),
    call('QueryCommand', [3000, 3000, 3000, 3000], false, 1.5, [0, 6]),
  ];
  // The page used the first two items (6,000 bytes: two 4 KB units, eventually consistent).
  expect(minimumUsingQueryPrefix(calls, 2)).toBe(1 + 1);
  expect(minimumUsingQueryPrefix(calls, 4)).toBe(1 + 1.5);
});

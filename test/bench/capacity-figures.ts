/**
 * Turns the DynamoDB calls one request made into the benchmark's figures: round trips, read capacity
 * consumed, and the least read capacity that could have returned the same items.
 */
import type { DynamoCall } from '../../lib/platform/dynamo-observer';

const READ_UNIT_BYTES = 4096;

const PER_ITEM_READS = new Set(['GetItemCommand', 'BatchGetItemCommand']);
const READS = new Set([...PER_ITEM_READS, 'QueryCommand', 'ScanCommand', 'TransactGetItemsCommand']);

export interface RequestCapacity {
  /** DynamoDB requests made (parallel requests count separately). */
  readonly roundTrips: number;
  readonly readCalls: number;
  readonly writeCalls: number;
  readonly readCapacity: number;
  readonly writeCapacity: number;
  /**
   * The least read capacity that returns the same bytes at the same consistency: a Query's item sizes
   * are summed before rounding up to 4 KB units, a GetItem's or BatchGet's are rounded per item, and an
   * eventually consistent unit costs half.
   */
  readonly minimumReadCapacity: number;
  readonly bytesRead: number;
  readonly scans: number;
}

function unitsFor(bytes: number, consistent: boolean): number {
  return Math.max(1, Math.ceil(bytes / READ_UNIT_BYTES)) * (consistent ? 1 : 0.5);
}

/** The least capacity this call could have used for what it returned (a read of nothing still costs one unit). */
export function minimumReadCapacity(call: DynamoCall): number {
  if (!READS.has(call.command)) return 0;
  if (PER_ITEM_READS.has(call.command)) {
    if (call.itemSizes.length === 0) return unitsFor(0, call.consistentRead);
    return call.itemSizes.reduce((sum, size) => sum + unitsFor(size, call.consistentRead), 0);
  }
  return unitsFor(call.bytesReturned, call.consistentRead);
}

const consumed = (call: DynamoCall): number =>
  call.consumedCapacity.reduce((sum, capacity) => sum + (capacity.CapacityUnits ?? 0), 0);

export function requestCapacity(calls: readonly DynamoCall[]): RequestCapacity {
  const reads = calls.filter((call) => READS.has(call.command));
  const writes = calls.filter((call) => !READS.has(call.command));
  return {
    roundTrips: calls.length,
    readCalls: reads.length,
    writeCalls: writes.length,
    readCapacity: reads.reduce((sum, call) => sum + consumed(call), 0),
    writeCapacity: writes.reduce((sum, call) => sum + consumed(call), 0),
    minimumReadCapacity: reads.reduce((sum, call) => sum + minimumReadCapacity(call), 0),
    bytesRead: reads.reduce((sum, call) => sum + call.bytesReturned, 0),
    scans: calls.filter((call) => call.command === 'ScanCommand').length,
  };
}

/** The value below which `fraction` of the sorted samples fall (nearest rank). */
export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) throw new Error('No samples');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length)));
  return sorted[rank - 1]!;
}

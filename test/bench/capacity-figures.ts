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
  readonly requests: number;
  /** Sequential round trips: requests that overlap in time count once. */
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
  /** Time with at least one DynamoDB call in flight: what a request spends waiting on the table. */
  readonly dynamoMs: number;
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
    requests: calls.length,
    roundTrips: sequentialRoundTrips(calls),
    readCalls: reads.length,
    writeCalls: writes.length,
    readCapacity: reads.reduce((sum, call) => sum + consumed(call), 0),
    writeCapacity: writes.reduce((sum, call) => sum + consumed(call), 0),
    minimumReadCapacity: reads.reduce((sum, call) => sum + minimumReadCapacity(call), 0),
    bytesRead: reads.reduce((sum, call) => sum + call.bytesReturned, 0),
    scans: calls.filter((call) => call.command === 'ScanCommand').length,
    dynamoMs: timeInFlight(calls),
  };
}

/** Groups calls that overlap in time (sent in parallel) and counts the groups. */
export function sequentialRoundTrips(calls: readonly DynamoCall[]): number {
  const ordered = [...calls].sort((a, b) => a.startedAt - b.startedAt);
  let trips = 0;
  let tripEnd = Number.NEGATIVE_INFINITY;
  for (const call of ordered) {
    if (call.startedAt >= tripEnd) trips += 1;
    tripEnd = call.startedAt >= tripEnd ? call.finishedAt : Math.max(tripEnd, call.finishedAt);
  }
  return trips;
}

/** The length of the union of the calls' [startedAt, finishedAt] intervals. */
export function timeInFlight(calls: readonly DynamoCall[]): number {
  const ordered = [...calls].sort((a, b) => a.startedAt - b.startedAt);
  let total = 0;
  let spanStart = Number.NaN;
  let spanEnd = Number.NEGATIVE_INFINITY;
  for (const call of ordered) {
    if (call.startedAt > spanEnd) {
      if (spanEnd > spanStart) total += spanEnd - spanStart;
      spanStart = call.startedAt;
      spanEnd = call.finishedAt;
    } else {
      spanEnd = Math.max(spanEnd, call.finishedAt);
    }
  }
  if (spanEnd > spanStart) total += spanEnd - spanStart;
  return total;
}

/** The value below which `fraction` of the sorted samples fall (nearest rank). */
export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) throw new Error('No samples');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length)));
  return sorted[rank - 1]!;
}

/**
 * The least read capacity when a Query's first `usedItems` items are all the endpoint needed (a page cut
 * between incidents): the rest of what that Query read counts as over-read.
 */
export function minimumUsingQueryPrefix(calls: readonly DynamoCall[], usedItems: number): number {
  let queryCounted = false;
  return calls.reduce((sum, call) => {
    if (call.command !== 'QueryCommand' || queryCounted) return sum + minimumReadCapacity(call);
    queryCounted = true;
    const usedBytes = call.itemSizes.slice(0, usedItems).reduce((total, size) => total + size, 0);
    return sum + unitsFor(usedBytes, call.consistentRead);
  }, 0);
}

/**
 * Lets a diagnostic run (the benchmark) see every DynamoDB call the shared client makes, with the
 * capacity it consumed. With no observer registered the middleware does nothing, so production pays
 * for one array-length check per call.
 */
import { performance } from 'node:perf_hooks';
import type { ConsumedCapacity, DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface DynamoCall {
  /** e.g. QueryCommand, TransactWriteItemsCommand. */
  readonly command: string;
  readonly consumedCapacity: readonly ConsumedCapacity[];
  /** Items returned by a read (Query, GetItem, BatchGetItem), for comparing capacity with bytes returned. */
  readonly itemsReturned: number;
  /** Their size as DynamoDB counts it for capacity (attribute names plus values). */
  readonly bytesReturned: number;
  /** Each returned item's size, for reads that round up per item (GetItem, BatchGetItem). */
  readonly itemSizes: readonly number[];
  /** Whether the read asked for strong consistency (which costs twice an eventually consistent read). */
  readonly consistentRead: boolean;
  /** When the call was sent and answered (performance.now()), to tell parallel calls from sequential ones. */
  readonly startedAt: number;
  readonly finishedAt: number;
}

export type DynamoObserver = (call: DynamoCall) => void;

const observers: DynamoObserver[] = [];

/** Registers an observer; returns the function that removes it. */
export function observeDynamo(observer: DynamoObserver): () => void {
  observers.push(observer);
  return () => {
    const index = observers.indexOf(observer);
    if (index >= 0) observers.splice(index, 1);
  };
}

function asCapacityList(value: unknown): ConsumedCapacity[] {
  if (Array.isArray(value)) return value as ConsumedCapacity[];
  return value ? [value] : [];
}

/** Items as the document client hands them back (already unmarshalled by the time this middleware sees them). */
type Item = Record<string, unknown>;

function returnedItems(output: Record<string, unknown>): Item[] {
  if (Array.isArray(output.Items)) return output.Items as Item[];
  if (output.Item) return [output.Item as Item];
  const responses = output.Responses;
  if (responses && typeof responses === 'object' && !Array.isArray(responses)) {
    return Object.values(responses as Record<string, Item[]>).flat();
  }
  return [];
}

const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Number sizes: about one byte per two significant digits, plus one. */
const numberBytes = (value: number | bigint): number =>
  Math.ceil(String(value).replace(/^[-0.]+|[.]/g, '').length / 2) + 1;

/** The size rules DynamoDB documents for item size (strings, numbers, binary, sets, lists, maps). */
function valueBytes(value: unknown): number {
  if (typeof value === 'string') return utf8Bytes(value);
  if (typeof value === 'number' || typeof value === 'bigint') return numberBytes(value);
  if (typeof value === 'boolean' || value === null) return 1;
  if (value instanceof Uint8Array) return value.length;
  if (value instanceof Set)
    return [...(value as Set<unknown>)].reduce<number>((sum, entry) => sum + valueBytes(entry), 0);
  if (Array.isArray(value)) return 3 + value.reduce<number>((sum, entry) => sum + 1 + valueBytes(entry), 0);
  if (typeof value === 'object') {
    return (
      3 +
      Object.entries(value).reduce((sum, [name, entry]) => sum + 1 + utf8Bytes(name) + valueBytes(entry), 0)
    );
  }
  return 0;
}

/** An item's size as DynamoDB counts it for capacity. */
export function itemBytes(item: Item): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8Bytes(name) + valueBytes(value), 0);
}

function asksForConsistentRead(input: Record<string, unknown>): boolean {
  if (input.ConsistentRead === true) return true;
  const requestItems = input.RequestItems;
  if (requestItems && typeof requestItems === 'object') {
    return Object.values(requestItems as Record<string, { ConsistentRead?: boolean }>).some(
      (request) => request.ConsistentRead === true,
    );
  }
  return false;
}

/** Adds the observing middleware to a client (before it is wrapped in the document client). */
export function attachDynamoObserver(client: DynamoDBClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (observers.length === 0) return next(args);
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity ??= 'TOTAL';
      const startedAt = performance.now();
      const result = await next(args);
      const finishedAt = performance.now();
      const output = result.output as unknown as Record<string, unknown>;
      const itemSizes = returnedItems(output).map(itemBytes);
      const call: DynamoCall = {
        command: context.commandName ?? 'unknown',
        consumedCapacity: asCapacityList(output.ConsumedCapacity),
        itemsReturned: itemSizes.length,
        bytesReturned: itemSizes.reduce((sum, size) => sum + size, 0),
        itemSizes,
        consistentRead: asksForConsistentRead(input),
        startedAt,
        finishedAt,
      };
      for (const observer of observers) observer(call);
      return result;
    },
    { step: 'initialize', name: 'lanternDynamoObserver' },
  );
}

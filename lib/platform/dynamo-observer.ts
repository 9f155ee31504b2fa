/**
 * Lets a diagnostic run (the benchmark) see every DynamoDB call the shared client makes, with the
 * capacity it consumed. With no observer registered the middleware does nothing, so production pays
 * for one array-length check per call.
 */
import type { ConsumedCapacity, DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface DynamoCall {
  /** e.g. QueryCommand, TransactWriteItemsCommand. */
  readonly command: string;
  readonly consumedCapacity: readonly ConsumedCapacity[];
  /** Items returned by a read (Query, GetItem, BatchGetItem), for comparing capacity with bytes returned. */
  readonly itemsReturned: number;
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

function countItems(output: Record<string, unknown>): number {
  if (Array.isArray(output.Items)) return output.Items.length;
  if (output.Item) return 1;
  const responses = output.Responses;
  if (responses && typeof responses === 'object' && !Array.isArray(responses)) {
    return Object.values(responses as Record<string, unknown[]>).reduce(
      (sum, items) => sum + items.length,
      0,
    );
  }
  return 0;
}

/** Adds the observing middleware to a client (before it is wrapped in the document client). */
export function attachDynamoObserver(client: DynamoDBClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (observers.length === 0) return next(args);
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity ??= 'TOTAL';
      const result = await next(args);
      const output = result.output as unknown as Record<string, unknown>;
      const call: DynamoCall = {
        command: context.commandName ?? 'unknown',
        consumedCapacity: asCapacityList(output.ConsumedCapacity),
        itemsReturned: countItems(output),
      };
      for (const observer of observers) observer(call);
      return result;
    },
    { step: 'initialize', name: 'lanternDynamoObserver' },
  );
}

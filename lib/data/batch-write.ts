/**
 * Writes any number of puts and deletes with BatchWriteItem: 25 requests a call, `concurrency` calls at a
 * time, and whatever DynamoDB leaves unprocessed retried (with a short, growing pause) until none remain,
 * so a caller can rely on every item being written or removed when this returns.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TableKey } from './keys';

export type WriteRequest =
  | { readonly PutRequest: { readonly Item: Record<string, unknown> } }
  | { readonly DeleteRequest: { readonly Key: TableKey } };

const BATCH_SIZE = 25;
const FIRST_PAUSE_MS = 20;
const LONGEST_PAUSE_MS = 1000;

export async function batchWriteAll(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  requests: readonly WriteRequest[],
  concurrency = 1,
): Promise<void> {
  const batches: WriteRequest[][] = [];
  for (let index = 0; index < requests.length; index += BATCH_SIZE) {
    batches.push(requests.slice(index, index + BATCH_SIZE));
  }
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let pending = batches[next++]!;
      for (let attempt = 0; pending.length > 0; attempt += 1) {
        if (attempt > 0) await sleep(Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS * 2 ** attempt));
        const result = await dynamo.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (result.UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}

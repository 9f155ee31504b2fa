/**
 * Writes the new school's items for a transfer, each as its own Put conditional on the item not existing
 * (BatchWrite cannot be conditional; a transaction per record would cost twice the capacity for nothing,
 * since a rerun completes whatever a stopped one left). A refused condition is answered by reading the
 * item: one this transfer wrote counts as done, and is never overwritten (the new school may have
 * changed it since); anything else there is an error.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TransactWriteItem } from '../../pupils/transact-write-item';

export interface CopyWrite {
  /** For the crash hook and for errors: what is being written. */
  readonly step: string;
  /** A Put built by the production item builders (lib/incidents/incident-items.ts and friends). */
  readonly item: TransactWriteItem;
  /** Whether an item already at this key is this transfer's own (so the write is already done). */
  readonly ours: (existing: Record<string, unknown>) => boolean;
}

export type WriteOutcome = 'written' | 'already';

/** The transfer's marker on an item (transferredFrom.transferId). */
export function markedBy(transferId: string): (existing: Record<string, unknown>) => boolean {
  return (existing) => {
    const marker = existing.transferredFrom as { transferId?: unknown } | undefined;
    return marker?.transferId === transferId;
  };
}

export class CopyWriter {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly beforeWrite: (step: string) => void,
  ) {}

  async write(write: CopyWrite): Promise<WriteOutcome> {
    const put = write.item.Put;
    if (!put) throw new Error(`${write.step}: the copy writes only Put items`);
    this.beforeWrite(write.step);
    try {
      await this.dynamo.send(new PutCommand(put));
      return 'written';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const item = put.Item as Record<string, unknown>;
    const existing = await this.dynamo.send(
      new GetCommand({ TableName: put.TableName, Key: { PK: item.PK, SK: item.SK }, ConsistentRead: true }),
    );
    if (existing.Item && write.ours(existing.Item)) return 'already';
    throw new Error(`${write.step}: ${String(item.PK)} / ${String(item.SK)} is held by another record`);
  }

  /** Runs every write, `concurrency` at a time; answers how many were newly written. */
  async writeAll(writes: readonly CopyWrite[], concurrency: number): Promise<number> {
    let next = 0;
    let written = 0;
    const worker = async () => {
      while (next < writes.length) {
        const write = writes[next++]!;
        if ((await this.write(write)) === 'written') written += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, writes.length)) }, worker));
    return written;
  }
}

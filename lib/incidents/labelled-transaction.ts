/**
 * One TransactWrite whose items carry labels, so a refusal can say which condition failed (the record
 * already exists, a category was disabled meanwhile, monitoring changed meanwhile) instead of a bare
 * "transaction cancelled".
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { MAX_TRANSACTION_ITEMS, type TransactWriteItem } from '../pupils/transact-write-item';

export interface LabelledWrite {
  readonly label: string;
  readonly item: TransactWriteItem;
}

/** Labels of the items whose conditions failed; nothing was written. */
export class TransactionRefusedError extends Error {
  constructor(readonly labels: readonly string[]) {
    super(`Transaction refused by: ${labels.join(', ') || 'a conflicting transaction'}`);
    this.name = 'TransactionRefusedError';
  }

  refusedBy(prefix: string): string[] {
    return this.labels.filter((label) => label.startsWith(prefix));
  }
}

export function labelled(label: string, items: readonly TransactWriteItem[]): LabelledWrite[] {
  return items.map((item) => ({ label, item }));
}

export async function writeLabelled(
  dynamo: DynamoDBDocumentClient,
  writes: readonly LabelledWrite[],
): Promise<void> {
  if (writes.length > MAX_TRANSACTION_ITEMS) {
    throw new Error(`A transaction of ${writes.length} items is over DynamoDB's ${MAX_TRANSACTION_ITEMS}`);
  }
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: writes.map((write) => write.item) }));
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = error.CancellationReasons ?? [];
    const labels = writes
      .filter((_, index) => reasons[index]?.Code === 'ConditionalCheckFailed')
      .map((write) => write.label);
    throw new TransactionRefusedError(labels);
  }
}

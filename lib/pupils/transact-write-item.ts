/** One item of a DynamoDB TransactWrite, as the document client takes it. */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';

export type TransactWriteItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

/** DynamoDB refuses a transaction of more than 100 items. */
export const MAX_TRANSACTION_ITEMS = 100;

/** The transaction was refused by the condition on its first item (the one it was built around). */
export function refusedFirstItem(error: unknown): boolean {
  return (
    error instanceof TransactionCanceledException &&
    error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
  );
}

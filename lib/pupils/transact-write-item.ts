/** One item of a DynamoDB TransactWrite, as the document client takes it. */
import type { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';

export type TransactWriteItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

/** DynamoDB refuses a transaction of more than 100 items. */
export const MAX_TRANSACTION_ITEMS = 100;

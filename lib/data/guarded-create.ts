/**
 * Creates an item together with a guard item that claims a unique value (a URN, an email), in one
 * transaction: both are written or neither, and a value already claimed refuses the whole write.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export class UniqueValueTakenError extends Error {
  constructor() {
    super('The unique value is already claimed.');
    this.name = 'UniqueValueTakenError';
  }
}

export async function createWithUniqueGuard(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  guard: Record<string, unknown>,
  item: Record<string, unknown>,
  /** Further new items that belong with `item` (a school's default user groups); at most 98. */
  companions: readonly Record<string, unknown>[] = [],
): Promise<void> {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [guard, item, ...companions].map((Item) => ({
          Put: { TableName: tableName, Item, ConditionExpression: 'attribute_not_exists(PK)' },
        })),
      }),
    );
  } catch (error) {
    if (
      error instanceof TransactionCanceledException &&
      error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
    ) {
      throw new UniqueValueTakenError();
    }
    throw error;
  }
}

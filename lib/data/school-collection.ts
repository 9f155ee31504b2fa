/**
 * Small per-school collections (alert groups, classes, settings): items under PK=SCHOOL#<id> with a
 * sort-key prefix, read whole with one Query and written whole with an optimistic version check.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import type { TableKey } from './keys';
import { prefixRange } from './prefix-range';

/** The item was changed by someone else since it was read, or (for updates) no longer exists. */
export class StaleItemError extends Error {
  constructor() {
    super('The item has changed since it was read.');
    this.name = 'StaleItemError';
  }
}

export interface Versioned {
  readonly version: number;
}

export interface CollectionShape<T extends Versioned> {
  readonly itemType: string;
  readonly schema: z.ZodType<T>;
  readonly key: (item: T) => TableKey;
}

/** Reads every item of a school partition with the given sort-key prefix (paged until done). */
export async function queryAll<T>(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  partition: string,
  sortKeyPrefix: string,
  schema: z.ZodType<T>,
): Promise<T[]> {
  return queryPages(dynamo, tableName, schema, {
    KeyConditionExpression: 'PK = :pk AND SK BETWEEN :prefix AND :prefixEnd',
    ExpressionAttributeValues: { ':pk': partition, ...prefixRange(':prefix', sortKeyPrefix) },
  });
}

/** Every item of a partition that holds one item type (e.g. the MIS pupil index), page by page. */
export async function queryPartition<T>(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  partition: string,
  schema: z.ZodType<T>,
): Promise<T[]> {
  return queryPages(dynamo, tableName, schema, {
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': partition },
  });
}

async function queryPages<T>(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  schema: z.ZodType<T>,
  condition: { KeyConditionExpression: string; ExpressionAttributeValues: Record<string, unknown> },
): Promise<T[]> {
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({ TableName: tableName, ...condition, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []).map((item) => schema.parse(item)));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

export async function getItem<T>(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  key: TableKey,
  schema: z.ZodType<T>,
): Promise<T | undefined> {
  const result = await dynamo.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  return result.Item ? schema.parse(result.Item) : undefined;
}

/**
 * Writes `item` if the stored copy still has version `item.version - 1` (or, for version 1, does
 * not exist yet). Raises StaleItemError otherwise, having changed nothing.
 */
export async function putVersioned<T extends Versioned>(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  shape: CollectionShape<T>,
  item: T,
): Promise<void> {
  const first = item.version === 1;
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...shape.key(item), itemType: shape.itemType, ...(shape.schema.parse(item) as object) },
        ConditionExpression: first ? 'attribute_not_exists(PK)' : 'version = :previous',
        ...(first ? {} : { ExpressionAttributeValues: { ':previous': item.version - 1 } }),
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new StaleItemError();
    throw error;
  }
}

/** Deletes an item if it is still at `version`. */
export async function deleteVersioned(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  key: TableKey,
  version: number,
): Promise<void> {
  try {
    await dynamo.send(
      new DeleteCommand({
        TableName: tableName,
        Key: key,
        ConditionExpression: 'version = :version',
        ExpressionAttributeValues: { ':version': version },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new StaleItemError();
    throw error;
  }
}

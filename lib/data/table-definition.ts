/**
 * The single table's shape: key attributes, generic GSIs and the TTL attribute.
 * The Data stack (CDK) and the local runtime both build the table from this one definition,
 * and a test checks that what CDK synthesizes equals what the local runtime creates.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export interface KeyPair {
  readonly partitionKey: string;
  readonly sortKey: string;
}

export interface GlobalIndexDefinition extends KeyPair {
  readonly indexName: string;
  /** The access patterns this index serves; repeated in the keys module's header. */
  readonly serves: string;
}

export const TABLE_KEYS: KeyPair = { partitionKey: 'PK', sortKey: 'SK' };

export const GLOBAL_INDEXES: readonly GlobalIndexDefinition[] = [
  {
    indexName: 'GSI1',
    partitionKey: 'GSI1PK',
    sortKey: 'GSI1SK',
    serves: 'operator lists across schools (schools by name); later: lookups by a secondary identity',
  },
  {
    indexName: 'GSI2',
    partitionKey: 'GSI2PK',
    sortKey: 'GSI2SK',
    serves: "per-school secondary orderings: a user's audit trail; later pupils by name, incidents by date",
  },
  {
    indexName: 'GSI3',
    partitionKey: 'GSI3PK',
    sortKey: 'GSI3SK',
    serves:
      'cross-school matching that must not leak: the transfer detector finds a pupil by the hash of a permanent UPN or ULN',
  },
];

/** Items with this numeric attribute (epoch seconds) are removed by DynamoDB TTL. */
export const TTL_ATTRIBUTE = 'expiresAt';

/** The CreateTable input the local runtime and the integration tests use. */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const keyAttributes = [TABLE_KEYS, ...GLOBAL_INDEXES].flatMap((pair) => [pair.partitionKey, pair.sortKey]);
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keyAttributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: GLOBAL_INDEXES.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}

/**
 * A fresh table per integration suite, built from the shared table definition, on the DynamoDB
 * stand-in started by the integration global setup. drop() deletes it.
 */
import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ensureTable } from '../../local/provision';

export interface TestTable {
  readonly tableName: string;
  readonly client: DynamoDBClient;
  readonly dynamo: DynamoDBDocumentClient;
  drop(): Promise<void>;
}

export async function createTestTable(prefix = 'it'): Promise<TestTable> {
  const tableName = `${prefix}-${randomUUID()}`;
  const client = new DynamoDBClient({});
  await ensureTable(client, tableName);
  return {
    tableName,
    client,
    dynamo: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    drop: async () => {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
      client.destroy();
    },
  };
}

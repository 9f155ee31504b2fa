/**
 * The benchmark's view of DynamoDB: every call through the shared client is reported with the capacity
 * DynamoDB Local says it consumed, and nothing is requested or reported when no one is observing.
 */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createAwsClients } from '../../../lib/platform/aws-clients';
import { observeDynamo, type DynamoCall } from '../../../lib/platform/dynamo-observer';
import { createTestTable, type TestTable } from '../../support/test-table';

let table: TestTable;

beforeAll(async () => {
  table = await createTestTable('observer');
});

afterAll(async () => {
  await table.drop();
});

it('reports each call with its consumed capacity and the items a read returned', async () => {
  const { dynamo } = createAwsClients();
  const calls: DynamoCall[] = [];
  const stop = observeDynamo((call) => calls.push(call));
  try {
    for (const sk of ['A', 'B', 'C']) {
      await dynamo.send(
        new PutCommand({
          TableName: table.tableName,
          Item: { PK: 'OBSERVED', SK: sk, body: 'x'.repeat(100) },
        }),
      );
    }
    await dynamo.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': 'OBSERVED' },
      }),
    );
    await dynamo.send(
      new GetCommand({ TableName: table.tableName, Key: { PK: 'OBSERVED', SK: 'A' }, ConsistentRead: true }),
    );
  } finally {
    stop();
  }
  expect(calls.map((call) => call.command)).toEqual([
    'PutItemCommand',
    'PutItemCommand',
    'PutItemCommand',
    'QueryCommand',
    'GetItemCommand',
  ]);
  expect(calls[4]!.consistentRead).toBe(true);
  expect(calls[4]!.consumedCapacity[0]!.CapacityUnits).toBe(1);
  expect(calls[0]!.consumedCapacity[0]!.CapacityUnits).toBe(1);
  expect(calls[3]!.itemsReturned).toBe(3);
  // Each item: 'PK' + 'OBSERVED' (10) + 'SK' + one letter (3) + 'body' + 100 characters (104).
  expect(calls[3]!.bytesReturned).toBe(3 * 117);
  expect(calls[3]!.itemSizes).toEqual([117, 117, 117]);
  expect(calls[3]!.consistentRead).toBe(false);
  // Three small items fit in one 4 KB read unit; a strongly consistent read is not asked for.
  expect(calls[3]!.consumedCapacity[0]!.CapacityUnits).toBe(0.5);
});

it('asks for no capacity figures and reports nothing once the observer is removed', async () => {
  const { dynamo } = createAwsClients();
  const calls: DynamoCall[] = [];
  observeDynamo((call) => calls.push(call))();
  const result = await dynamo.send(
    new PutCommand({ TableName: table.tableName, Item: { PK: 'OBSERVED', SK: 'D' } }),
  );
  expect(calls).toEqual([]);
  expect(result.ConsumedCapacity).toBeUndefined();
});

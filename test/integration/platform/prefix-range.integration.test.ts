/**
 * The "sort key starts with" range every repository queries with returns exactly what begins_with
 * would, on the DynamoDB stand-in: every continuation of the prefix (accented, other scripts, emoji),
 * in order, and nothing of the next prefix up.
 */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { prefixRange } from '../../../lib/data/prefix-range';
import { createTestTable, type TestTable } from '../../support/test-table';

let table: TestTable;
const PARTITION = 'SCHOOL#range-test';
const INSIDE = ['NAME#', 'NAME#abel', 'NAME#zoe', 'NAME#zoë', 'NAME#日本', 'NAME#😀', 'NAME#\u{10FFFF}'];
const OUTSIDE = ['NAMD#zzz', 'NAME', 'NAMF#', 'NAMF#abel', 'OTHER#1'];

beforeAll(async () => {
  table = await createTestTable('prefix-range');
  for (const SK of [...INSIDE, ...OUTSIDE]) {
    await table.dynamo.send(new PutCommand({ TableName: table.tableName, Item: { PK: PARTITION, SK } }));
  }
});

afterAll(async () => {
  await table.drop();
});

async function sortKeysStartingWith(prefix: string, forward: boolean): Promise<string[]> {
  const result = await table.dynamo.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :prefix AND :prefixEnd',
      ExpressionAttributeValues: { ':pk': PARTITION, ...prefixRange(':prefix', prefix) },
      ScanIndexForward: forward,
    }),
  );
  return (result.Items ?? []).map((item) => String(item.SK));
}

it('returns every sort key that starts with the prefix, and only those', async () => {
  const found = await sortKeysStartingWith('NAME#', true);
  expect([...found].sort()).toEqual([...INSIDE].sort());
});

it('keeps DynamoDB order both ways, as begins_with would', async () => {
  const forward = await sortKeysStartingWith('NAME#', true);
  const backward = await sortKeysStartingWith('NAME#', false);
  expect(backward).toEqual([...forward].reverse());
  expect(forward[0]).toBe('NAME#');
  expect(forward.at(-1)).toBe('NAME#\u{10FFFF}');
});

it('narrows to a longer prefix', async () => {
  await expect(sortKeysStartingWith('NAME#zo', true)).resolves.toEqual(['NAME#zoe', 'NAME#zoë']);
});

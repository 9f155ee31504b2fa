/**
 * What every staff request reads about its member: one BatchGet once the person's group is known to
 * the container, and never a stale group when they have been moved.
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { createAccessServices, type AccessServices } from '../../../lib/access/access-services';
import { createIdentityServices } from '../../../lib/identity/identity-services';
import { observeDynamo, type DynamoCall } from '../../../lib/platform/dynamo-observer';
import { createAwsClients } from '../../../lib/platform/aws-clients';
import { SchoolRepository } from '../../../lib/schools/school-repository';
import { LOCAL_DATA_KEY } from '../../../local/local-environment';
import { seedDemoData } from '../../../local/demo-seed';
import { createTestTable, type TestTable } from '../../support/test-table';

let table: TestTable;
let access: AccessServices;
let schoolId: string;
let personId: string;

beforeAll(async () => {
  table = await createTestTable('members');
  await seedDemoData(table.dynamo, table.tableName, 'eu-west-2', {
    kms: new KMSClient({}),
    dataKeyId: LOCAL_DATA_KEY.alias,
  });
  // The shared client is the one the observer sees, as in a handler.
  access = createAccessServices(createAwsClients().dynamo, table.tableName);
  schoolId = (await new SchoolRepository(table.dynamo, table.tableName).findIdByUrn('990001'))!;
  const identity = createIdentityServices(table.dynamo, table.tableName);
  personId = (await identity.memberships.listForSchool(schoolId)).find((member) =>
    member.email.startsWith('tom.'),
  )!.personId;
});

afterAll(async () => {
  await table.drop();
});

async function observedRead(): Promise<{
  calls: DynamoCall[];
  result: Awaited<ReturnType<AccessServices['members']['read']>>;
}> {
  const calls: DynamoCall[] = [];
  const stop = observeDynamo((call) => calls.push(call));
  try {
    return { calls, result: await access.members.read(schoolId, personId) };
  } finally {
    stop();
  }
}

it('reads the membership, settings and group in one batch once the group is known', async () => {
  const first = await observedRead();
  expect(first.result.membership?.status).toBe('active');
  expect(first.result.group?.name).toBe('Teachers');
  expect(first.result.settings.schoolId).toBe(schoolId);

  const second = await observedRead();
  expect(second.calls.map((call) => call.command)).toEqual(['BatchGetItemCommand']);
  expect(second.calls[0]!.consistentRead).toBe(true);
  expect(second.result.group?.groupId).toBe(first.result.group?.groupId);
});

it('reads the new group, not the remembered one, after the member is moved', async () => {
  const before = await observedRead();
  const groups = await access.groups.list(schoolId);
  const dsl = groups.find((group) => group.name === 'Designated Safeguarding Leads')!;
  await access.writer.move(
    schoolId,
    personId,
    before.result.group!.groupId,
    dsl.groupId,
    new Date().toISOString(),
  );

  const after = await observedRead();
  expect(after.result.group?.groupId).toBe(dsl.groupId);
  expect(after.calls.map((call) => call.command)).toEqual(['BatchGetItemCommand', 'GetItemCommand']);
});

it('gives no group once the membership has ended', async () => {
  const before = await observedRead();
  await access.writer.deactivate(schoolId, personId, before.result.group!.groupId, new Date().toISOString());
  const after = await observedRead();
  expect(after.result.membership?.status).toBe('deactivated');
  expect(after.result.group).toBeUndefined();
});

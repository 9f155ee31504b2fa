/**
 * What every staff request reads about its session and member: one BatchGet once the session and the
 * person's group are known to the container, and never a stale group or another school's membership
 * when they have been moved or have switched school.
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { createAccessServices, type AccessServices } from '../../../lib/access/access-services';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Session } from '../../../lib/identity/identity';
import { createIdentityServices, type IdentityServices } from '../../../lib/identity/identity-services';
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
let identity: IdentityServices;

beforeAll(async () => {
  table = await createTestTable('members');
  await seedDemoData(table.dynamo, table.tableName, 'eu-west-2', {
    kms: new KMSClient({}),
    dataKeyId: LOCAL_DATA_KEY.alias,
  });
  // The shared client is the one the observer sees, as in a handler.
  access = createAccessServices(createAwsClients().dynamo, table.tableName);
  schoolId = (await new SchoolRepository(table.dynamo, table.tableName).findIdByUrn('990001'))!;
  identity = createIdentityServices(table.dynamo, table.tableName);
  personId = (await identity.memberships.listForSchool(schoolId)).find((member) =>
    member.email.startsWith('tom.'),
  )!.personId;
});

afterAll(async () => {
  await table.drop();
});

/** Records the DynamoDB calls `work` makes on the shared client. */
async function observed<T>(work: () => Promise<T>): Promise<{ calls: DynamoCall[]; result: T }> {
  const calls: DynamoCall[] = [];
  const stop = observeDynamo((call) => calls.push(call));
  try {
    return { calls, result: await work() };
  } finally {
    stop();
  }
}

async function storedSession(schoolIdOfSession: string): Promise<Session> {
  const now = new Date();
  const session: Session = {
    sessionHash: randomBytes(32).toString('hex'),
    personId,
    schoolId: schoolIdOfSession,
    csrfToken: `csrf_${randomUUID()}${randomUUID()}`,
    elevated: false,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    idleTimeoutSeconds: 1800,
    absoluteExpiresAt: new Date(now.getTime() + 3_600_000).toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + 3600,
  };
  await identity.sessions.create(session);
  return session;
}

describe('a session seen before by this container', () => {
  it('is read with its membership, group and settings in one consistent batch', async () => {
    const session = await storedSession(schoolId);
    await expect(access.members.readWithSession(session.sessionHash)).resolves.toBeUndefined();
    await access.members.readFor(session);

    const again = await observed(() => access.members.readWithSession(session.sessionHash));
    expect(again.calls.map((call) => call.command)).toEqual(['BatchGetItemCommand']);
    expect(again.calls[0]!.consistentRead).toBe(true);
    expect(again.result?.session?.sessionHash).toBe(session.sessionHash);
    expect(again.result?.member?.membership?.personId).toBe(personId);
    expect(again.result?.member?.group?.name).toBe('Teachers');
    expect(again.result?.member?.settings.schoolId).toBe(schoolId);
  });

  it('comes back without a member when the session now names another school', async () => {
    const session = await storedSession(schoolId);
    await access.members.readFor(session);
    const riverside = (await new SchoolRepository(table.dynamo, table.tableName).findIdByUrn('990002'))!;
    await identity.sessions.switchSchool(session.sessionHash, riverside, 1800);

    const switched = await access.members.readWithSession(session.sessionHash);
    expect(switched?.session?.schoolId).toBe(riverside);
    expect(switched?.member).toBeUndefined();
  });

  it('is reported gone once the session has ended', async () => {
    const session = await storedSession(schoolId);
    await access.members.readFor(session);
    await identity.sessions.delete(session.sessionHash);

    await expect(access.members.readWithSession(session.sessionHash)).resolves.toEqual({
      session: undefined,
    });
    // Forgotten: the next request reads the session on its own, as for any unknown session.
    await expect(access.members.readWithSession(session.sessionHash)).resolves.toBeUndefined();
  });
});

async function observedRead(): Promise<{
  calls: DynamoCall[];
  result: Awaited<ReturnType<AccessServices['members']['read']>>;
}> {
  return observed(() => access.members.read(schoolId, personId));
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

/**
 * The operator CLI as an operator runs it against a deployed region (--table-name), here pointed
 * at the DynamoDB stand-in through the SDK's endpoint variables.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPOSITORY_ROOT } from '../../../lib/config/repository-root';
import { createIdentityServices } from '../../../lib/identity/identity-services';
import { OperatorTokenRepository } from '../../../lib/operators/operator-token-repository';
import { hashOperatorToken } from '../../../lib/operators/operator-token-service';
import { createTestTable, type TestTable } from '../../support/test-table';

jest.setTimeout(60_000);
const run = promisify(execFile);
let table: TestTable;

beforeAll(async () => {
  table = await createTestTable('cli');
});

afterAll(async () => {
  await table.drop();
});

function lantern(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(
    process.execPath,
    [
      join(REPOSITORY_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
      'local/cli.ts',
      ...args,
      '--table-name',
      table.tableName,
      '--region',
      'eu-west-2',
    ],
    { cwd: REPOSITORY_ROOT },
  );
}

it('creates a school and lists it', async () => {
  const created = await lantern(
    'school',
    'create',
    '--urn',
    '990101',
    '--la',
    '999',
    '--estab',
    '1101',
    '--name',
    'Cli Test School',
  );
  expect(JSON.parse(created.stdout)).toMatchObject({
    urn: '990101',
    dfeNumber: '9991101',
    region: 'eu-west-2',
  });
  const listed = await lantern('school', 'list');
  expect(listed.stdout).toMatch(/^990101\t9991101\tCli Test School\t[0-9a-f-]{36}$/m);
});

it('names the option that is wrong and exits non-zero, creating nothing', async () => {
  await expect(
    lantern('school', 'create', '--urn', '12', '--la', '999', '--estab', '1101', '--name', 'Bad'),
  ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('--urn: must be a 6-digit') });
  const listed = await lantern('school', 'list');
  expect(listed.stdout).not.toContain('Bad');
});

it('issues an operator token that is stored only as its hash', async () => {
  const { stdout } = await lantern('operator', 'token', 'create', '--label', 'Trust IT');
  const secret = stdout.trim().split('\n').pop()!;
  expect(secret).toMatch(/^lantern_op_[A-Za-z0-9_-]{43}$/);
  const stored = await new OperatorTokenRepository(table.dynamo, table.tableName).findByHash(
    hashOperatorToken(secret),
  );
  expect(stored?.label).toBe('Trust IT');
  expect(JSON.stringify(stored)).not.toContain(secret);
});

it('unlocks a locked-out person and records it in their security log', async () => {
  const identity = createIdentityServices(table.dynamo, table.tableName);
  const now = new Date().toISOString();
  await identity.people.create({
    personId: '11111111-1111-4111-8111-111111111111',
    email: 'locked.out@example.org',
    displayName: 'Locked Out',
    failedSignIns: 5,
    lockedUntil: new Date(Date.now() + 600_000).toISOString(),
    createdAt: now,
    updatedAt: now,
  });
  const { stdout } = await lantern('user', 'unlock', '--email', 'Locked.Out@example.org');
  expect(stdout).toContain('Unlocked locked.out@example.org');
  const person = await identity.people.findByEmail('locked.out@example.org');
  expect(person).toMatchObject({ failedSignIns: 0 });
  expect(person?.lockedUntil).toBeUndefined();
  const log = await identity.securityLog.list(person!.personId, 10);
  expect(log.map((event) => event.type)).toEqual(['account-unlocked']);
});

describe('operator user tasks', () => {
  const urn = '990121';

  beforeAll(async () => {
    await lantern(
      'school',
      'create',
      '--urn',
      urn,
      '--la',
      '999',
      '--estab',
      '1121',
      '--name',
      'Cli Users School',
    );
  });

  it("adds a new school's first administrator to its safeguarding leads group", async () => {
    const { stdout } = await lantern(
      'user',
      'add',
      '--urn',
      urn,
      '--email',
      'First.Admin@cli.example',
      '--name',
      'First Admin',
    );
    expect(stdout).toContain('Designated Safeguarding Leads');
    const identity = createIdentityServices(table.dynamo, table.tableName);
    const person = await identity.people.findByEmail('first.admin@cli.example');
    const [membership] = await identity.memberships.listForPerson(person!.personId);
    expect(membership).toMatchObject({ status: 'active', schoolName: 'Cli Users School' });
    expect(membership!.groupId).toBeDefined();
    await expect(
      lantern('user', 'add', '--urn', urn, '--email', 'first.admin@cli.example', '--name', 'First Admin'),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('already a user') as unknown });
  });

  it('names a group or school that does not exist, and a malformed email', async () => {
    await expect(
      lantern('user', 'add', '--urn', urn, '--email', 'a@cli.example', '--name', 'A', '--group', 'Wizards'),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('no user group called "Wizards"') as unknown });
    await expect(
      lantern('user', 'add', '--urn', '990999', '--email', 'a@cli.example', '--name', 'A'),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('No school with URN 990999') as unknown });
    await expect(
      lantern('user', 'add', '--urn', urn, '--email', 'not-an-email', '--name', 'A'),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('--email: must be an email address') as unknown,
    });
  });

  it('changes the sign-in email everywhere and frees the old one', async () => {
    await lantern('user', 'change-email', '--email', 'first.admin@cli.example', '--to', 'head@cli.example');
    const identity = createIdentityServices(table.dynamo, table.tableName);
    expect(await identity.people.findByEmail('first.admin@cli.example')).toBeUndefined();
    const person = await identity.people.findByEmail('head@cli.example');
    const [membership] = await identity.memberships.listForPerson(person!.personId);
    expect(membership!.email).toBe('head@cli.example');
  });

  it('removes every key of someone who lost theirs, and says so in their security log', async () => {
    const { stdout } = await lantern('user', 'remove-keys', '--email', 'head@cli.example');
    expect(stdout).toContain('Removed 0 key(s)');
    const identity = createIdentityServices(table.dynamo, table.tableName);
    const person = await identity.people.findByEmail('head@cli.example');
    const log = await identity.securityLog.list(person!.personId, 10);
    expect(log[0]).toMatchObject({ type: 'key-removed', sourceIp: 'operator CLI' });
  });
});

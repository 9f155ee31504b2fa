/** Session idle and absolute timeouts, with the clock under the test's control, on DynamoDB Local. */
import { randomUUID } from 'node:crypto';
import { createAccessServices } from '../../../lib/access/access-services';
import { createIdentityServices, type IdentityServices } from '../../../lib/identity/identity-services';
import { hashToken } from '../../../lib/identity/opaque-token';
import { hashPassword } from '../../../lib/identity/password-hashing';
import { DEFAULT_IDLE_TIMEOUT_MINUTES } from '../../../lib/access/school-settings';
import { ABSOLUTE_SESSION_MS } from '../../../lib/identity/sign-in-service';
import { createTestTable, type TestTable } from '../../support/test-table';

let table: TestTable;
let clock: Date;
let identity: IdentityServices;
const origin = { sourceIp: '192.0.2.10', userAgent: 'tests' };
const email = 'clock.test@example.org';
const password = 'a-long-test-password';

beforeAll(async () => {
  table = await createTestTable('sessions');
  identity = createIdentityServices(table.dynamo, table.tableName, () => clock);
  const personId = randomUUID();
  const schoolId = randomUUID();
  const now = new Date().toISOString();
  await identity.people.create({
    personId,
    email,
    displayName: 'Clock Test',
    passwordHash: await hashPassword(password),
    failedSignIns: 0,
    createdAt: now,
    updatedAt: now,
  });
  await identity.memberships.put({
    schoolId,
    personId,
    schoolName: 'Clock School',
    displayName: 'Clock Test',
    email,
    status: 'active',
    createdAt: now,
    updatedAt: now,
  });
});

afterAll(async () => {
  await table.drop();
});

const minutes = (count: number) => count * 60_000;

it('ends a session left idle for longer than the idle timeout, and keeps an active one alive', async () => {
  clock = new Date('2026-11-23T08:00:00Z');
  const { sessionId } = await identity.signIn.signIn({ email, password }, origin);

  clock = new Date(clock.getTime() + minutes(20));
  expect(await identity.signIn.authenticate(sessionId)).toBeDefined();
  clock = new Date(clock.getTime() + minutes(20));
  expect(await identity.signIn.authenticate(sessionId)).toBeDefined();

  clock = new Date(clock.getTime() + DEFAULT_IDLE_TIMEOUT_MINUTES * 60_000 + 1000);
  expect(await identity.signIn.authenticate(sessionId)).toBeUndefined();
  // Ended for good: the item is gone, not merely refused.
  clock = new Date(clock.getTime() - minutes(10));
  expect(await identity.signIn.authenticate(sessionId)).toBeUndefined();
});

it('applies the same idle timeout when the session is read in one batch with its member', async () => {
  const members = createAccessServices(table.dynamo, table.tableName).members;
  const together = {
    withSession: (sessionHash: string) => members.readWithSession(sessionHash),
    forSession: (session: Parameters<typeof members.readFor>[0]) => members.readFor(session),
  };
  clock = new Date('2026-11-23T10:00:00Z');
  const { sessionId } = await identity.signIn.signIn({ email, password }, origin);

  // The first request reads the session, then the member; later ones read both together.
  expect((await identity.signIn.authenticateWith(sessionId, together))?.membership.email).toBe(email);
  clock = new Date(clock.getTime() + minutes(20));
  expect((await identity.signIn.authenticateWith(sessionId, together))?.membership.email).toBe(email);

  clock = new Date(clock.getTime() + DEFAULT_IDLE_TIMEOUT_MINUTES * 60_000 + 1000);
  expect(await identity.signIn.authenticateWith(sessionId, together)).toBeUndefined();
  await expect(identity.sessions.get(hashToken(sessionId))).resolves.toBeUndefined();
  clock = new Date(clock.getTime() - minutes(10));
  expect(await identity.signIn.authenticateWith(sessionId, together)).toBeUndefined();
});

it('ends even an active session after the absolute lifetime', async () => {
  clock = new Date('2026-11-23T07:00:00Z');
  const started = clock.getTime();
  const { sessionId } = await identity.signIn.signIn({ email, password }, origin);
  while (clock.getTime() + minutes(20) < started + ABSOLUTE_SESSION_MS) {
    clock = new Date(clock.getTime() + minutes(20));
    expect(await identity.signIn.authenticate(sessionId)).toBeDefined();
  }
  clock = new Date(started + ABSOLUTE_SESSION_MS);
  expect(await identity.signIn.authenticate(sessionId)).toBeUndefined();
});

it('revokes a session on sign-out so its id never works again', async () => {
  clock = new Date('2026-11-23T09:00:00Z');
  const { sessionId, session } = await identity.signIn.signIn({ email, password }, origin);
  await identity.signIn.signOut(session, origin);
  expect(await identity.signIn.authenticate(sessionId)).toBeUndefined();
});

/**
 * Admin > Users, User groups and Settings over HTTP against the real stand-ins, as an elevated DSL:
 * each change is checked in what the API answers next, in who can still sign in, and in the audit log.
 */
import { startApiHarness, type ApiHarness } from '../../support/api-harness';
import { demoStaff, signInAs, signInElevated, type StaffClient } from '../../support/staff-client';

interface UserSummary {
  personId: string;
  displayName: string;
  email: string;
  status: 'active' | 'deactivated';
  groupId?: string;
  groupName?: string;
  hasKey: boolean;
  hasPassword: boolean;
  lockedUntil?: string;
}
interface UserGroup {
  groupId: string;
  name: string;
  memberCount: number;
  version: number;
  systemPermissions: string[];
}
interface Problem {
  type: string;
  errors?: { field: string; reason: string }[];
}
interface AuditPage {
  items: {
    action: string;
    resourceId: string;
    actorPersonId: string;
    sourceIp: string;
    userAgent: string;
    requestId: string;
    pupilId?: string;
  }[];
  nextCursor?: string;
}

let harness: ApiHarness;
let dsl: StaffClient;

beforeAll(async () => {
  harness = await startApiHarness();
  dsl = await signInElevated(harness.baseUrl, 'dana');
});

afterAll(async () => {
  await harness.close();
});

async function groups(): Promise<UserGroup[]> {
  const response = await dsl.json<{ items: UserGroup[] }>('GET', '/api/admin/user-groups');
  expect(response.status).toBe(200);
  return response.body.items;
}

async function groupNamed(name: string): Promise<UserGroup> {
  const group = (await groups()).find((candidate) => candidate.name === name);
  if (!group) throw new Error(`No group ${name}`);
  return group;
}

async function users(status: 'active' | 'deactivated' = 'active'): Promise<UserSummary[]> {
  const response = await dsl.json<{ items: UserSummary[] }>('GET', `/api/admin/users?status=${status}`);
  expect(response.status).toBe(200);
  return response.body.items;
}

async function auditOf(personId: string): Promise<AuditPage> {
  const response = await dsl.json<AuditPage>('GET', `/api/audit/users/${personId}?limit=100`);
  expect(response.status).toBe(200);
  return response.body;
}

it("starts a school with the default groups, and lists the school's users with their groups and keys", async () => {
  expect((await groups()).map((group) => group.name)).toEqual([
    'Designated Safeguarding Leads',
    'Non-teaching staff',
    'Senior Leadership Team',
    'Teachers',
  ]);
  const listed = await users();
  expect(listed.map((user) => [user.displayName, user.groupName, user.hasKey])).toEqual([
    ['Dana Shah', 'Designated Safeguarding Leads', true],
    ['Priya Nair', 'Designated Safeguarding Leads', true],
    ['Tom Reed', 'Teachers', false],
  ]);
});

it('adds a user by hand into a group, and refuses the same person twice', async () => {
  const teachers = await groupNamed('Teachers');
  const added = await dsl.json<UserSummary>('POST', '/api/admin/users', {
    email: 'Sam.Lee@Oakfield.example.org',
    displayName: 'Sam Lee',
    groupId: teachers.groupId,
    sendPasswordEmail: false,
  });
  expect(added.status).toBe(201);
  expect(added.body).toMatchObject({
    email: 'sam.lee@oakfield.example.org',
    status: 'active',
    groupName: 'Teachers',
    hasPassword: false,
  });
  expect((await groupNamed('Teachers')).memberCount).toBe(teachers.memberCount + 1);

  const again = await dsl.json<Problem>('POST', '/api/admin/users', {
    email: 'sam.lee@oakfield.example.org',
    displayName: 'Sam Lee',
    groupId: teachers.groupId,
  });
  expect(again.status).toBe(409);
  expect(again.body.errors?.[0]?.field).toBe('body.email');
});

it('adds someone who already works at another school as the same person, so they keep one sign-in', async () => {
  const ravi = demoStaff('ravi');
  const teachers = await groupNamed('Teachers');
  const added = await dsl.json<UserSummary>('POST', '/api/admin/users', {
    email: ravi.email,
    displayName: 'Ravi Cole',
    groupId: teachers.groupId,
    sendPasswordEmail: false,
  });
  expect(added.status).toBe(201);
  const client = await signInAs(harness.baseUrl, ravi);
  const session = await client.json<{ schools: { name: string }[] }>('GET', '/api/auth/session');
  expect(session.body.schools.map((school) => school.name)).toEqual([
    'Oakfield Primary School (demo)',
    'Riverside Academy (demo)',
  ]);
  // One school's admin cannot move a sign-in that also opens another school's records.
  const moved = await dsl.json<Problem>('PATCH', `/api/admin/users/${added.body.personId}`, {
    email: 'ravi.elsewhere@oakfield.example.org',
  });
  expect(moved.status).toBe(409);
});

it('keeps new users and changed emails within the allowed domains once set', async () => {
  const current = await dsl.json<{ version: number; idleTimeoutMinutes: number }>(
    'GET',
    '/api/admin/settings',
  );
  const saved = await dsl.json<{ version: number; allowedEmailDomains: string[] }>(
    'PUT',
    '/api/admin/settings',
    {
      idleTimeoutMinutes: current.body.idleTimeoutMinutes,
      allowedEmailDomains: ['Oakfield.example.org'],
      classRestrictionsEnabled: false,
      version: current.body.version,
    },
  );
  expect(saved.status).toBe(200);
  expect(saved.body.allowedEmailDomains).toEqual(['oakfield.example.org']);
  const before = (await users()).length;
  const refused = await dsl.json<Problem>('POST', '/api/admin/users', {
    email: 'someone@gmail.example.com',
    displayName: 'Someone',
    groupId: (await groupNamed('Teachers')).groupId,
  });
  expect(refused.status).toBe(400);
  expect(refused.body.errors?.[0]?.field).toBe('body.email');
  expect((await users()).length).toBe(before);

  const stale = await dsl.json<Problem>('PUT', '/api/admin/settings', {
    idleTimeoutMinutes: 20,
    allowedEmailDomains: [],
    classRestrictionsEnabled: false,
    version: current.body.version,
  });
  expect(stale.status).toBe(409);
  const reset = await dsl.json<Problem>('PUT', '/api/admin/settings', {
    idleTimeoutMinutes: 20,
    allowedEmailDomains: [],
    classRestrictionsEnabled: false,
    version: saved.body.version,
  });
  expect(reset.status).toBe(200);
});

it('gives sessions started after a change the new idle timeout', async () => {
  const current = await dsl.json<{ version: number }>('GET', '/api/admin/settings');
  const saved = await dsl.json<{ idleTimeoutMinutes: number }>('PUT', '/api/admin/settings', {
    idleTimeoutMinutes: 45,
    allowedEmailDomains: [],
    classRestrictionsEnabled: false,
    version: current.body.version,
  });
  expect(saved.body.idleTimeoutMinutes).toBe(45);
  const client = await signInAs(harness.baseUrl, demoStaff('tom'));
  const session = await client.json<{ idleTimeoutSeconds: number }>('GET', '/api/auth/session');
  expect(session.body.idleTimeoutSeconds).toBe(45 * 60);
});

it('ends a deactivated user’s access at once, and lets them back in when reactivated into a group', async () => {
  const tom = demoStaff('tom');
  const client = await signInAs(harness.baseUrl, tom);
  expect((await client.request('GET', '/api/auth/session')).status).toBe(200);

  const deactivated = await dsl.json<UserSummary>('POST', `/api/admin/users/${client.personId}/deactivate`);
  expect(deactivated.status).toBe(200);
  expect(deactivated.body.status).toBe('deactivated');
  expect(deactivated.body.groupId).toBeUndefined();
  expect((await client.request('GET', '/api/auth/session')).status).toBe(401);
  expect((await users('deactivated')).map((user) => user.email)).toContain(tom.email);
  await expect(signInAs(harness.baseUrl, tom)).rejects.toThrow(/401/);

  const teachers = await groupNamed('Teachers');
  const reactivated = await dsl.json<UserSummary>('POST', `/api/admin/users/${client.personId}/reactivate`, {
    groupId: teachers.groupId,
  });
  expect(reactivated.status).toBe(200);
  expect(reactivated.body.groupName).toBe('Teachers');
  expect((await groupNamed('Teachers')).memberCount).toBe(teachers.memberCount + 1);
  await expect(signInAs(harness.baseUrl, tom)).resolves.toMatchObject({ email: tom.email });
});

it('refuses to let an admin deactivate themselves', async () => {
  const response = await dsl.json<Problem>('POST', `/api/admin/users/${dsl.personId}/deactivate`);
  expect(response.status).toBe(409);
});

it('refuses to delete a group while it has members, and deletes it once they have moved', async () => {
  const created = await dsl.json<UserGroup>('POST', '/api/admin/user-groups', {
    name: 'Pastoral team',
    systemPermissions: ['incidents.add', 'students.list', 'students.list'],
    categoryPermissions: { behaviour: { viewStudents: true, viewIncidents: true, addIncidents: true } },
  });
  expect(created.status).toBe(201);
  expect(created.body.systemPermissions).toEqual(['incidents.add', 'students.list']);
  const duplicate = await dsl.json<Problem>('POST', '/api/admin/user-groups', {
    name: ' pastoral TEAM ',
    systemPermissions: [],
  });
  expect(duplicate.status).toBe(409);

  const tom = (await users()).find((user) => user.email.startsWith('tom'))!;
  const moved = await dsl.json<UserSummary>('PATCH', `/api/admin/users/${tom.personId}`, {
    groupId: created.body.groupId,
  });
  expect(moved.body.groupName).toBe('Pastoral team');

  const refused = await dsl.json<Problem>('DELETE', `/api/admin/user-groups/${created.body.groupId}`);
  expect(refused.status).toBe(409);
  expect((await groupNamed('Pastoral team')).memberCount).toBe(1);

  await dsl.json('PATCH', `/api/admin/users/${tom.personId}`, { groupId: tom.groupId });
  const deleted = await dsl.request('DELETE', `/api/admin/user-groups/${created.body.groupId}`);
  expect(deleted.status).toBe(204);
  expect((await groups()).map((group) => group.name)).not.toContain('Pastoral team');
});

it('saves a group only against the version it was read at, and names bad permissions', async () => {
  const slt = await groupNamed('Senior Leadership Team');
  const settings = { name: slt.name, systemPermissions: [...slt.systemPermissions, 'audit.view'] };
  const saved = await dsl.json<UserGroup>('PUT', `/api/admin/user-groups/${slt.groupId}`, {
    ...settings,
    version: slt.version,
  });
  expect(saved.status).toBe(200);
  expect(saved.body.version).toBe(slt.version + 1);
  const stale = await dsl.json<Problem>('PUT', `/api/admin/user-groups/${slt.groupId}`, {
    ...settings,
    version: slt.version,
  });
  expect(stale.status).toBe(409);
  const invalid = await dsl.json<Problem>('PUT', `/api/admin/user-groups/${slt.groupId}`, {
    name: slt.name,
    systemPermissions: ['admin.everything'],
    version: saved.body.version,
  });
  expect(invalid.status).toBe(400);
  expect(invalid.body.errors?.[0]?.field).toBe('body.systemPermissions.0');
});

it('unlocks a locked-out user and records it in their security log', async () => {
  const tom = demoStaff('tom');
  for (let attempt = 0; attempt < 5; attempt += 1) {
    await fetch(`${harness.baseUrl}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: tom.email, password: 'not the password' }),
    });
  }
  const locked = (await users()).find((user) => user.email === tom.email)!;
  expect(locked.lockedUntil).toBeDefined();
  await expect(signInAs(harness.baseUrl, tom)).rejects.toThrow(/401/);

  const unlocked = await dsl.json<UserSummary>('POST', `/api/admin/users/${locked.personId}/unlock`);
  expect(unlocked.body.lockedUntil).toBeUndefined();
  await expect(signInAs(harness.baseUrl, tom)).resolves.toMatchObject({ email: tom.email });
  const log = await dsl.json<{ items: { type: string }[] }>(
    'GET',
    `/api/admin/users/${locked.personId}/security-log`,
  );
  expect(log.body.items.map((event) => event.type)).toEqual(
    expect.arrayContaining(['account-locked', 'account-unlocked', 'sign-in-refused']),
  );
});

it('removes a user’s keys only when confirmed, and ends their sessions', async () => {
  const priya = await signInElevated(harness.baseUrl, 'priya');
  const unconfirmed = await dsl.json<Problem>('POST', `/api/admin/users/${priya.personId}/remove-keys`, {});
  expect(unconfirmed.status).toBe(400);
  expect(unconfirmed.body.errors?.[0]?.field).toBe('body.confirm');
  expect((await priya.request('GET', '/api/auth/session')).status).toBe(200);

  const removed = await dsl.json<{ removed: number }>(
    'POST',
    `/api/admin/users/${priya.personId}/remove-keys`,
    {
      confirm: true,
    },
  );
  expect(removed.body.removed).toBe(1);
  expect((await priya.request('GET', '/api/auth/session')).status).toBe(401);
  const detail = await dsl.json<{ keys: unknown[]; hasKey: boolean }>(
    'GET',
    `/api/admin/users/${priya.personId}`,
  );
  expect(detail.body).toMatchObject({ keys: [], hasKey: false });
});

it('audits every change with who, what, when and from where, newest first', async () => {
  const audit = await auditOf(dsl.personId);
  const actions = audit.items.map((item) => item.action);
  expect(actions).toEqual(
    expect.arrayContaining([
      'user.create',
      'user.update',
      'user.deactivate',
      'user.reactivate',
      'user.unlock',
      'user.keys.remove',
      'user-group.create',
      'user-group.update',
      'user-group.delete',
      'settings.update',
    ]),
  );
  // Newest first: the key removal (the last change above) leads.
  expect(actions.findIndex((action) => action === 'user.keys.remove')).toBeLessThan(
    actions.findIndex((action) => action === 'user.create'),
  );
  for (const item of audit.items) {
    expect(item).toMatchObject({ actorPersonId: dsl.personId, userAgent: 'lantern-tests' });
    expect(item.sourceIp).not.toBe('');
    expect(item.requestId).not.toBe('');
  }
});

it("records reading a pupil's audit report in that pupil's own audit, and pages newest first", async () => {
  const pupilId = 'pupil-0001';
  for (let read = 0; read < 3; read += 1) {
    expect((await dsl.request('GET', `/api/audit/pupils/${pupilId}`)).status).toBe(200);
  }
  const firstPage = await dsl.json<AuditPage>('GET', `/api/audit/pupils/${pupilId}?limit=2`);
  expect(firstPage.body.items).toHaveLength(2);
  expect(
    firstPage.body.items.every((item) => item.action === 'pupil.audit.read' && item.pupilId === pupilId),
  ).toBe(true);
  const rest = await dsl.json<AuditPage>(
    'GET',
    `/api/audit/pupils/${pupilId}?limit=10&cursor=${encodeURIComponent(firstPage.body.nextCursor!)}`,
  );
  expect(rest.body.items.length).toBeGreaterThanOrEqual(1);
  const forged = await dsl.json<Problem>(
    'GET',
    `/api/audit/pupils/pupil-0002?cursor=${encodeURIComponent(firstPage.body.nextCursor!)}`,
  );
  expect(forged.status).toBe(400);
});

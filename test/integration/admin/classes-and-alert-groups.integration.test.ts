/** Admin > Classes and Alert groups over HTTP, and what a session learns about its own access. */
import { startApiHarness, type ApiHarness } from '../../support/api-harness';
import { demoStaff, signInAs, signInElevated, type StaffClient } from '../../support/staff-client';

interface ClassGroup {
  classId: string;
  name: string;
  kind: string;
  awaitingAccess: boolean;
  version: number;
  access: { personIds: string[]; groupIds: string[] };
}
interface Problem {
  errors?: { field: string; reason: string }[];
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

it('tells a session what it may do: little before elevating, the group’s permissions after', async () => {
  const teacher = await signInAs(harness.baseUrl, demoStaff('tom'));
  const teacherAccess = await teacher.json<{ permissions: string[]; elevationWouldAdd: boolean }>(
    'GET',
    '/api/access/me',
  );
  expect(teacherAccess.body).toMatchObject({ elevationWouldAdd: false });
  expect(teacherAccess.body.permissions).toContain('incidents.add');
  expect(teacherAccess.body.permissions).not.toContain('students.details');

  const dslAccess = await dsl.json<{ permissions: string[]; elevated: boolean; groupName: string }>(
    'GET',
    '/api/access/me',
  );
  expect(dslAccess.body).toMatchObject({ elevated: true, groupName: 'Designated Safeguarding Leads' });
  expect(dslAccess.body.permissions).toEqual(expect.arrayContaining(['admin.users', 'audit.view']));
});

it('adds a class awaiting access, then grants it to a person and a user group', async () => {
  const created = await dsl.json<ClassGroup>('POST', '/api/admin/classes', { name: '7A', kind: 'tutor' });
  expect(created.status).toBe(201);
  expect(created.body.awaitingAccess).toBe(true);
  const duplicate = await dsl.json<Problem>('POST', '/api/admin/classes', { name: '7a', kind: 'tutor' });
  expect(duplicate.status).toBe(409);

  const groups = await dsl.json<{ items: { groupId: string; name: string }[] }>(
    'GET',
    '/api/admin/user-groups',
  );
  const slt = groups.body.items.find((group) => group.name === 'Senior Leadership Team')!;
  const granted = await dsl.json<ClassGroup>('PUT', `/api/admin/classes/${created.body.classId}/access`, {
    personIds: [dsl.personId],
    groupIds: [slt.groupId],
    version: created.body.version,
  });
  expect(granted.status).toBe(200);
  expect(granted.body).toMatchObject({
    awaitingAccess: false,
    access: { personIds: [dsl.personId], groupIds: [slt.groupId] },
  });

  const stale = await dsl.json<Problem>('PUT', `/api/admin/classes/${created.body.classId}/access`, {
    personIds: [],
    groupIds: [],
    version: created.body.version,
  });
  expect(stale.status).toBe(409);
  const stranger = await dsl.json<Problem>('PUT', `/api/admin/classes/${created.body.classId}/access`, {
    personIds: ['00000000-0000-4000-8000-000000000099'],
    groupIds: [],
    version: granted.body.version,
  });
  expect(stranger.status).toBe(400);
  expect(stranger.body.errors?.[0]?.field).toBe('body.personIds.0');
});

it('reports class restrictions as on once switched on in settings', async () => {
  const settings = await dsl.json<{ version: number }>('GET', '/api/admin/settings');
  await dsl.json('PUT', '/api/admin/settings', {
    idleTimeoutMinutes: 30,
    allowedEmailDomains: [],
    classRestrictionsEnabled: true,
    version: settings.body.version,
  });
  const classes = await dsl.json<{ classRestrictionsEnabled: boolean }>('GET', '/api/admin/classes');
  expect(classes.body.classRestrictionsEnabled).toBe(true);
  const access = await dsl.json<{ classRestricted: boolean }>('GET', '/api/access/me');
  expect(access.body.classRestricted).toBe(true);
});

it('keeps alert groups to this school’s active users, and edits them by version', async () => {
  const tom = (
    await dsl.json<{ items: { personId: string; email: string }[] }>('GET', '/api/admin/users')
  ).body.items.find((user) => user.email.startsWith('tom'))!;
  const created = await dsl.json<{ alertGroupId: string; version: number; personIds: string[] }>(
    'POST',
    '/api/admin/alert-groups',
    { name: 'DSLs', personIds: [dsl.personId, tom.personId, dsl.personId] },
  );
  expect(created.status).toBe(201);
  expect(created.body.personIds).toEqual([dsl.personId, tom.personId].sort());

  const outsider = await dsl.json<Problem>('POST', '/api/admin/alert-groups', {
    name: 'Outsiders',
    personIds: ['00000000-0000-4000-8000-000000000099'],
  });
  expect(outsider.status).toBe(400);

  const renamed = await dsl.json<{ name: string; version: number }>(
    'PUT',
    `/api/admin/alert-groups/${created.body.alertGroupId}`,
    { name: 'Safeguarding team', personIds: [dsl.personId], version: created.body.version },
  );
  expect(renamed.body).toMatchObject({ name: 'Safeguarding team', version: 2 });
  expect((await dsl.request('DELETE', `/api/admin/alert-groups/${created.body.alertGroupId}`)).status).toBe(
    204,
  );
  const list = await dsl.json<{ items: unknown[] }>('GET', '/api/admin/alert-groups');
  expect(list.body.items).toEqual([]);
});

/**
 * Users from MIS staff (IAM-5) over HTTP against the real stand-ins, as an elevated DSL: Add a user
 * lists the staff the MIS lists now and who is already a user, adding one links the user to them
 * (once only), and when the MIS stops listing them the import's deactivation (lib/mis/vanished-staff.ts)
 * ends their access if, and only if, the school's setting asks, never touching users added by hand.
 * MIS staff are written by the import's own MisStaffRepository, as an applied extract leaves them.
 */
import { randomUUID } from 'node:crypto';
import { GroupMembershipWriter } from '../../../lib/access/group-membership-writer';
import { AuditLog } from '../../../lib/audit/audit-log';
import { MembershipRepository } from '../../../lib/identity/membership-repository';
import type { MisStaff } from '../../../lib/mis/mis-extract';
import { MisStaffRepository } from '../../../lib/mis/staff-import';
import { VanishedStaffDeactivation } from '../../../lib/mis/vanished-staff';
import { startApiHarness, type ApiHarness } from '../../support/api-harness';
import { demoStaff, signInAs, signInElevated, type StaffClient } from '../../support/staff-client';
import { mailTo } from '../incidents/incident-test-support';

interface Candidate {
  misId: string;
  forename: string;
  surname: string;
  displayName: string;
  email?: string;
  roles: string[];
  user?: { personId: string; status: 'active' | 'deactivated'; linked: boolean };
}
interface UserSummary {
  personId: string;
  displayName: string;
  email: string;
  status: 'active' | 'deactivated';
  groupId?: string;
}
interface Problem {
  errors?: { field: string; reason: string }[];
}

const WENDY: MisStaff = {
  id: 'STF-001',
  title: 'Mrs',
  forename: 'Wendy',
  surname: 'Abbott',
  email: 'wendy.abbott@oakfield.example.org',
  roles: ['Teacher'],
};
const HUGO: MisStaff = {
  id: 'STF/002#b',
  forename: 'Hugo',
  surname: 'Brandt',
  roles: ['Teaching assistant'],
};
const TOM_IN_MIS: MisStaff = {
  id: 'STF-003',
  forename: 'Tom',
  surname: 'Reed',
  email: demoStaff('tom').email,
  roles: ['Teacher'],
};
const GONE: MisStaff = { id: 'STF-004', forename: 'Ada', surname: 'Gone', roles: [] };

let harness: ApiHarness;
let dsl: StaffClient;
let staff: MisStaffRepository;
let deactivation: VanishedStaffDeactivation;

beforeAll(async () => {
  harness = await startApiHarness();
  dsl = await signInElevated(harness.baseUrl, 'dana');
  staff = new MisStaffRepository(harness.table.dynamo, harness.table.tableName);
  deactivation = VanishedStaffDeactivation.over(harness.table.dynamo, harness.table.tableName);
  await staff.apply(dsl.schoolId, [WENDY, HUGO, TOM_IN_MIS, GONE], true, '2026-03-01T02:00:00.000Z');
  // Ada leaves before anyone adds her: no longer current, so not offered and not addable.
  await staff.apply(dsl.schoolId, [WENDY, HUGO, TOM_IN_MIS], true, '2026-03-02T02:00:00.000Z');
});

afterAll(async () => {
  await harness.close();
});

async function misStaff(): Promise<Candidate[]> {
  const response = await dsl.json<{ items: Candidate[] }>('GET', '/api/admin/mis/staff');
  expect(response.status).toBe(200);
  return response.body.items;
}

async function teachersGroupId(): Promise<string> {
  const response = await dsl.json<{ items: { groupId: string; name: string }[] }>(
    'GET',
    '/api/admin/user-groups',
  );
  const group = response.body.items.find((candidate) => candidate.name === 'Teachers');
  if (!group) throw new Error('No Teachers group');
  return group.groupId;
}

async function users(status: 'active' | 'deactivated'): Promise<UserSummary[]> {
  const response = await dsl.json<{ items: UserSummary[] }>('GET', `/api/admin/users?status=${status}`);
  return response.body.items;
}

/** Sets the school's setting, keeping the rest as they are. */
async function setDisableMissing(on: boolean): Promise<void> {
  const current = await dsl.json<{
    version: number;
    idleTimeoutMinutes: number;
    allowedEmailDomains: string[];
    classRestrictionsEnabled: boolean;
    requireAlert: boolean;
  }>('GET', '/api/admin/settings');
  const { version, idleTimeoutMinutes, allowedEmailDomains, classRestrictionsEnabled, requireAlert } =
    current.body;
  const saved = await dsl.json<{ disableUsersMissingFromMis: boolean }>('PUT', '/api/admin/settings', {
    idleTimeoutMinutes,
    allowedEmailDomains,
    classRestrictionsEnabled,
    requireAlert,
    disableUsersMissingFromMis: on,
    version,
  });
  expect(saved.status).toBe(200);
  expect(saved.body.disableUsersMissingFromMis).toBe(on);
}

/** Sets a first password through the emailed link, as the new user would, and signs them in. */
async function signInNewUser(email: string): Promise<StaffClient> {
  const match = /\/set-password\?token=(pw_[A-Za-z0-9_-]{43})/.exec(
    (await mailTo(email)).at(-1)?.body.text ?? '',
  );
  if (!match?.[1]) throw new Error(`No password link mailed to ${email}`);
  const password = 'a long enough passphrase for tests';
  const set = await fetch(`${harness.baseUrl}/api/auth/password`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'User-Agent': 'lantern-tests' },
    body: JSON.stringify({ token: match[1], password }),
  });
  expect(set.status).toBeLessThan(300);
  return signInAs(harness.baseUrl, { email, password });
}

it('lists the staff the MIS lists now, by surname, marking who is already a user', async () => {
  const listed = await misStaff();
  expect(listed.map((member) => [member.misId, member.displayName, member.user?.linked])).toEqual([
    ['STF-001', 'Wendy Abbott', undefined],
    ['STF/002#b', 'Hugo Brandt', undefined],
    // Tom was added by hand before the MIS listed him: already a user, by email, but not linked.
    ['STF-003', 'Tom Reed', false],
  ]);
  expect(listed[0]).toMatchObject({ email: WENDY.email, roles: ['Teacher'] });
  expect(listed[2]?.user?.status).toBe('active');
});

it('needs admin.users: a teacher is refused the list', async () => {
  const tom = await signInAs(harness.baseUrl, demoStaff('tom'));
  expect((await tom.request('GET', '/api/admin/mis/staff')).status).toBe(403);
});

it('adds a user from MIS staff, links them, and refuses a second user for the same member of staff', async () => {
  const groupId = await teachersGroupId();
  const added = await dsl.json<UserSummary>('POST', '/api/admin/users', {
    email: WENDY.email,
    displayName: 'Wendy Abbott',
    groupId,
    sendPasswordEmail: false,
    misStaffId: WENDY.id,
  });
  expect(added.status).toBe(201);
  const wendy = (await misStaff()).find((member) => member.misId === WENDY.id);
  expect(wendy?.user).toEqual({ personId: added.body.personId, status: 'active', linked: true });

  const before = (await users('active')).length;
  const second = await dsl.json<Problem>('POST', '/api/admin/users', {
    email: 'w.abbott.other@oakfield.example.org',
    displayName: 'Wendy Abbott',
    groupId,
    misStaffId: WENDY.id,
  });
  expect(second.status).toBe(409);
  expect(second.body.errors?.[0]?.field).toBe('body.misStaffId');
  expect((await users('active')).length).toBe(before);
});

it('refuses an MIS id the MIS does not list now, naming body.misStaffId, and adds nobody', async () => {
  const groupId = await teachersGroupId();
  const before = (await users('active')).length;
  for (const misStaffId of [GONE.id, 'STF-999']) {
    const refused = await dsl.json<Problem>('POST', '/api/admin/users', {
      email: `someone.${misStaffId.toLowerCase()}@oakfield.example.org`,
      displayName: 'Someone',
      groupId,
      misStaffId,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.field).toBe('body.misStaffId');
  }
  const empty = await dsl.json<Problem>('POST', '/api/admin/users', {
    email: 'someone.else@oakfield.example.org',
    displayName: 'Someone',
    groupId,
    misStaffId: '  ',
  });
  expect(empty.status).toBe(400);
  expect(empty.body.errors?.[0]?.field).toBe('body.misStaffId');
  expect((await users('active')).length).toBe(before);
});

it('refuses in the write itself a claim that lost a race, or of staff no longer current, writing nothing', async () => {
  // Two admins adding from the same member of staff at once both pass the service's checks; the
  // guard item in the membership transaction lets only the first through.
  const writer = new GroupMembershipWriter(harness.table.dynamo, harness.table.tableName);
  const memberships = new MembershipRepository(harness.table.dynamo, harness.table.tableName);
  const groupId = await teachersGroupId();
  const at = new Date().toISOString();
  const membership = (personId: string, misStaffId: string) => ({
    schoolId: dsl.schoolId,
    personId,
    schoolName: 'Oakfield Primary School (demo)',
    displayName: 'Racing',
    email: `${personId}@oakfield.example.org`,
    status: 'active' as const,
    groupId,
    misStaffId,
    createdAt: at,
    updatedAt: at,
  });
  const late = randomUUID();
  await expect(writer.add(membership(late, WENDY.id))).rejects.toMatchObject({ reason: 'mis-staff-taken' });
  const gone = randomUUID();
  await expect(writer.add(membership(gone, GONE.id))).rejects.toMatchObject({
    reason: 'mis-staff-not-current',
  });
  expect(await memberships.get(dsl.schoolId, late)).toBeUndefined();
  expect(await memberships.get(dsl.schoolId, gone)).toBeUndefined();
});

describe('when the MIS stops listing someone', () => {
  let hugo: StaffClient;
  let tom: StaffClient;

  beforeAll(async () => {
    const added = await dsl.json<UserSummary>('POST', '/api/admin/users', {
      email: 'hugo.brandt@oakfield.example.org',
      displayName: 'Hugo Brandt',
      groupId: await teachersGroupId(),
      sendPasswordEmail: true,
      misStaffId: HUGO.id,
    });
    expect(added.status).toBe(201);
    hugo = await signInNewUser('hugo.brandt@oakfield.example.org');
    tom = await signInAs(harness.baseUrl, demoStaff('tom'));
  });

  it('deactivates nobody while the setting is off (the default)', async () => {
    const settings = await dsl.json<{ disableUsersMissingFromMis: boolean }>('GET', '/api/admin/settings');
    expect(settings.body.disableUsersMissingFromMis).toBe(false);
    const { vanished } = await staff.apply(dsl.schoolId, [WENDY], true, '2026-03-03T02:00:00.000Z');
    expect(vanished.map((member) => member.misId).sort()).toEqual([HUGO.id, TOM_IN_MIS.id].sort());
    await expect(
      deactivation.deactivate(
        dsl.schoolId,
        vanished.map((member) => member.misId),
      ),
    ).resolves.toBe(0);
    expect((await hugo.request('GET', '/api/auth/session')).status).toBe(200);
    // The vanished are no longer offered.
    expect((await misStaff()).map((member) => member.misId)).toEqual([WENDY.id]);
  });

  it('with the setting on, deactivates the user added from them at once, audited as the MIS import; a user added by hand stays', async () => {
    // Saving settings without the field (an older client) leaves it as stored.
    await setDisableMissing(true);
    const current = await dsl.json<{ version: number; idleTimeoutMinutes: number }>(
      'GET',
      '/api/admin/settings',
    );
    const resaved = await dsl.json<{ disableUsersMissingFromMis: boolean }>('PUT', '/api/admin/settings', {
      idleTimeoutMinutes: current.body.idleTimeoutMinutes,
      allowedEmailDomains: [],
      classRestrictionsEnabled: false,
      version: current.body.version,
    });
    expect(resaved.body.disableUsersMissingFromMis).toBe(true);

    // Tom (added by hand, though the MIS listed someone with his email) vanished as well.
    const vanishedIds = [HUGO.id, TOM_IN_MIS.id];
    await expect(deactivation.deactivate(dsl.schoolId, vanishedIds)).resolves.toBe(1);

    expect((await hugo.request('GET', '/api/auth/session')).status).toBe(401);
    expect((await tom.request('GET', '/api/auth/session')).status).toBe(200);
    const deactivated = await users('deactivated');
    expect(deactivated.map((user) => user.email)).toEqual(['hugo.brandt@oakfield.example.org']);
    expect(deactivated[0]?.groupId).toBeUndefined();
    expect((await users('active')).map((user) => user.email)).toContain(demoStaff('tom').email);

    const trail = await new AuditLog(harness.table.dynamo, harness.table.tableName).forActor(
      dsl.schoolId,
      'system:mis-import',
      10,
    );
    expect(trail.items).toEqual([
      expect.objectContaining({
        action: 'user.deactivate',
        resourceType: 'user',
        resourceId: hugo.personId,
        actorName: 'MIS import',
        actorPersonId: 'system:mis-import',
      }),
    ]);

    // Run again (a retried import): already deactivated, so nothing changes and nothing is audited.
    await expect(deactivation.deactivate(dsl.schoolId, vanishedIds)).resolves.toBe(0);
    const again = await new AuditLog(harness.table.dynamo, harness.table.tableName).forActor(
      dsl.schoolId,
      'system:mis-import',
      10,
    );
    expect(again.items).toHaveLength(1);
  });

  it('refuses to add another user from the deactivated user’s member of staff once the MIS lists them again', async () => {
    await staff.apply(dsl.schoolId, [WENDY, HUGO], true, '2026-03-04T02:00:00.000Z');
    const hugoListed = (await misStaff()).find((member) => member.misId === HUGO.id);
    expect(hugoListed?.user).toEqual({ personId: hugo.personId, status: 'deactivated', linked: true });
    const refused = await dsl.json<Problem>('POST', '/api/admin/users', {
      email: 'hugo.new@oakfield.example.org',
      displayName: 'Hugo Brandt',
      groupId: await teachersGroupId(),
      misStaffId: HUGO.id,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.errors?.[0]?.field).toBe('body.misStaffId');
  });
});

/**
 * The web app's hand-written admin API types against the server's zod contracts (lib/admin/admin-api.ts
 * and friends), which the web tsconfig cannot import: every answer the contract allows is read by the
 * web parser without loss, and every body the web app sends is one the contract accepts. A field added
 * or renamed on one side only fails here rather than in a browser.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { getMyAccess } from '../../../lib/access/access-api';
import { NO_CATEGORY_ACCESS } from '../../../lib/access/permissions';
import { defaultSchoolSettings } from '../../../lib/access/school-settings';
import { newUserGroup } from '../../../lib/access/user-group';
import * as contracts from '../../../lib/admin/admin-api';
import { systemPermissionCatalogue } from '../../../lib/admin/user-group-service';
import { getUserAudit } from '../../../lib/audit/audit-api';
import { listMisStaff } from '../../../lib/mis/mis-staff-api';
import type { EndpointContract } from '../../../lib/platform/http/endpoint';

type WebResult = { ok: true; value: unknown } | { ok: false; problem: unknown };

/**
 * Calls a function of a web API module (web/src/api/<module>.ts) and returns its result. The root
 * tsconfig compiles Node code without the DOM library the web app is written against, so the web
 * modules are loaded by a path TypeScript does not follow; web/tsconfig.json type-checks them.
 */
async function callWeb(module: string, name: string, ...args: unknown[]): Promise<WebResult> {
  const loaded = (await import(`../../../web/src/api/${module}`)) as Record<string, unknown>;
  const fn = loaded[name];
  if (typeof fn !== 'function') throw new Error(`web/src/api/${module}.ts has no function ${name}`);
  return (fn as (...args: unknown[]) => Promise<WebResult>)(...args);
}

/** Like callWeb, for calls expected to succeed: their value. */
async function webValue(module: string, name: string, ...args: unknown[]): Promise<unknown> {
  const result = await callWeb(module, name, ...args);
  if (!result.ok) throw new Error(`${module}.${name} failed: ${JSON.stringify(result.problem)}`);
  return result.value;
}

const SCHOOL_ID = randomUUID();
const PERSON_ID = randomUUID();
const GROUP_ID = randomUUID();
const AT = '2026-03-02T09:30:00.000Z';

interface SentRequest {
  method: string;
  path: string;
  body: unknown;
}

let answerBody: unknown;
let answerStatus = 200;
let sent: SentRequest[] = [];

beforeEach(() => {
  sent = [];
  answerStatus = 200;
  jest.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    // The web client passes a relative path string; resolve it against any origin.
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'https://lantern.test',
    );
    sent.push({
      method: init?.method ?? 'GET',
      path: url.pathname + url.search,
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    });
    return Promise.resolve(
      answerStatus === 204
        ? new Response(null, { status: 204 })
        : new Response(JSON.stringify(answerBody), {
            status: answerStatus,
            headers: { 'Content-Type': 'application/json' },
          }),
    );
  });
});

afterEach(() => {
  jest.restoreAllMocks();
});

/** Answers the next request with `body`, which must satisfy the endpoint's response schema. */
function answerWith<C extends EndpointContract>(contract: C, body: z.input<C['response']>): void {
  answerBody = JSON.parse(JSON.stringify(contract.response.parse(body))) as unknown;
  answerStatus = contract.successStatus;
}

/** The one request made: its path matches the contract's template, and its body passes the contract. */
function sentTo(contract: EndpointContract): SentRequest {
  expect(sent).toHaveLength(1);
  const [request] = sent as [SentRequest];
  const template = new RegExp(`^${contract.path.replace(/\{[^}]+\}/g, '[^/?]+')}(\\?.*)?$`);
  expect(request.method).toBe(contract.method);
  expect(request.path).toMatch(template);
  if (contract.body) {
    const parsed = contract.body.safeParse(request.body);
    expect(parsed.error?.issues ?? []).toEqual([]);
  }
  if (contract.query) {
    const query = Object.fromEntries(new URL(request.path, 'https://lantern.test').searchParams);
    expect(contract.query.safeParse(query).success).toBe(true);
  }
  return request;
}

const summary = {
  personId: PERSON_ID,
  displayName: 'Sam Ahmed',
  email: 'sam.ahmed@oakfield.example.org',
  status: 'active' as const,
  groupId: GROUP_ID,
  groupName: 'Teachers',
  lockedUntil: AT,
  hasPassword: true,
  hasKey: true,
};

const group = {
  ...newUserGroup(
    SCHOOL_ID,
    {
      name: 'Pastoral team',
      description: 'Heads of year',
      systemPermissions: ['students.list', 'incidents.add'],
      categoryPermissions: { neglect: { viewStudents: true, viewIncidents: true, addIncidents: false } },
      newCategoryDefault: NO_CATEGORY_ACCESS,
    },
    AT,
  ),
  memberCount: 3,
};

const classGroup = {
  classId: randomUUID(),
  schoolId: SCHOOL_ID,
  name: '7R',
  kind: 'tutor' as const,
  access: { personIds: [PERSON_ID], groupIds: [GROUP_ID] },
  awaitingAccess: false,
  createdAt: AT,
  updatedAt: AT,
  version: 2,
};

describe('users', () => {
  it('reads the users list and sends the status as the contract asks', async () => {
    answerWith(contracts.listUsers, { items: [summary] });
    await expect(callWeb('admin-users', 'listUsers', 'deactivated')).resolves.toEqual({
      ok: true,
      value: [summary],
    });
    expect(sentTo(contracts.listUsers).path).toBe('/api/admin/users?status=deactivated');
  });

  it("reads a user's details with their keys", async () => {
    const key = { keyId: randomUUID(), type: 'webauthn' as const, label: 'Blue key', createdAt: AT };
    answerWith(contracts.getUser, { ...summary, keys: [key], worksAtOtherSchools: true });
    expect(await webValue('admin-users', 'getUser', PERSON_ID)).toEqual({
      ...summary,
      keys: [key],
      worksAtOtherSchools: true,
    });
    sentTo(contracts.getUser);
  });

  it.each([
    [
      'addUser',
      // A whole user summary, with more than a new user has: only the new user's fields may be sent.
      () => callWeb('admin-users', 'addUser', { ...summary, sendPasswordEmail: false }),
      contracts.addUser,
    ],
    [
      'addUser from MIS staff',
      () => callWeb('admin-users', 'addUser', { ...summary, sendPasswordEmail: true, misStaffId: 'STF/001' }),
      contracts.addUser,
    ],
    [
      'updateUser',
      () => callWeb('admin-users', 'updateUser', PERSON_ID, { displayName: 'Sam A', groupId: GROUP_ID }),
      contracts.updateUser,
    ],
    ['deactivateUser', () => callWeb('admin-users', 'deactivateUser', PERSON_ID), contracts.deactivateUser],
    [
      'reactivateUser',
      () => callWeb('admin-users', 'reactivateUser', PERSON_ID, GROUP_ID),
      contracts.reactivateUser,
    ],
    ['unlockUser', () => callWeb('admin-users', 'unlockUser', PERSON_ID), contracts.unlockUser],
  ] as const)(
    '%s sends what the contract takes and reads the user it answers with',
    async (_name, call, contract) => {
      answerWith(contract, summary);
      expect(await call()).toEqual({ ok: true, value: summary });
      sentTo(contract);
    },
  );

  it('lists MIS staff to add, with and without a user already here', async () => {
    const linked = {
      misId: 'STF/001',
      title: 'Mrs',
      forename: 'Wendy',
      surname: 'Abbott',
      displayName: 'Wendy Abbott',
      email: 'wendy.abbott@oakfield.example.org',
      roles: ['Teacher'],
      user: { personId: PERSON_ID, status: 'deactivated' as const, linked: true },
    };
    const notYet = {
      misId: 'STF-2',
      forename: 'Hugo',
      surname: 'Brandt',
      displayName: 'Hugo Brandt',
      roles: [],
    };
    answerWith(listMisStaff, { items: [linked, notYet] });
    expect(await webValue('admin-mis-staff', 'listMisStaff')).toEqual([linked, notYet]);
    sentTo(listMisStaff);
  });

  it('removes keys with the confirmation the contract demands, and sends password links', async () => {
    answerWith(contracts.removeUserKeys, { removed: 2 });
    expect(await webValue('admin-users', 'removeUserKeys', PERSON_ID)).toBe(2);
    sentTo(contracts.removeUserKeys);

    sent = [];
    answerWith(contracts.sendUserPasswordLink, { message: 'On its way.' });
    expect(await webValue('admin-users', 'sendUserPasswordLink', PERSON_ID)).toBe('On its way.');
    sentTo(contracts.sendUserPasswordLink);
  });

  it('reads a security log, including entry types newer than the web app', async () => {
    const event = {
      eventId: randomUUID(),
      personId: PERSON_ID,
      type: 'elevation-refused' as const,
      at: AT,
      schoolId: SCHOOL_ID,
      sourceIp: '203.0.113.9',
      userAgent: 'Firefox',
      reason: 'wrong code',
    };
    answerWith(contracts.getUserSecurityLog, { items: [event] });
    const { personId: _personId, ...shown } = event;
    expect(await webValue('admin-users', 'fetchUserSecurityLog', PERSON_ID, 50)).toEqual([shown]);
    sentTo(contracts.getUserSecurityLog);
  });
});

describe('user groups', () => {
  const settingsOf = {
    name: group.name,
    description: group.description,
    systemPermissions: group.systemPermissions,
    categoryPermissions: group.categoryPermissions,
    newCategoryDefault: group.newCategoryDefault,
  };

  it('reads the groups and the permission catalogue', async () => {
    answerWith(contracts.listUserGroups, { items: [group], systemPermissions: systemPermissionCatalogue() });
    await expect(webValue('admin-user-groups', 'listUserGroups')).resolves.toEqual({
      groups: [
        expect.objectContaining({ ...settingsOf, groupId: group.groupId, memberCount: 3, version: 1 }),
      ],
      systemPermissions: systemPermissionCatalogue(),
    });
    sentTo(contracts.listUserGroups);
  });

  it('creates and replaces a group with bodies the contract accepts', async () => {
    answerWith(contracts.createUserGroup, group);
    // The whole group, as a form built from one holds it: only its settings may go to the API.
    await expect(webValue('admin-user-groups', 'createUserGroup', group)).resolves.toMatchObject({
      memberCount: 3,
    });
    sentTo(contracts.createUserGroup);

    sent = [];
    answerWith(contracts.updateUserGroup, { ...group, version: 2 });
    await expect(
      webValue('admin-user-groups', 'updateUserGroup', group.groupId, group, 1),
    ).resolves.toMatchObject({ version: 2 });
    expect(sentTo(contracts.updateUserGroup).body).toMatchObject({ version: 1 });

    sent = [];
    answerStatus = 204;
    await expect(callWeb('admin-user-groups', 'deleteUserGroup', group.groupId)).resolves.toEqual({
      ok: true,
      value: true,
    });
    sentTo(contracts.deleteUserGroup);
  });
});

describe('alert groups, classes and settings', () => {
  it('reads, creates and replaces alert groups', async () => {
    const alertGroup = {
      alertGroupId: randomUUID(),
      schoolId: SCHOOL_ID,
      name: 'DSLs',
      personIds: [PERSON_ID],
      createdAt: AT,
      updatedAt: AT,
      version: 4,
    };
    answerWith(contracts.listAlertGroups, { items: [alertGroup] });
    expect(await webValue('admin-alert-groups', 'listAlertGroups')).toEqual([
      { alertGroupId: alertGroup.alertGroupId, name: 'DSLs', personIds: [PERSON_ID], version: 4 },
    ]);
    sentTo(contracts.listAlertGroups);

    sent = [];
    answerWith(contracts.createAlertGroup, alertGroup);
    await webValue('admin-alert-groups', 'createAlertGroup', { name: 'DSLs', personIds: [PERSON_ID] });
    sentTo(contracts.createAlertGroup);

    sent = [];
    answerWith(contracts.updateAlertGroup, alertGroup);
    await webValue(
      'admin-alert-groups',
      'updateAlertGroup',
      alertGroup.alertGroupId,
      { name: 'DSLs', personIds: [] },
      4,
    );
    sentTo(contracts.updateAlertGroup);
  });

  it('reads classes with the restriction setting, adds one and replaces its access', async () => {
    answerWith(contracts.listClassGroups, { items: [classGroup], classRestrictionsEnabled: true });
    const { schoolId: _schoolId, createdAt: _createdAt, updatedAt: _updatedAt, ...shown } = classGroup;
    expect(await webValue('admin-classes', 'listClasses')).toEqual({
      classes: [shown],
      classRestrictionsEnabled: true,
    });
    sentTo(contracts.listClassGroups);

    sent = [];
    answerWith(contracts.createClassGroup, classGroup);
    await webValue('admin-classes', 'createClass', '7R', 'tutor');
    sentTo(contracts.createClassGroup);

    sent = [];
    answerWith(contracts.updateClassAccess, classGroup);
    await webValue('admin-classes', 'updateClassAccess', classGroup.classId, classGroup.access, 2);
    sentTo(contracts.updateClassAccess);
  });

  it('reads and saves the school settings, version 0 before the first save', async () => {
    const stored = defaultSchoolSettings(SCHOOL_ID, AT);
    answerWith(contracts.getSchoolSettings, stored);
    const input = {
      idleTimeoutMinutes: 30,
      allowedEmailDomains: [],
      classRestrictionsEnabled: false,
      requireAlert: false,
      disableUsersMissingFromMis: false,
    };
    await expect(webValue('admin-settings', 'fetchSchoolSettings')).resolves.toEqual({
      ...input,
      version: 0,
    });
    sentTo(contracts.getSchoolSettings);

    sent = [];
    answerWith(contracts.updateSchoolSettings, { ...stored, version: 1 });
    await webValue(
      'admin-settings',
      'saveSchoolSettings',
      {
        ...input,
        allowedEmailDomains: ['oakfield.sch.uk'],
        requireAlert: true,
        disableUsersMissingFromMis: true,
      },
      0,
    );
    sentTo(contracts.updateSchoolSettings);
  });
});

describe('access and audit', () => {
  it('reads what this session may do', async () => {
    const access = {
      groupName: 'Designated Safeguarding Leads',
      elevated: false,
      permissions: ['incidents.add' as const],
      elevationWouldAdd: true,
      classRestricted: false,
    };
    answerWith(getMyAccess, access);
    await expect(callWeb('my-access', 'fetchMyAccess')).resolves.toEqual({ ok: true, value: access });
    sentTo(getMyAccess);
  });

  it("reads a page of a user's audit trail and asks for the next with its cursor", async () => {
    const event = {
      eventId: randomUUID(),
      schoolId: SCHOOL_ID,
      actorPersonId: PERSON_ID,
      actorName: 'Sam Ahmed',
      action: 'user.update' as const,
      resourceType: 'user',
      resourceId: randomUUID(),
      at: AT,
      sourceIp: '203.0.113.9',
      userAgent: 'Firefox',
      requestId: 'r-1',
      detail: 'changed group',
    };
    answerWith(getUserAudit, { items: [event], nextCursor: 'next-page' });
    const page = await webValue('audit', 'fetchUserAudit', PERSON_ID, 20, 'this-page');
    expect(page).toEqual({
      events: [expect.objectContaining({ action: 'user.update', detail: 'changed group' })],
      nextCursor: 'next-page',
    });
    expect(sentTo(getUserAudit).path).toBe(`/api/audit/users/${PERSON_ID}?limit=20&cursor=this-page`);
  });
});

/**
 * Deny by default, proven for every route that exists: each endpoint contract is called without
 * credentials, with the wrong kind, without the permission it names (refused) and with it (admitted).
 * A member of one school reads nothing of another through any staff route, and cannot reach another
 * school's users or groups by putting their ids in a request. The route list comes from the contracts,
 * so a new route is covered the day it is added. The finer layers, category permissions and class
 * restrictions, are proven per pupil-data route in record-access-matrix.integration.test.ts.
 */
import { NON_KEY_SYSTEM_PERMISSIONS } from '../../../lib/access/permissions';
import { ALL_ENDPOINTS } from '../../../lib/platform/openapi/all-endpoints';
import type { EndpointContract } from '../../../lib/platform/http/endpoint';
import { DEMO_OPERATOR_TOKEN, DEMO_SCHOOLS } from '../../../local/demo-seed';
import { SchoolRepository } from '../../../lib/schools/school-repository';
import { createAccessServices } from '../../../lib/access/access-services';
import { createIdentityServices } from '../../../lib/identity/identity-services';
import { startApiHarness, type ApiHarness } from '../../support/api-harness';
import { demoStaff, signInAs, signInElevated, type StaffClient } from '../../support/staff-client';

let harness: ApiHarness;
/** A teacher: no key, the Teachers group. */
let teacher: StaffClient;
/** The Oakfield DSL, elevated: every permission the DSL group has. */
let dsl: StaffClient;
/** The same DSL in a session that has not elevated. */
let dslWithoutKey: StaffClient;
/** An Oakfield MIS connector credential, and the school it pushes for. */
let connector: { headers: Record<string, string>; schoolId: string };
let riverside: { schoolId: string; name: string; groupIds: string[]; personIds: string[]; emails: string[] };

beforeAll(async () => {
  harness = await startApiHarness();
  teacher = await signInAs(harness.baseUrl, demoStaff('tom'));
  dsl = await signInElevated(harness.baseUrl, 'dana');
  dslWithoutKey = await signInAs(harness.baseUrl, demoStaff('dana'));
  const issued = await dsl.json<{ secret: string; schoolId: string }>('POST', '/api/admin/mis/connectors', {
    label: 'Access matrix',
  });
  expect(issued.status).toBe(201);
  connector = { headers: { Authorization: `Bearer ${issued.body.secret}` }, schoolId: issued.body.schoolId };
  const schools = new SchoolRepository(harness.table.dynamo, harness.table.tableName);
  const school = DEMO_SCHOOLS.find((candidate) => candidate.urn === '990002')!;
  const schoolId = (await schools.findIdByUrn(school.urn))!;
  const access = createAccessServices(harness.table.dynamo, harness.table.tableName);
  const identity = createIdentityServices(harness.table.dynamo, harness.table.tableName);
  const members = await identity.memberships.listForSchool(schoolId);
  riverside = {
    schoolId,
    name: school.name,
    groupIds: (await access.groups.list(schoolId)).map((group) => group.groupId),
    // Only Riverside's own staff: the trust lead also works at Oakfield.
    personIds: members
      .filter((member) => member.email.includes('riverside'))
      .map((member) => member.personId),
    emails: members.filter((member) => member.email.includes('riverside')).map((member) => member.email),
  };
});

afterAll(async () => {
  await harness.close();
});

const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000';

function pathOf(contract: EndpointContract, id = PLACEHOLDER_ID): string {
  return contract.path.replace(/\{[^}]+\}/g, id);
}

function call(contract: EndpointContract, headers: Record<string, string>, id?: string): Promise<Response> {
  const hasBody = contract.method !== 'GET';
  return fetch(`${harness.baseUrl}${pathOf(contract, id)}`, {
    method: contract.method,
    headers: { ...(hasBody ? { 'Content-Type': 'application/json' } : {}), ...headers },
    ...(hasBody ? { body: '{}' } : {}),
  });
}

const sessionHeaders = (client: StaffClient) => ({ Cookie: client.cookie, 'X-CSRF-Token': client.csrfToken });
const operatorHeaders = { Authorization: `Bearer ${DEMO_OPERATOR_TOKEN}` };

const guarded = ALL_ENDPOINTS.filter((contract) => contract.access.kind !== 'public');
// Signing out would end the sessions the rest of the matrix uses; it is exercised in the sign-in tests.
const sessionEnding = new Set(['signOut', 'signOutEverywhere']);
const named = (contracts: readonly EndpointContract[]) =>
  contracts.map((contract) => [`${contract.method} ${contract.path}`, contract] as const);
const permissionOf = (contract: EndpointContract) =>
  contract.access.kind === 'staff' ? contract.access.permission : undefined;

it('has a rule for every route, and only health, the API description and sign-in steps are public', () => {
  const publicIds = ALL_ENDPOINTS.filter((contract) => contract.access.kind === 'public').map(
    (c) => c.operationId,
  );
  expect(publicIds.sort()).toEqual(
    ['getHealth', 'getOpenApiDocument', 'requestPasswordLink', 'setPassword', 'signIn'].sort(),
  );
});

it('offers no route that changes or deletes audit records', () => {
  const auditRoutes = ALL_ENDPOINTS.filter((contract) => contract.path.startsWith('/api/audit'));
  expect(auditRoutes.length).toBeGreaterThan(0);
  expect(auditRoutes.every((contract) => contract.method === 'GET')).toBe(true);
});

describe.each(named(guarded))('%s', (_name, contract) => {
  it('refuses a caller without credentials', async () => {
    expect((await call(contract, {})).status).toBe(401);
  });

  it('refuses the other kinds of credential', async () => {
    const wrongKinds =
      contract.access.kind === 'operator'
        ? [sessionHeaders(dsl), connector.headers]
        : contract.access.kind === 'connector'
          ? [sessionHeaders(dsl), operatorHeaders]
          : [operatorHeaders, connector.headers];
    for (const wrong of wrongKinds) expect((await call(contract, wrong)).status).toBe(401);
  });
});

const admissible = guarded.filter((contract) => !sessionEnding.has(contract.operationId));

it.each(named(admissible))(
  '%s admits a caller with the right credential and permission',
  async (_name, contract) => {
    if (contract.access.kind === 'connector') {
      // A connector acts for its own school: the path names it.
      const response = await call(contract, connector.headers, connector.schoolId);
      expect([401, 403]).not.toContain(response.status);
      return;
    }
    const right = contract.access.kind === 'operator' ? operatorHeaders : sessionHeaders(dsl);
    const response = await call(contract, right);
    // Past the access check: the answer may still be 400/404 for this placeholder input, never 401/403.
    expect([401, 403]).not.toContain(response.status);
  },
);

const needingPermission = guarded.filter((contract) => permissionOf(contract) !== undefined);
/** Routes whose permission works without a key (recording a concern, attaching files): teachers have it. */
const withoutKey = needingPermission.filter((contract) =>
  NON_KEY_SYSTEM_PERMISSIONS.has(permissionOf(contract)!),
);
const needingKey = needingPermission.filter((contract) => !withoutKey.includes(contract));

it.each(named(withoutKey))(
  '%s admits a member without a key whose group grants it',
  async (_name, contract) => {
    for (const member of [teacher, dslWithoutKey]) {
      const response = await call(contract, sessionHeaders(member));
      expect([401, 403]).not.toContain(response.status);
    }
  },
);

it('has permission-guarded routes to test', () => {
  expect(needingPermission.length).toBeGreaterThan(20);
});

it.each(named(needingKey))(
  '%s refuses a member whose group lacks the permission',
  async (_name, contract) => {
    const response = await call(contract, sessionHeaders(teacher));
    expect(response.status).toBe(403);
    expect(((await response.json()) as { type: string }).type).toBe('urn:lantern:problem:forbidden');
  },
);

it.each(named(needingKey))(
  '%s asks a key holder who has not elevated to elevate',
  async (_name, contract) => {
    const response = await call(contract, sessionHeaders(dslWithoutKey));
    expect(response.status).toBe(403);
    expect(((await response.json()) as { type: string }).type).toBe('urn:lantern:problem:elevation-required');
  },
);

it('writes each refusal to the refused person’s security log', async () => {
  const response = await teacher.json<{ items: { type: string; reason?: string }[] }>(
    'GET',
    // The largest page: there are more refused routes than the default page of 50 holds.
    '/api/auth/security-log?limit=100',
  );
  const refusals = response.body.items.filter((event) => event.type === 'access-refused');
  expect(refusals.length).toBeGreaterThanOrEqual(needingKey.length);
  expect(refusals.map((event) => event.reason)).toContain('listUsers: no admin.users permission');
});

describe('between schools', () => {
  const staffReads = ALL_ENDPOINTS.filter(
    (contract) => contract.access.kind === 'staff' && contract.method === 'GET',
  );

  function leaks(text: string): string[] {
    return [riverside.schoolId, riverside.name, ...riverside.emails, ...riverside.groupIds].filter((value) =>
      text.includes(value),
    );
  }

  it('gives an elevated admin of one school nothing of another through any staff read', async () => {
    expect(staffReads.length).toBeGreaterThan(5);
    for (const contract of staffReads) {
      const text = await (await call(contract, sessionHeaders(dsl))).text();
      expect({ route: contract.path, leaks: leaks(text) }).toEqual({ route: contract.path, leaks: [] });
    }
  });

  it("answers another school's user and group ids as unknown, on every route that takes an id", async () => {
    const withIds = ALL_ENDPOINTS.filter(
      (contract) =>
        contract.access.kind === 'staff' &&
        /\{(personId|groupId)\}/.test(contract.path) &&
        !sessionEnding.has(contract.operationId),
    );
    expect(withIds.length).toBeGreaterThan(5);
    const outcomes: { route: string; status: number; leaks: string[] }[] = [];
    for (const contract of withIds) {
      const ids = contract.path.includes('{personId}') ? riverside.personIds : riverside.groupIds;
      for (const id of ids) {
        const response = await call(contract, sessionHeaders(dsl), id);
        // The problem's `instance` echoes the requested path, so the id asked for is not itself a leak.
        const found = leaks(await response.text()).filter((value) => value !== id);
        outcomes.push({ route: contract.path, status: response.status, leaks: found });
      }
    }
    // 404 for the id, or 400 for the placeholder body: never a success, never the other school's data.
    const wrong = outcomes.filter(
      (outcome) => ![400, 404].includes(outcome.status) || outcome.leaks.length > 0,
    );
    expect(wrong).toEqual([]);
    expect(outcomes.length).toBeGreaterThanOrEqual(withIds.length);
  });

  it('changes nothing of another school when its ids are forged into changes', async () => {
    const access = createAccessServices(harness.table.dynamo, harness.table.tableName);
    const identity = createIdentityServices(harness.table.dynamo, harness.table.tableName);
    const before = {
      groups: await access.groups.list(riverside.schoolId),
      members: await identity.memberships.listForSchool(riverside.schoolId),
    };
    const [personId] = riverside.personIds as [string];
    const [groupId] = riverside.groupIds as [string];
    const attempts = await Promise.all([
      dsl.request('POST', `/api/admin/users/${personId}/deactivate`),
      dsl.request('PATCH', `/api/admin/users/${personId}`, { displayName: 'Forged' }),
      dsl.request('POST', `/api/admin/users/${personId}/remove-keys`, { confirm: true }),
      dsl.request('DELETE', `/api/admin/user-groups/${groupId}`),
      dsl.request('PATCH', `/api/admin/users/${dsl.personId}`, { groupId }),
    ]);
    expect(attempts.map((response) => response.status)).toEqual([404, 404, 404, 404, 400]);
    expect(await access.groups.list(riverside.schoolId)).toEqual(before.groups);
    expect(await identity.memberships.listForSchool(riverside.schoolId)).toEqual(before.members);
  });
});

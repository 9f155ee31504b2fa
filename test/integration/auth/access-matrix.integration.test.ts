/**
 * Deny by default, proven for every route that exists: each endpoint contract is called without
 * credentials and with them, and a member of one school reads nothing of another through any staff
 * route. The route list comes from the contracts, so a new route is covered the day it is added.
 */
import { ALL_ENDPOINTS } from '../../../lib/platform/openapi/all-endpoints';
import type { EndpointContract } from '../../../lib/platform/http/endpoint';
import { DEMO_OPERATOR_TOKEN, DEMO_SCHOOLS, DEMO_STAFF } from '../../../local/demo-seed';
import { SchoolRepository } from '../../../lib/schools/school-repository';
import { startApiHarness, type ApiHarness } from '../../support/api-harness';

let harness: ApiHarness;
let staff: { cookie: string; csrfToken: string };
let otherSchool: { schoolId: string; name: string };

beforeAll(async () => {
  harness = await startApiHarness();
  const teacher = DEMO_STAFF.find((member) => member.email.startsWith('tom'))!;
  const response = await fetch(`${harness.baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: teacher.email, password: teacher.password }),
  });
  const body = (await response.json()) as { csrfToken: string };
  staff = { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]!, csrfToken: body.csrfToken };
  const schools = new SchoolRepository(harness.table.dynamo, harness.table.tableName);
  const riverside = DEMO_SCHOOLS.find((school) => school.urn === '990002')!;
  const schoolId = (await schools.findIdByUrn(riverside.urn))!;
  otherSchool = { schoolId, name: riverside.name };
});

afterAll(async () => {
  await harness.close();
});

function pathOf(contract: EndpointContract): string {
  return contract.path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
}

function call(contract: EndpointContract, headers: Record<string, string>): Promise<Response> {
  const hasBody = contract.method !== 'GET';
  return fetch(`${harness.baseUrl}${pathOf(contract)}`, {
    method: contract.method,
    headers: { ...(hasBody ? { 'Content-Type': 'application/json' } : {}), ...headers },
    ...(hasBody ? { body: '{}' } : {}),
  });
}

const guarded = ALL_ENDPOINTS.filter((contract) => contract.access.kind !== 'public');
// Signing out would end the session the rest of the matrix uses; it is exercised in sign-in tests.
const sessionEnding = new Set(['signOut', 'signOutEverywhere']);

it('has a rule for every route, and only health, the API description and sign-in steps are public', () => {
  const publicIds = ALL_ENDPOINTS.filter((contract) => contract.access.kind === 'public').map(
    (c) => c.operationId,
  );
  expect(publicIds.sort()).toEqual(
    ['getHealth', 'getOpenApiDocument', 'requestPasswordLink', 'setPassword', 'signIn'].sort(),
  );
});

describe.each(guarded.map((contract) => [`${contract.method} ${contract.path}`, contract] as const))(
  '%s',
  (_name, contract) => {
    it('refuses a caller without credentials', async () => {
      const response = await call(contract, {});
      expect(response.status).toBe(401);
    });

    it('refuses the other kind of credential', async () => {
      const wrong: Record<string, string> =
        contract.access.kind === 'operator'
          ? { Cookie: staff.cookie, 'X-CSRF-Token': staff.csrfToken }
          : { Authorization: `Bearer ${DEMO_OPERATOR_TOKEN}` };
      expect((await call(contract, wrong)).status).toBe(401);
    });
  },
);

// Sign-out admission is proven in the sign-in tests, where ending the session is the point.
const admissible = guarded.filter((contract) => !sessionEnding.has(contract.operationId));

it.each(admissible.map((contract) => [`${contract.method} ${contract.path}`, contract] as const))(
  '%s admits a caller with the right credential',
  async (_name, contract) => {
    const right: Record<string, string> =
      contract.access.kind === 'operator'
        ? { Authorization: `Bearer ${DEMO_OPERATOR_TOKEN}` }
        : { Cookie: staff.cookie, 'X-CSRF-Token': staff.csrfToken };
    const response = await call(contract, right);
    // Past the access check: the answer may still be 400/404 for this placeholder input, never 401/403.
    expect([401, 403]).not.toContain(response.status);
  },
);

it('gives a member of one school nothing of another school through any staff read', async () => {
  const reads = ALL_ENDPOINTS.filter(
    (contract) => contract.access.kind === 'staff' && contract.method === 'GET',
  );
  expect(reads.length).toBeGreaterThan(0);
  for (const contract of reads) {
    const response = await call(contract, { Cookie: staff.cookie });
    const text = await response.text();
    expect(text).not.toContain(otherSchool.schoolId);
    expect(text).not.toContain(otherSchool.name);
  }
});

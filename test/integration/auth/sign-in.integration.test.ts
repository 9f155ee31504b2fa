/**
 * Staff sign-in and sessions over HTTP, against the real stand-ins: cookies, CSRF, refusals that
 * reveal nothing, lockout, school switching, sign-out everywhere and deactivation.
 */
import { DEMO_STAFF } from '../../../local/demo-seed';
import { createIdentityServices } from '../../../lib/identity/identity-services';
import { startApiHarness, type ApiHarness } from '../../support/api-harness';

let harness: ApiHarness;

beforeAll(async () => {
  harness = await startApiHarness();
});

afterAll(async () => {
  await harness.close();
});

const [dsl, teacher, trustLead] = DEMO_STAFF as [
  (typeof DEMO_STAFF)[number],
  (typeof DEMO_STAFF)[number],
  (typeof DEMO_STAFF)[number],
];

interface SignedIn {
  readonly cookie: string;
  readonly csrfToken: string;
  readonly body: {
    school: { schoolId: string; name: string };
    schools: { schoolId: string; name: string }[];
  };
}

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${harness.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'User-Agent': 'lantern-tests', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function signIn(email: string, password: string): Promise<SignedIn> {
  const response = await post('/api/auth/sign-in', { email, password });
  expect(response.status).toBe(200);
  const setCookie = response.headers.get('set-cookie') ?? '';
  const body = (await response.json()) as SignedIn['body'] & { csrfToken: string };
  return { cookie: setCookie.split(';')[0] ?? '', csrfToken: body.csrfToken, body };
}

function sessionStatus(cookie: string): Promise<number> {
  return fetch(`${harness.baseUrl}/api/auth/session`, { headers: { Cookie: cookie } }).then((r) => r.status);
}

async function securityLogTypes(personEmail: string): Promise<string[]> {
  const identity = createIdentityServices(harness.table.dynamo, harness.table.tableName);
  const person = await identity.people.findByEmail(personEmail);
  return (await identity.securityLog.list(person!.personId, 50)).map((event) => event.type);
}

it('signs in with a session cookie that scripts cannot read and other sites cannot send', async () => {
  const response = await post('/api/auth/sign-in', {
    email: dsl.email.toUpperCase(),
    password: dsl.password,
  });
  expect(response.status).toBe(200);
  const cookie = response.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(
    /^lantern_session=ls_[A-Za-z0-9_-]{43}; Path=\/api; HttpOnly; Secure; SameSite=Strict$/,
  );
  const body = (await response.json()) as {
    person: { email: string };
    school: { name: string };
    csrfToken: string;
  };
  expect(body.person.email).toBe(dsl.email);
  expect(body.school.name).toBe('Oakfield Primary School (demo)');
  expect(body.csrfToken).toMatch(/^csrf_/);
  expect(await sessionStatus(cookie.split(';')[0]!)).toBe(200);
  expect(await securityLogTypes(dsl.email)).toContain('sign-in');
});

it('answers a wrong password and an unknown email identically, and logs the refusal for the person', async () => {
  const wrong = await post('/api/auth/sign-in', { email: teacher.email, password: 'not-the-password' });
  const unknown = await post('/api/auth/sign-in', {
    email: 'nobody@example.org',
    password: 'not-the-password',
  });
  expect(wrong.status).toBe(401);
  expect(unknown.status).toBe(401);
  const strip = (problem: Record<string, unknown>) => ({ ...problem, requestId: undefined });
  expect(strip((await wrong.json()) as Record<string, unknown>)).toEqual(
    strip((await unknown.json()) as Record<string, unknown>),
  );
  expect(wrong.headers.get('set-cookie')).toBeNull();
  expect(await securityLogTypes(teacher.email)).toContain('sign-in-refused');
});

it('refuses a request without a session, and a forged one', async () => {
  expect(await sessionStatus('')).toBe(401);
  expect(await sessionStatus(`lantern_session=ls_${'A'.repeat(43)}`)).toBe(401);
});

it('refuses a state-changing request without the CSRF token, and signs out with it', async () => {
  const { cookie, csrfToken } = await signIn(dsl.email, dsl.password);
  const withoutToken = await post('/api/auth/sign-out', undefined, { Cookie: cookie });
  expect(withoutToken.status).toBe(403);
  const wrongToken = await post('/api/auth/sign-out', undefined, {
    Cookie: cookie,
    'X-CSRF-Token': 'csrf_nope',
  });
  expect(wrongToken.status).toBe(403);
  expect(await sessionStatus(cookie)).toBe(200);

  const signedOut = await post('/api/auth/sign-out', undefined, {
    Cookie: cookie,
    'X-CSRF-Token': csrfToken,
  });
  expect(signedOut.status).toBe(204);
  expect(signedOut.headers.get('set-cookie')).toContain('Max-Age=0');
  expect(await sessionStatus(cookie)).toBe(401);
});

it('lets trust staff switch school without signing in again, and refuses a school they do not work at', async () => {
  const { cookie, csrfToken, body } = await signIn(trustLead.email, trustLead.password);
  expect(body.schools.map((school) => school.name)).toEqual([
    'Oakfield Primary School (demo)',
    'Riverside Academy (demo)',
  ]);
  const riverside = body.schools.find((school) => school.name.startsWith('Riverside'))!;
  const switched = await post(
    '/api/auth/switch-school',
    { schoolId: riverside.schoolId },
    {
      Cookie: cookie,
      'X-CSRF-Token': csrfToken,
    },
  );
  expect(switched.status).toBe(200);
  expect(((await switched.json()) as SignedIn['body']).school.name).toBe('Riverside Academy (demo)');

  const teacherSession = await signIn(teacher.email, teacher.password);
  const forged = await post(
    '/api/auth/switch-school',
    { schoolId: riverside.schoolId },
    {
      Cookie: teacherSession.cookie,
      'X-CSRF-Token': teacherSession.csrfToken,
    },
  );
  expect(forged.status).toBe(403);
  const session = await fetch(`${harness.baseUrl}/api/auth/session`, {
    headers: { Cookie: teacherSession.cookie },
  });
  expect(((await session.json()) as SignedIn['body']).school.name).toBe('Oakfield Primary School (demo)');
});

it('does not let a staff session use operator routes', async () => {
  const { cookie } = await signIn(dsl.email, dsl.password);
  const response = await fetch(`${harness.baseUrl}/api/operator/schools`, { headers: { Cookie: cookie } });
  expect(response.status).toBe(401);
});

it('ends every session of a person with sign out everywhere', async () => {
  const first = await signIn(trustLead.email, trustLead.password);
  const second = await signIn(trustLead.email, trustLead.password);
  const response = await post('/api/auth/sign-out-everywhere', undefined, {
    Cookie: first.cookie,
    'X-CSRF-Token': first.csrfToken,
  });
  expect(response.status).toBe(204);
  expect(await sessionStatus(first.cookie)).toBe(401);
  expect(await sessionStatus(second.cookie)).toBe(401);
});

it('ends access at once when the membership is deactivated', async () => {
  const ravi = DEMO_STAFF.find((member) => member.email.startsWith('ravi'))!;
  const { cookie, body } = await signIn(ravi.email, ravi.password);
  const identity = createIdentityServices(harness.table.dynamo, harness.table.tableName);
  const person = await identity.people.findByEmail(ravi.email);
  const membership = await identity.memberships.get(body.school.schoolId, person!.personId);
  await identity.memberships.put({ ...membership!, status: 'deactivated' });
  expect(await sessionStatus(cookie)).toBe(401);
  const again = await post('/api/auth/sign-in', { email: ravi.email, password: ravi.password });
  expect(again.status).toBe(401);
});

it('locks an account after five wrong passwords, even against the right one, and logs it', async () => {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    expect(
      (await post('/api/auth/sign-in', { email: teacher.email, password: `wrong-${attempt}` })).status,
    ).toBe(401);
  }
  const right = await post('/api/auth/sign-in', { email: teacher.email, password: teacher.password });
  expect(right.status).toBe(401);
  expect(await securityLogTypes(teacher.email)).toContain('account-locked');
});

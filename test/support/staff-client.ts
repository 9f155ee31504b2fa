/**
 * A signed-in member of staff as an API client for integration tests: the session cookie, the CSRF
 * token, and JSON requests. Elevation uses the demo key holder's TOTP secret with the independent
 * reference TOTP, as an authenticator app would.
 */
import { DEMO_STAFF, type DemoStaff } from '../../local/demo-seed';
import { currentStep, totpForStep } from './reference-totp';

export interface StaffClient {
  readonly email: string;
  readonly personId: string;
  readonly schoolId: string;
  readonly cookie: string;
  readonly csrfToken: string;
  request(method: string, path: string, body?: unknown): Promise<Response>;
  json<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

export function demoStaff(emailPrefix: string): DemoStaff {
  const member = DEMO_STAFF.find((candidate) => candidate.email.startsWith(emailPrefix));
  if (!member) throw new Error(`No demo staff member ${emailPrefix}`);
  return member;
}

export async function signInAs(
  baseUrl: string,
  member: { email: string; password: string },
  schoolId?: string,
): Promise<StaffClient> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'User-Agent': 'lantern-tests' },
    body: JSON.stringify({
      email: member.email,
      password: member.password,
      ...(schoolId ? { schoolId } : {}),
    }),
  });
  if (response.status !== 200) throw new Error(`Sign-in as ${member.email} answered ${response.status}`);
  const view = (await response.json()) as {
    csrfToken: string;
    person: { personId: string };
    school: { schoolId: string };
  };
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const request = (method: string, path: string, body?: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        Cookie: cookie,
        'X-CSRF-Token': view.csrfToken,
        'User-Agent': 'lantern-tests',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return {
    email: member.email,
    personId: view.person.personId,
    schoolId: view.school.schoolId,
    cookie,
    csrfToken: view.csrfToken,
    request,
    json: async <T>(method: string, path: string, body?: unknown) => {
      const response = await request(method, path, body);
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
  };
}

/**
 * Elevates with the member's TOTP key. A code works once per time step, so when this key was used in
 * the current step already (another session of the same suite), the next step's code is awaited.
 */
export async function elevateWithTotp(client: StaffClient, totpSecret: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const response = await client.request('POST', '/api/auth/elevate', {
      method: 'totp',
      code: totpForStep(totpSecret, currentStep()),
    });
    if (response.status === 200) return;
    const wait = 30_000 - (Date.now() % 30_000) + 50;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  throw new Error(`Could not elevate ${client.email}`);
}

/** Signs a demo key holder in and elevates them. */
export async function signInElevated(
  baseUrl: string,
  emailPrefix: string,
  schoolId?: string,
): Promise<StaffClient> {
  const member = demoStaff(emailPrefix);
  if (!member.totpSecret) throw new Error(`${member.email} has no demo key`);
  const client = await signInAs(baseUrl, member, schoolId);
  await elevateWithTotp(client, member.totpSecret);
  return client;
}

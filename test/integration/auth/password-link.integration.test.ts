/**
 * First passwords and resets by emailed link, against the real SES and DynamoDB stand-ins: the link
 * arrives by mail, works once, ends at midnight school time (also across a clock change), and
 * asking never reveals whether an email is known.
 */
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { createIdentityServices } from '../../../lib/identity/identity-services';
import {
  PasswordLinkRepository,
  PasswordLinkUnusableError,
} from '../../../lib/identity/password-link-repository';
import { PasswordLinkService } from '../../../lib/identity/password-link-service';
import { MailService } from '../../../lib/mail/mail-service';
import { SchoolRepository } from '../../../lib/schools/school-repository';
import { DEMO_STAFF } from '../../../local/demo-seed';
import { startApiHarness, type ApiHarness } from '../../support/api-harness';

let harness: ApiHarness;
const origin = { sourceIp: '192.0.2.20', userAgent: 'tests' };

beforeAll(async () => {
  harness = await startApiHarness();
});

afterAll(async () => {
  await harness.close();
});

interface StoredMail {
  readonly subject: string;
  readonly destination: { to: string[] };
  readonly body: { text: string };
}

/** Mail the SES stand-in accepted for one address, newest last. */
async function mailTo(address: string): Promise<StoredMail[]> {
  const response = await fetch(`${process.env.AWS_ENDPOINT_URL_SESV2}/store`, {
    headers: { Authorization: 'AWS4-HMAC-SHA256 tests' },
  });
  const { emails } = (await response.json()) as { emails: StoredMail[] };
  return emails.filter((mail) => mail.destination.to.includes(address));
}

function tokenIn(mail: StoredMail | undefined): string {
  const match = /\/set-password\?token=(pw_[A-Za-z0-9_-]{43})/.exec(mail?.body.text ?? '');
  if (!match?.[1]) throw new Error('No password link in the mail');
  return match[1];
}

function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${harness.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

it('emails a one-time link that sets the password, ends old sessions, and cannot be used twice', async () => {
  const member = DEMO_STAFF.find((candidate) => candidate.email.startsWith('ravi'))!;
  const before = await post('/api/auth/sign-in', { email: member.email, password: member.password });
  const oldCookie = (before.headers.get('set-cookie') ?? '').split(';')[0]!;

  const asked = await post('/api/auth/password-link', { email: member.email });
  expect(asked.status).toBe(202);
  const mails = await mailTo(member.email);
  expect(mails.at(-1)?.subject).toBe('Set your Lantern password');
  const token = tokenIn(mails.at(-1));
  expect(mails.at(-1)?.body.text).toContain('http://localhost:3000/set-password?token=');

  const weak = await post('/api/auth/password', { token, password: 'short' });
  expect(weak.status).toBe(400);
  expect(((await weak.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('body.password');

  const set = await post('/api/auth/password', { token, password: 'a brand new passphrase' });
  expect(set.status).toBe(204);
  const session = await fetch(`${harness.baseUrl}/api/auth/session`, { headers: { Cookie: oldCookie } });
  expect(session.status).toBe(401);
  expect((await post('/api/auth/sign-in', { email: member.email, password: member.password })).status).toBe(
    401,
  );
  expect(
    (await post('/api/auth/sign-in', { email: member.email, password: 'a brand new passphrase' })).status,
  ).toBe(200);

  const reused = await post('/api/auth/password', { token, password: 'another new passphrase' });
  expect(reused.status).toBe(400);
  expect(((await reused.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('body.token');
});

it('answers an unknown email exactly as a known one, and sends nothing', async () => {
  const known = await post('/api/auth/password-link', { email: DEMO_STAFF[0]!.email });
  const unknown = await post('/api/auth/password-link', { email: 'nobody.here@example.org' });
  expect(unknown.status).toBe(known.status);
  expect(await unknown.json()).toEqual(await known.json());
  expect(await mailTo('nobody.here@example.org')).toEqual([]);
});

describe('the link ends at midnight, Europe/London', () => {
  let clock: Date;
  let service: PasswordLinkService;
  const member = DEMO_STAFF.find((candidate) => candidate.email.startsWith('tom'))!;

  beforeAll(() => {
    const { table } = harness;
    const identity = createIdentityServices(table.dynamo, table.tableName, () => clock);
    service = new PasswordLinkService({
      ...identity,
      schools: new SchoolRepository(table.dynamo, table.tableName),
      links: new PasswordLinkRepository(table.dynamo, table.tableName),
      mail: new MailService(new SESv2Client({}), 'no-reply@lantern.localhost'),
      appBaseUrl: 'http://localhost:3000',
      now: () => clock,
    });
  });

  async function issueAt(instant: string): Promise<string> {
    clock = new Date(instant);
    await service.request(member.email, origin);
    return tokenIn((await mailTo(member.email)).at(-1));
  }

  it('works until 23:59:59 BST and not at midnight on an ordinary summer day', async () => {
    const token = await issueAt('2026-06-15T09:00:00Z'); // 10:00 BST
    clock = new Date('2026-06-15T23:00:00Z'); // 00:00 BST, 16 June
    await expect(service.use(token, 'summer passphrase one', origin)).rejects.toThrow(
      PasswordLinkUnusableError,
    );
    const second = await issueAt('2026-06-15T09:00:00Z');
    clock = new Date('2026-06-15T22:59:59Z');
    await expect(service.use(second, 'summer passphrase two', origin)).resolves.toBeUndefined();
  });

  it('lasts the whole 25-hour day when the clocks go back', async () => {
    // 25 October 2026 is 25 hours long: BST ends at 02:00 BST (01:00 UTC). Issued at 00:30 BST, the
    // link lasts until 00:00 GMT on 26 October: 23.5 hours by the wall clock, 24.5 in real time.
    const token = await issueAt('2026-10-24T23:30:00Z');
    clock = new Date('2026-10-25T23:59:59Z');
    await expect(service.use(token, 'autumn passphrase one', origin)).resolves.toBeUndefined();
    const late = await issueAt('2026-10-24T23:30:00Z');
    clock = new Date('2026-10-26T00:00:00Z');
    await expect(service.use(late, 'autumn passphrase two', origin)).rejects.toThrow(
      PasswordLinkUnusableError,
    );
  });

  it('ends after a 23-hour day when the clocks go forward', async () => {
    // 29 March 2026: BST starts at 01:00 GMT. Issued at 00:30 GMT, the day ends at 23:00 UTC.
    const token = await issueAt('2026-03-29T00:30:00Z');
    clock = new Date('2026-03-29T23:00:00Z');
    await expect(service.use(token, 'spring passphrase one', origin)).rejects.toThrow(
      PasswordLinkUnusableError,
    );
    const early = await issueAt('2026-03-29T00:30:00Z');
    clock = new Date('2026-03-29T22:59:59Z');
    await expect(service.use(early, 'spring passphrase two', origin)).resolves.toBeUndefined();
  });
});

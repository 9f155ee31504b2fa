/**
 * Second-factor keys and "Elevate your access" over HTTP, against the real stand-ins: authenticator-app
 * (TOTP) keys with codes computed independently of otplib, their secrets encrypted with the KMS
 * stand-in, and WebAuthn keys answered by a software authenticator. Refusals are checked to be vague
 * for the caller and written to the person's own security log, without any code or credential in it.
 */
import { DecryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createIdentityServices } from '../../../lib/identity/identity-services';
import { DEMO_STAFF } from '../../../local/demo-seed';
import { LOCAL_DATA_KEY } from '../../../local/local-environment';
import { startApiHarness, type ApiHarness } from '../../support/api-harness';
import { settledStep, totpForStep, wrongCode } from '../../support/reference-totp';
import { SoftwareAuthenticator } from '../../support/software-authenticator';

/** The harness's APP_BASE_URL: the WebAuthn relying party. */
const APP_ORIGIN = 'http://localhost:3000';

let harness: ApiHarness;

beforeAll(async () => {
  harness = await startApiHarness();
});

afterAll(async () => {
  await harness.close();
});

function demo(emailStart: string) {
  const member = DEMO_STAFF.find((candidate) => candidate.email.startsWith(emailStart));
  if (!member) throw new Error(`No demo member ${emailStart}`);
  return member;
}

interface SessionViewBody {
  person: { personId: string; email: string };
  school: { schoolId: string };
  elevated: boolean;
  hasKey: boolean;
  csrfToken: string;
}

interface Session {
  readonly cookie: string;
  readonly csrfToken: string;
  readonly view: SessionViewBody;
}

async function signIn(emailStart: string): Promise<Session> {
  const member = demo(emailStart);
  const response = await fetch(`${harness.baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'User-Agent': 'lantern-tests' },
    body: JSON.stringify({ email: member.email, password: member.password }),
  });
  expect(response.status).toBe(200);
  const view = (await response.json()) as SessionViewBody;
  return {
    cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]!,
    csrfToken: view.csrfToken,
    view,
  };
}

async function call(
  session: Session,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown>; contentType: string }> {
  const response = await fetch(`${harness.baseUrl}${path}`, {
    method,
    headers: {
      Cookie: session.cookie,
      'User-Agent': 'lantern-tests',
      ...(method === 'GET' ? {} : { 'X-CSRF-Token': session.csrfToken }),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    contentType: response.headers.get('content-type') ?? '',
  };
}

async function sessionView(session: Session): Promise<SessionViewBody> {
  const answer = await call(session, 'GET', '/api/auth/session');
  expect(answer.status).toBe(200);
  return answer.body as unknown as SessionViewBody;
}

async function securityLog(personId: string) {
  const identity = createIdentityServices(harness.table.dynamo, harness.table.tableName);
  return identity.securityLog.list(personId, 100);
}

async function itemsOf(personId: string, skPrefix: string): Promise<Record<string, unknown>[]> {
  const result = await harness.table.dynamo.send(
    new QueryCommand({
      TableName: harness.table.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': `PERSON#${personId}`, ':prefix': skPrefix },
    }),
  );
  return result.Items ?? [];
}

describe('authenticator-app (TOTP) keys', () => {
  let tom: Session;
  let secret: string;
  let keyId: string;
  let elevatingCode: string;

  beforeAll(async () => {
    tom = await signIn('tom');
  });

  it('starts without a key or elevation', () => {
    expect(tom.view.hasKey).toBe(false);
    expect(tom.view.elevated).toBe(false);
  });

  it('hands out a new secret and keeps only its KMS ciphertext while the registration is pending', async () => {
    const started = await call(tom, 'POST', '/api/auth/keys/totp');
    expect(started.status).toBe(201);
    secret = started.body.secret as string;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(started.body.otpauthUri as string);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('Lantern');

    const [pending] = await itemsOf(tom.view.person.personId, 'TOTP_REGISTRATION#');
    expect(pending).toBeDefined();
    expect(JSON.stringify(pending)).not.toContain(secret);
    expect(pending!.expiresAt).toEqual(expect.any(Number));

    // Confirming with a wrong code is refused and recorded; the registration stays usable.
    const step = await settledStep();
    const refused = await call(tom, 'POST', '/api/auth/keys/totp/confirm', {
      registrationId: started.body.registrationId,
      code: wrongCode(secret, [step - 1, step, step + 1]),
      label: 'Work phone',
    });
    expect(refused.status).toBe(400);
    expect(refused.contentType).toContain('application/problem+json');
    expect((await securityLog(tom.view.person.personId)).map((event) => event.type)).toContain(
      'key-registration-refused',
    );

    // The code of the step just gone is still accepted (a code typed as it rolled over), and then
    // counts as used: the current step's code is left for elevating.
    const confirmed = await call(tom, 'POST', '/api/auth/keys/totp/confirm', {
      registrationId: started.body.registrationId,
      code: totpForStep(secret, step - 1),
      label: 'Work phone',
    });
    expect(confirmed.status).toBe(201);
    expect(Object.keys(confirmed.body).sort()).toEqual(['createdAt', 'keyId', 'label', 'type']);
    expect(confirmed.body).toMatchObject({ type: 'totp', label: 'Work phone' });
    keyId = confirmed.body.keyId as string;
    expect(await itemsOf(tom.view.person.personId, 'TOTP_REGISTRATION#')).toEqual([]);

    const view = await sessionView(tom);
    expect(view).toMatchObject({ hasKey: true, elevated: false });
  });

  it('stores the secret only encrypted, bound to the person by the KMS encryption context', async () => {
    const { personId } = tom.view.person;
    const stored = await harness.table.dynamo.send(
      new GetCommand({
        TableName: harness.table.tableName,
        Key: { PK: `PERSON#${personId}`, SK: `KEY#${keyId}` },
      }),
    );
    const item = stored.Item!;
    expect(JSON.stringify(item)).not.toContain(secret);
    expect(item).not.toHaveProperty('secret');
    const ciphertext = Buffer.from(item.encryptedSecret as string, 'base64');

    const kms = new KMSClient({});
    const decrypted = await kms.send(
      new DecryptCommand({
        KeyId: LOCAL_DATA_KEY.alias,
        CiphertextBlob: ciphertext,
        EncryptionContext: { purpose: 'totp-secret', personId },
      }),
    );
    expect(Buffer.from(decrypted.Plaintext!).toString('utf8')).toBe(secret);

    const otherPerson = demo('dana');
    const dana = await createIdentityServices(
      harness.table.dynamo,
      harness.table.tableName,
    ).people.findByEmail(otherPerson.email);
    await expect(
      kms.send(
        new DecryptCommand({
          KeyId: LOCAL_DATA_KEY.alias,
          CiphertextBlob: ciphertext,
          EncryptionContext: { purpose: 'totp-secret', personId: dana!.personId },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidCiphertextException' });
  });

  it('lists the key without any secret', async () => {
    const listed = await call(tom, 'GET', '/api/auth/keys');
    expect(listed.status).toBe(200);
    const items = listed.body.items as Record<string, unknown>[];
    expect(items).toHaveLength(1);
    expect(Object.keys(items[0]!).sort()).toEqual(['createdAt', 'keyId', 'label', 'type']);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
  });

  it('refuses a wrong code, vaguely, and logs it', async () => {
    const step = await settledStep();
    const code = wrongCode(secret, [step - 1, step, step + 1]);
    const refused = await call(tom, 'POST', '/api/auth/elevate', { method: 'totp', code });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: 'body.code', reason: 'the code was not accepted' }]);
    const log = await securityLog(tom.view.person.personId);
    expect(log[0]).toMatchObject({ type: 'elevation-refused', reason: 'wrong code' });
    expect(JSON.stringify(log)).not.toContain(code);
    expect((await sessionView(tom)).elevated).toBe(false);
  });

  it('elevates with the code the app shows now', async () => {
    const step = await settledStep();
    elevatingCode = totpForStep(secret, step);
    const elevated = await call(tom, 'POST', '/api/auth/elevate', { method: 'totp', code: elevatingCode });
    expect(elevated.status).toBe(200);
    expect(elevated.body).toMatchObject({ elevated: true, hasKey: true });
    expect((await sessionView(tom)).elevated).toBe(true);
    const log = await securityLog(tom.view.person.personId);
    expect(log[0]).toMatchObject({ type: 'elevated', schoolId: tom.view.school.schoolId });
    expect(JSON.stringify(log)).not.toContain(elevatingCode);
  });

  it('refuses the same code again, in another session, with the same answer as a wrong one', async () => {
    const second = await signIn('tom');
    expect(second.view).toMatchObject({ hasKey: true, elevated: false });
    const replayed = await call(second, 'POST', '/api/auth/elevate', { method: 'totp', code: elevatingCode });
    expect(replayed.status).toBe(400);
    expect(replayed.body.errors).toEqual([{ field: 'body.code', reason: 'the code was not accepted' }]);
    expect(replayed.body.detail).toContain('not accepted');
    expect((await securityLog(tom.view.person.personId))[0]).toMatchObject({
      type: 'elevation-refused',
      reason: 'code already used',
    });
    expect((await sessionView(second)).elevated).toBe(false);
  });

  it('lets only an elevated session add or remove keys once the person has one', async () => {
    const unelevated = await signIn('tom');
    expect((await call(unelevated, 'POST', '/api/auth/keys/totp')).status).toBe(403);
    expect((await call(unelevated, 'POST', '/api/auth/keys/webauthn/options')).status).toBe(403);
    expect((await call(unelevated, 'DELETE', `/api/auth/keys/${keyId}`)).status).toBe(403);
    expect((await call(unelevated, 'GET', '/api/auth/keys')).body.items).toHaveLength(1);
  });

  it('answers 404 for a key that is not the person’s own', async () => {
    const removed = await call(tom, 'DELETE', '/api/auth/keys/00000000-0000-4000-8000-000000000000');
    expect(removed.status).toBe(404);
  });

  it('removes the key, and removing the last one ends the elevation', async () => {
    const removed = await call(tom, 'DELETE', `/api/auth/keys/${keyId}`);
    expect(removed.status).toBe(204);
    expect(await sessionView(tom)).toMatchObject({ hasKey: false, elevated: false });
    expect((await call(tom, 'GET', '/api/auth/keys')).body.items).toEqual([]);
    expect((await securityLog(tom.view.person.personId))[0]).toMatchObject({ type: 'key-removed' });
  });
});

describe('the demo key holders', () => {
  it('elevate with a code from their fixed demo secret', async () => {
    const priya = await signIn('priya');
    expect(priya.view).toMatchObject({ hasKey: true, elevated: false });
    const code = totpForStep(demo('priya').totpSecret!, await settledStep());
    const elevated = await call(priya, 'POST', '/api/auth/elevate', { method: 'totp', code });
    expect(elevated.status).toBe(200);
    expect(elevated.body).toMatchObject({ elevated: true });
  });

  it('stop being accepted after too many refused attempts, even with the right code', async () => {
    const dana = await signIn('dana');
    const secret = demo('dana').totpSecret!;
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const step = await settledStep();
      const refused = await call(dana, 'POST', '/api/auth/elevate', {
        method: 'totp',
        code: wrongCode(secret, [step - 1, step, step + 1]),
      });
      expect(refused.status).toBe(400);
    }
    const right = await call(dana, 'POST', '/api/auth/elevate', {
      method: 'totp',
      code: totpForStep(secret, await settledStep()),
    });
    expect(right.status).toBe(429);
    expect((await securityLog(dana.view.person.personId))[0]).toMatchObject({
      type: 'elevation-refused',
      reason: 'too many attempts',
    });
  });
});

describe('security keys and passkeys (WebAuthn)', () => {
  let ravi: Session;
  const authenticator = new SoftwareAuthenticator(APP_ORIGIN);

  beforeAll(async () => {
    ravi = await signIn('ravi');
  });

  async function elevationOptions(session: Session) {
    const options = await call(session, 'POST', '/api/auth/elevate/options');
    expect(options.status).toBe(200);
    return options.body as { challenge: string; rpId: string; allowCredentials: { id: string }[] };
  }

  it('refuses an elevation challenge to someone without a security key', async () => {
    expect((await call(ravi, 'POST', '/api/auth/elevate/options')).status).toBe(409);
  });

  it('registers a key for this site', async () => {
    const options = await call(ravi, 'POST', '/api/auth/keys/webauthn/options');
    expect(options.status).toBe(200);
    expect(options.body).toMatchObject({
      rp: { id: 'localhost', name: 'Lantern' },
      user: { name: demo('ravi').email },
      attestation: 'none',
      excludeCredentials: [],
      authenticatorSelection: { userVerification: 'preferred' },
    });
    const response = authenticator.register(options.body as { challenge: string; rp: { id: string } });
    const confirmed = await call(ravi, 'POST', '/api/auth/keys/webauthn/confirm', {
      response,
      label: 'Blue security key',
    });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body).toMatchObject({ type: 'webauthn', label: 'Blue security key' });
    expect((await sessionView(ravi)).hasKey).toBe(true);
    expect((await securityLog(ravi.view.person.personId))[0]).toMatchObject({ type: 'key-registered' });

    const [stored] = await itemsOf(ravi.view.person.personId, 'KEY#');
    expect(stored).toMatchObject({
      type: 'webauthn',
      credentialId: authenticator.credentialIdBase64url,
      counter: 1,
      transports: ['usb'],
    });
  });

  it('refuses a registration response made for another site', async () => {
    const mallory = await signIn('tom');
    const options = await call(mallory, 'POST', '/api/auth/keys/webauthn/options');
    const phished = new SoftwareAuthenticator(APP_ORIGIN).register(
      options.body as { challenge: string; rp: { id: string } },
      { origin: 'https://lantern.example.net' },
    );
    const refused = await call(mallory, 'POST', '/api/auth/keys/webauthn/confirm', {
      response: phished,
      label: 'Phished',
    });
    expect(refused.status).toBe(400);
    expect((await securityLog(mallory.view.person.personId))[0]).toMatchObject({
      type: 'key-registration-refused',
      reason: 'key response not valid',
    });
    expect((await sessionView(mallory)).hasKey).toBe(false);
  });

  it('refuses an assertion made on another origin, and logs it', async () => {
    const options = await elevationOptions(ravi);
    expect(options.rpId).toBe('localhost');
    expect(options.allowCredentials.map((credential) => credential.id)).toEqual([
      authenticator.credentialIdBase64url,
    ]);
    const phished = authenticator.authenticate(options, { origin: 'https://lantern-login.example.com' });
    const refused = await call(ravi, 'POST', '/api/auth/elevate', { method: 'webauthn', response: phished });
    expect(refused.status).toBe(403);
    expect(refused.contentType).toContain('application/problem+json');
    const log = await securityLog(ravi.view.person.personId);
    expect(log[0]).toMatchObject({ type: 'elevation-refused', reason: 'key response not valid' });
    expect(JSON.stringify(log)).not.toContain(authenticator.credentialIdBase64url);
    expect((await sessionView(ravi)).elevated).toBe(false);
  });

  it('refuses a credential it does not know, with the same answer', async () => {
    const options = await elevationOptions(ravi);
    const stranger = new SoftwareAuthenticator(APP_ORIGIN).authenticate(options);
    const refused = await call(ravi, 'POST', '/api/auth/elevate', { method: 'webauthn', response: stranger });
    expect(refused.status).toBe(403);
    expect((await securityLog(ravi.view.person.personId))[0]).toMatchObject({
      type: 'elevation-refused',
      reason: 'unknown key',
    });
  });

  it('elevates with the registered key, and a challenge works once', async () => {
    const options = await elevationOptions(ravi);
    const assertion = authenticator.authenticate(options);
    const elevated = await call(ravi, 'POST', '/api/auth/elevate', {
      method: 'webauthn',
      response: assertion,
    });
    expect(elevated.status).toBe(200);
    expect(elevated.body).toMatchObject({ elevated: true, hasKey: true });
    expect((await securityLog(ravi.view.person.personId))[0]).toMatchObject({ type: 'elevated' });

    const replayed = await call(ravi, 'POST', '/api/auth/elevate', {
      method: 'webauthn',
      response: assertion,
    });
    expect(replayed.status).toBe(403);
    expect((await securityLog(ravi.view.person.personId))[0]).toMatchObject({
      type: 'elevation-refused',
      reason: 'no challenge',
    });
  });

  it('excludes the registered key when an elevated session adds another', async () => {
    const options = await call(ravi, 'POST', '/api/auth/keys/webauthn/options');
    expect(options.status).toBe(200);
    expect((options.body.excludeCredentials as { id: string }[]).map((credential) => credential.id)).toEqual([
      authenticator.credentialIdBase64url,
    ]);
  });

  it('does not accept a challenge issued to another session', async () => {
    const other = await signIn('ravi');
    const options = await elevationOptions(ravi);
    const assertion = authenticator.authenticate(options);
    const refused = await call(other, 'POST', '/api/auth/elevate', {
      method: 'webauthn',
      response: assertion,
    });
    expect(refused.status).toBe(403);
    expect((await sessionView(other)).elevated).toBe(false);
  });

  it('removes the key', async () => {
    const [key] = (await call(ravi, 'GET', '/api/auth/keys')).body.items as { keyId: string }[];
    expect((await call(ravi, 'DELETE', `/api/auth/keys/${key!.keyId}`)).status).toBe(204);
    expect(await sessionView(ravi)).toMatchObject({ hasKey: false, elevated: false });
  });
});

describe('removeAllForPerson (for the administrators)', () => {
  it('removes every key of the person and says how many', async () => {
    const identity = createIdentityServices(harness.table.dynamo, harness.table.tableName);
    const priya = (await identity.people.findByEmail(demo('priya').email))!;
    expect(await identity.keys.hasAny(priya.personId)).toBe(true);
    expect(await identity.keys.removeAllForPerson(priya.personId)).toBe(1);
    expect(await identity.keys.hasAny(priya.personId)).toBe(false);
    expect(await identity.keys.removeAllForPerson(priya.personId)).toBe(0);
  });
});

// Refusal paths of authenticator-app keys: each refusal is thrown as a typed error the API turns into a
// vague problem, and written to the person's own security log with a fixed reason, never the code.
import {
  ElevationRequiredError,
  KeyRegistrationRefusedError,
} from '../../../../lib/identity/keys/key-errors';
import { TotpKeyService } from '../../../../lib/identity/keys/totp-key-service';
import { totpForStep, wrongCode } from '../../../support/reference-totp';
import { ORIGIN, PERSON, FakeKeys, FakeRegistrations, FakeSecurityLog, actor, fakeCipher } from './fakes';

const NOW = new Date('2025-03-04T10:15:10Z');
const STEP = Math.floor(NOW.getTime() / 30_000);

function setUp() {
  const keys = new FakeKeys();
  const registrations = new FakeRegistrations();
  const securityLog = new FakeSecurityLog();
  const service = new TotpKeyService({
    keys: keys.asRepository(),
    registrations: registrations.asRepository(),
    cipher: fakeCipher,
    securityLog: securityLog.asLog(),
    now: () => NOW,
  });
  return { keys, registrations, securityLog, service };
}

it('makes someone who already has a key elevate before adding another', async () => {
  const { keys, service } = setUp();
  await keys.create({
    type: 'totp',
    keyId: '44444444-4444-4444-8444-444444444444',
    personId: PERSON.personId,
    label: 'Phone',
    createdAt: NOW.toISOString(),
    encryptedSecret: 'x',
    lastUsedStep: 0,
  });
  await expect(service.startRegistration(actor(false))).rejects.toBeInstanceOf(ElevationRequiredError);
  await expect(
    service.confirmRegistration(
      actor(false),
      { registrationId: '55555555-5555-4555-8555-555555555555', code: '123456', label: 'x' },
      ORIGIN,
    ),
  ).rejects.toBeInstanceOf(ElevationRequiredError);
  await expect(service.startRegistration(actor(true))).resolves.toMatchObject({ secret: expect.any(String) });
});

it('refuses an unknown or expired registration and logs it', async () => {
  const { service, securityLog } = setUp();
  const refusal = service.confirmRegistration(
    actor(false),
    { registrationId: '55555555-5555-4555-8555-555555555555', code: '123456', label: 'Phone' },
    ORIGIN,
  );
  await expect(refusal).rejects.toMatchObject({ reason: 'registration expired', keyType: 'totp' });
  expect(securityLog.events).toEqual([
    expect.objectContaining({ type: 'key-registration-refused', reason: 'registration expired' }),
  ]);
});

it('refuses a wrong code without storing a key, and never logs the code', async () => {
  const { service, keys, securityLog } = setUp();
  const started = await service.startRegistration(actor(false));
  const code = wrongCode(started.secret, [STEP - 1, STEP]);
  await expect(
    service.confirmRegistration(
      actor(false),
      { registrationId: started.registrationId, code, label: 'Phone' },
      ORIGIN,
    ),
  ).rejects.toBeInstanceOf(KeyRegistrationRefusedError);
  expect(keys.keys).toEqual([]);
  expect(securityLog.events[0]).toMatchObject({ type: 'key-registration-refused', reason: 'wrong code' });
  expect(JSON.stringify(securityLog.events)).not.toContain(code);
  expect(JSON.stringify(securityLog.events)).not.toContain(started.secret);
});

it('refuses a registration another request completed first', async () => {
  const { service, registrations, securityLog } = setUp();
  const started = await service.startRegistration(actor(false));
  registrations.alreadyUsed = true;
  await expect(
    service.confirmRegistration(
      actor(false),
      { registrationId: started.registrationId, code: totpForStep(started.secret, STEP), label: 'Phone' },
      ORIGIN,
    ),
  ).rejects.toMatchObject({ reason: 'registration already used' });
  expect(securityLog.events.map((event) => event.type)).toEqual(['key-registration-refused']);
});

describe('verifyCode', () => {
  async function withKey(lastUsedStep: number) {
    const context = setUp();
    const started = await context.service.startRegistration(actor(false));
    await context.keys.create({
      type: 'totp',
      keyId: '44444444-4444-4444-8444-444444444444',
      personId: PERSON.personId,
      label: 'Phone',
      createdAt: NOW.toISOString(),
      encryptedSecret: await fakeCipher.encrypt(PERSON.personId, started.secret),
      lastUsedStep,
    });
    return { ...context, secret: started.secret };
  }

  it('calls a code from an already used step a replay, not a wrong code', async () => {
    const { service, secret } = await withKey(STEP);
    await expect(service.verifyCode(PERSON.personId, totpForStep(secret, STEP))).resolves.toEqual({
      accepted: false,
      reason: 'code already used',
    });
  });

  it('calls a code that matches no step a wrong code', async () => {
    const { service, secret } = await withKey(0);
    await expect(service.verifyCode(PERSON.personId, wrongCode(secret, [STEP - 1, STEP]))).resolves.toEqual({
      accepted: false,
      reason: 'wrong code',
    });
  });

  it('refuses a valid code whose use another request recorded first', async () => {
    const { service, keys, secret } = await withKey(0);
    keys.loseRaces = true;
    await expect(service.verifyCode(PERSON.personId, totpForStep(secret, STEP))).resolves.toEqual({
      accepted: false,
      reason: 'code already used',
    });
  });

  it('refuses every code to someone without an authenticator-app key', async () => {
    const { service } = setUp();
    await expect(service.verifyCode(PERSON.personId, '123456')).resolves.toEqual({
      accepted: false,
      reason: 'wrong code',
    });
  });
});

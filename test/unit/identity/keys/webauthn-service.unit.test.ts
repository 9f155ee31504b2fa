// Refusal paths of security keys and passkeys: no challenge, a challenge for someone else, a malformed
// or foreign response, an unknown credential. Genuine ceremonies run in the integration tier.
import { NoWebAuthnKeyError } from '../../../../lib/identity/keys/key-errors';
import type { WebAuthnKey } from '../../../../lib/identity/keys/second-factor-key';
import { relyingPartyFor, WebAuthnService } from '../../../../lib/identity/keys/webauthn-service';
import { SoftwareAuthenticator } from '../../../support/software-authenticator';
import { FakeChallenges, FakeKeys, FakeSecurityLog, ORIGIN, PERSON, SESSION_HASH, actor } from './fakes';

const APP_ORIGIN = 'https://lantern.example.org';

function setUp() {
  const keys = new FakeKeys();
  const challenges = new FakeChallenges();
  const securityLog = new FakeSecurityLog();
  const service = new WebAuthnService({
    keys: keys.asRepository(),
    challenges: challenges.asRepository(),
    securityLog: securityLog.asLog(),
    relyingParty: relyingPartyFor(APP_ORIGIN),
  });
  return { keys, challenges, securityLog, service };
}

it('takes the relying party from the web app address: host name as RP id, origin with its port', () => {
  expect(relyingPartyFor('https://lantern.example.org/')).toEqual({
    rpId: 'lantern.example.org',
    origin: 'https://lantern.example.org',
  });
  expect(relyingPartyFor('http://localhost:3000')).toEqual({
    rpId: 'localhost',
    origin: 'http://localhost:3000',
  });
});

describe('registration', () => {
  it('refuses a response without a challenge from this session, and logs it', async () => {
    const { service, securityLog, keys } = setUp();
    const response = new SoftwareAuthenticator(APP_ORIGIN).register({
      challenge: 'bm90LWlzc3VlZC1ieS1sYW50ZXJu',
      rp: { id: 'lantern.example.org' },
    });
    await expect(
      service.verifyRegistration(actor(false), { response, label: 'Key' }, ORIGIN),
    ).rejects.toMatchObject({ keyType: 'webauthn', reason: 'no challenge' });
    expect(keys.keys).toEqual([]);
    expect(securityLog.events[0]).toMatchObject({ type: 'key-registration-refused', reason: 'no challenge' });
  });

  it('refuses a response whose attestation cannot be read, with a fixed reason', async () => {
    const { service, securityLog } = setUp();
    const options = await service.registrationOptions(actor(false));
    const response = new SoftwareAuthenticator(APP_ORIGIN).register(options);
    response.response.attestationObject = 'bm90LWNib3I';
    await expect(
      service.verifyRegistration(actor(false), { response, label: 'Key' }, ORIGIN),
    ).rejects.toMatchObject({ reason: 'key response not valid' });
    expect(securityLog.events[0]).toMatchObject({ reason: 'key response not valid' });
  });

  it('refuses a response signed for another relying party', async () => {
    const { service } = setUp();
    const options = await service.registrationOptions(actor(false));
    const response = new SoftwareAuthenticator(APP_ORIGIN).register({
      ...options,
      rp: { id: 'example.com' },
    });
    await expect(
      service.verifyRegistration(actor(false), { response, label: 'Key' }, ORIGIN),
    ).rejects.toMatchObject({ reason: 'key response not valid' });
  });

  it('uses a challenge once', async () => {
    const { service } = setUp();
    const options = await service.registrationOptions(actor(false));
    const response = new SoftwareAuthenticator(APP_ORIGIN).register(options);
    await expect(
      service.verifyRegistration(actor(false), { response, label: 'Key' }, ORIGIN),
    ).resolves.toMatchObject({ type: 'webauthn' });
    await expect(
      service.verifyRegistration(actor(true), { response, label: 'Key' }, ORIGIN),
    ).rejects.toMatchObject({ reason: 'no challenge' });
  });
});

describe('elevation', () => {
  it('gives no challenge to someone without a security key or passkey', async () => {
    const { service } = setUp();
    await expect(service.elevationOptions(PERSON.personId, SESSION_HASH)).rejects.toBeInstanceOf(
      NoWebAuthnKeyError,
    );
  });

  async function withKey() {
    const context = setUp();
    const authenticator = new SoftwareAuthenticator(APP_ORIGIN);
    const options = await context.service.registrationOptions(actor(false));
    await context.service.verifyRegistration(
      actor(false),
      { response: authenticator.register(options), label: 'Key' },
      ORIGIN,
    );
    return { ...context, authenticator };
  }

  it('refuses an assertion without a challenge', async () => {
    const { service, authenticator } = await withKey();
    const response = authenticator.authenticate({ challenge: 'bm90LWlzc3VlZC1ieS1sYW50ZXJu' });
    await expect(service.verifyAssertion(PERSON.personId, SESSION_HASH, response)).resolves.toEqual({
      accepted: false,
      reason: 'no challenge',
    });
  });

  it('refuses a challenge issued to someone else in this session id', async () => {
    const { service, authenticator } = await withKey();
    const options = await service.elevationOptions(PERSON.personId, SESSION_HASH);
    const otherPerson = '66666666-6666-4666-8666-666666666666';
    await expect(
      service.verifyAssertion(otherPerson, SESSION_HASH, authenticator.authenticate(options)),
    ).resolves.toEqual({ accepted: false, reason: 'no challenge' });
  });

  it('refuses a credential that is not one of the person’s keys', async () => {
    const { service } = await withKey();
    const options = await service.elevationOptions(PERSON.personId, SESSION_HASH);
    const stranger = new SoftwareAuthenticator(APP_ORIGIN).authenticate(options);
    await expect(service.verifyAssertion(PERSON.personId, SESSION_HASH, stranger)).resolves.toEqual({
      accepted: false,
      reason: 'unknown key',
    });
  });

  it('refuses a signature that does not verify', async () => {
    const { service, authenticator } = await withKey();
    const options = await service.elevationOptions(PERSON.personId, SESSION_HASH);
    const response = authenticator.authenticate(options);
    const forged = authenticator.authenticate({ challenge: 'b3RoZXItY2hhbGxlbmdl' });
    response.response.signature = forged.response.signature;
    await expect(service.verifyAssertion(PERSON.personId, SESSION_HASH, response)).resolves.toEqual({
      accepted: false,
      reason: 'key response not valid',
    });
  });

  it('refuses a key removed while its assertion was being checked', async () => {
    const { service, authenticator, keys } = await withKey();
    const options = await service.elevationOptions(PERSON.personId, SESSION_HASH);
    keys.loseRaces = true;
    await expect(
      service.verifyAssertion(PERSON.personId, SESSION_HASH, authenticator.authenticate(options)),
    ).resolves.toEqual({ accepted: false, reason: 'unknown key' });
  });

  it('stores only public material for the key', async () => {
    const { keys } = await withKey();
    const [key] = keys.keys as WebAuthnKey[];
    expect(Object.keys(key!).sort()).toEqual(
      [
        'counter',
        'createdAt',
        'credentialId',
        'keyId',
        'label',
        'personId',
        'publicKey',
        'transports',
        'type',
      ].sort(),
    );
  });
});

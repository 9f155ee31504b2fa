// Refusal paths of "Elevate your access": the throttle, a refused key and a session that moved school.
import type { Session } from '../../../../lib/identity/identity';
import { ElevationService } from '../../../../lib/identity/keys/elevation-service';
import type { ElevationThrottle } from '../../../../lib/identity/keys/elevation-throttle';
import { ElevationRefusedError } from '../../../../lib/identity/keys/key-errors';
import type { TotpKeyService, TotpVerdict } from '../../../../lib/identity/keys/totp-key-service';
import type { WebAuthnService, WebAuthnVerdict } from '../../../../lib/identity/keys/webauthn-service';
import type { SessionRepository } from '../../../../lib/identity/session-repository';
import { FakeSecurityLog, ORIGIN, PERSON, SCHOOL_ID, SESSION_HASH } from './fakes';

const SESSION: Session = {
  sessionHash: SESSION_HASH,
  personId: PERSON.personId,
  schoolId: SCHOOL_ID,
  csrfToken: `csrf_${'b'.repeat(43)}`,
  elevated: false,
  createdAt: '2025-03-04T10:00:00.000Z',
  lastSeenAt: '2025-03-04T10:00:00.000Z',
  idleTimeoutSeconds: 1800,
  absoluteExpiresAt: '2025-03-04T22:00:00.000Z',
  expiresAt: 1741084200,
};

function setUp(options: {
  blocked?: boolean;
  totp?: TotpVerdict;
  webAuthn?: WebAuthnVerdict;
  sessionStillThere?: boolean;
}) {
  const securityLog = new FakeSecurityLog();
  const failures: string[] = [];
  const elevations: string[] = [];
  const service = new ElevationService({
    sessions: {
      elevate: (sessionHash: string) => {
        elevations.push(sessionHash);
        return Promise.resolve(options.sessionStillThere ?? true);
      },
    } as unknown as SessionRepository,
    securityLog: securityLog.asLog(),
    throttle: {
      isBlocked: () => Promise.resolve(options.blocked ?? false),
      recordFailure: (personId: string) => {
        failures.push(personId);
        return Promise.resolve();
      },
    } as unknown as ElevationThrottle,
    totp: {
      verifyCode: () => Promise.resolve(options.totp ?? { accepted: false, reason: 'wrong code' }),
    } as unknown as TotpKeyService,
    webAuthn: {
      verifyAssertion: () => Promise.resolve(options.webAuthn ?? { accepted: false, reason: 'unknown key' }),
    } as unknown as WebAuthnService,
  });
  return { service, securityLog, failures, elevations };
}

it('refuses once the person has had too many refusals, without checking the key', async () => {
  const { service, securityLog, elevations } = setUp({
    blocked: true,
    totp: { accepted: true, keyId: '44444444-4444-4444-8444-444444444444' },
  });
  await expect(service.elevate(SESSION, { method: 'totp', code: '123456' }, ORIGIN)).rejects.toMatchObject({
    reason: 'too many attempts',
  });
  expect(elevations).toEqual([]);
  expect(securityLog.events).toEqual([
    expect.objectContaining({ type: 'elevation-refused', reason: 'too many attempts', schoolId: SCHOOL_ID }),
  ]);
});

it('counts and logs a refused code, and does not elevate', async () => {
  const { service, securityLog, failures, elevations } = setUp({
    totp: { accepted: false, reason: 'code already used' },
  });
  const refusal = service.elevate(SESSION, { method: 'totp', code: '123456' }, ORIGIN);
  await expect(refusal).rejects.toBeInstanceOf(ElevationRefusedError);
  await expect(refusal).rejects.toMatchObject({ method: 'totp', reason: 'code already used' });
  expect(failures).toEqual([PERSON.personId]);
  expect(elevations).toEqual([]);
  expect(securityLog.events[0]).toMatchObject({ type: 'elevation-refused', reason: 'code already used' });
  expect(JSON.stringify(securityLog.events)).not.toContain('123456');
});

it('counts and logs a refused security key', async () => {
  const { service, securityLog, failures } = setUp({
    webAuthn: { accepted: false, reason: 'key response not valid' },
  });
  const response = {
    id: 'abc',
    rawId: 'abc',
    response: { clientDataJSON: 'e30', authenticatorData: 'AA', signature: 'AA' },
    clientExtensionResults: {},
    type: 'public-key' as const,
  };
  await expect(service.elevate(SESSION, { method: 'webauthn', response }, ORIGIN)).rejects.toMatchObject({
    method: 'webauthn',
    reason: 'key response not valid',
  });
  expect(failures).toHaveLength(1);
  expect(securityLog.events[0]).toMatchObject({
    type: 'elevation-refused',
    reason: 'key response not valid',
  });
});

it('refuses when the session moved to another school while the key was checked', async () => {
  const { service, securityLog } = setUp({
    totp: { accepted: true, keyId: '44444444-4444-4444-8444-444444444444' },
    sessionStillThere: false,
  });
  await expect(service.elevate(SESSION, { method: 'totp', code: '123456' }, ORIGIN)).rejects.toMatchObject({
    reason: 'session changed',
  });
  expect(securityLog.events.map((event) => event.type)).toEqual(['elevation-refused']);
});

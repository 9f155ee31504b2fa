/**
 * In-memory stand-ins for the key services' collaborators, for unit tests of their refusal paths.
 * (The paths that succeed run against DynamoDB Local and the KMS stand-in in the integration tier.)
 */
import type { Person, SecurityEvent } from '../../../../lib/identity/identity';
import type { KeyActor } from '../../../../lib/identity/keys/key-change-policy';
import type { TotpSecretCipher } from '../../../../lib/identity/keys/key-encryption';
import type { KeyRepository } from '../../../../lib/identity/keys/key-repository';
import type { KeyCredential } from '../../../../lib/identity/keys/second-factor-key';
import type {
  TotpRegistration,
  TotpRegistrationRepository,
} from '../../../../lib/identity/keys/totp-registration-repository';
import type {
  WebAuthnChallenge,
  WebAuthnChallengeRepository,
} from '../../../../lib/identity/keys/webauthn-challenge-repository';
import type { NewSecurityEvent, SecurityLog } from '../../../../lib/identity/security-log';

export const PERSON: Person = {
  personId: '11111111-1111-4111-8111-111111111111',
  email: 'sam.lee@school.example.org',
  displayName: 'Sam Lee',
  failedSignIns: 0,
  createdAt: '2025-01-06T09:00:00.000Z',
  updatedAt: '2025-01-06T09:00:00.000Z',
};

export const SCHOOL_ID = '22222222-2222-4222-8222-222222222222';
export const SESSION_HASH = 'a'.repeat(64);
export const ORIGIN = { sourceIp: '203.0.113.9', userAgent: 'unit-tests' };

export function actor(elevated: boolean): KeyActor {
  return { person: PERSON, schoolId: SCHOOL_ID, sessionHash: SESSION_HASH, elevated };
}

export class FakeKeys {
  readonly keys: KeyCredential[] = [];
  /** When set, recordTotpUse and recordWebAuthnUse answer false, as when another request won the race. */
  loseRaces = false;
  listForPerson(personId: string) {
    return Promise.resolve(this.keys.filter((key) => key.personId === personId));
  }
  hasAny(personId: string) {
    return Promise.resolve(this.keys.some((key) => key.personId === personId));
  }
  create(key: KeyCredential) {
    this.keys.push(key);
    return Promise.resolve();
  }
  delete(personId: string, keyId: string) {
    const index = this.keys.findIndex((key) => key.personId === personId && key.keyId === keyId);
    if (index >= 0) this.keys.splice(index, 1);
    return Promise.resolve(index >= 0);
  }
  recordTotpUse() {
    return Promise.resolve(!this.loseRaces);
  }
  recordWebAuthnUse() {
    return Promise.resolve(!this.loseRaces);
  }
  asRepository(): KeyRepository {
    return this as unknown as KeyRepository;
  }
}

export class FakeSecurityLog {
  readonly events: NewSecurityEvent[] = [];
  append(event: NewSecurityEvent): Promise<SecurityEvent> {
    this.events.push(event);
    return Promise.resolve({
      ...event,
      eventId: '33333333-3333-4333-8333-333333333333',
      at: new Date().toISOString(),
    });
  }
  asLog(): SecurityLog {
    return this as unknown as SecurityLog;
  }
}

export class FakeRegistrations {
  readonly registrations: TotpRegistration[] = [];
  alreadyUsed = false;
  create(registration: TotpRegistration) {
    this.registrations.push(registration);
    return Promise.resolve();
  }
  get(personId: string, registrationId: string, now: Date) {
    return Promise.resolve(
      this.registrations.find(
        (registration) =>
          registration.personId === personId &&
          registration.registrationId === registrationId &&
          registration.expiresAt * 1000 > now.getTime(),
      ),
    );
  }
  complete() {
    return Promise.resolve(!this.alreadyUsed);
  }
  asRepository(): TotpRegistrationRepository {
    return this as unknown as TotpRegistrationRepository;
  }
}

export class FakeChallenges {
  readonly challenges = new Map<string, WebAuthnChallenge>();
  put(challenge: WebAuthnChallenge) {
    this.challenges.set(`${challenge.sessionHash} ${challenge.ceremony}`, challenge);
    return Promise.resolve();
  }
  take(sessionHash: string, ceremony: string) {
    const key = `${sessionHash} ${ceremony}`;
    const challenge = this.challenges.get(key);
    this.challenges.delete(key);
    return Promise.resolve(challenge);
  }
  asRepository(): WebAuthnChallengeRepository {
    return this as unknown as WebAuthnChallengeRepository;
  }
}

/** "Encrypts" by tagging with the person: enough to prove the services pass the right person along. */
export const fakeCipher = {
  encrypt(personId: string, secret: string) {
    return Promise.resolve(Buffer.from(`${personId}:${secret}`).toString('base64'));
  },
  decrypt(personId: string, encrypted: string) {
    const [owner, secret] = Buffer.from(encrypted, 'base64').toString().split(':');
    if (owner !== personId) return Promise.reject(new Error('InvalidCiphertextException'));
    return Promise.resolve(secret!);
  },
} as unknown as TotpSecretCipher;

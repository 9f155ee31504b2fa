/**
 * Security keys and passkeys (WebAuthn) over @simplewebauthn/server: registration and the assertion
 * that elevates a session. The relying party is the web app's own origin (APP_BASE_URL), so a
 * response made for any other site fails. Challenges live server-side, bound to the session, and
 * are used once.
 */
import { randomUUID } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { SecurityLog } from '../security-log';
import type { RequestOrigin } from '../sign-in-service';
import { requireElevationIfKeyed, type KeyActor } from './key-change-policy';
import {
  KeyRegistrationRefusedError,
  NoWebAuthnKeyError,
  type ElevationRefusal,
  type RegistrationRefusal,
} from './key-errors';
import type { KeyRepository } from './key-repository';
import { keyView, type KeyView, type WebAuthnKey } from './second-factor-key';
import type { WebAuthnChallengeRepository } from './webauthn-challenge-repository';
import type {
  AuthenticationOptions,
  AuthenticationResponse,
  RegistrationOptions,
  RegistrationResponse,
} from './webauthn-json';

/** How long the browser waits for the person to touch their key, and how long the challenge lives. */
export const WEBAUTHN_TIMEOUT_SECONDS = 5 * 60;
const RP_NAME = 'Lantern';
// COSE algorithm ids: Ed25519, ES256 (P-256, what nearly every authenticator uses), RS256 (Windows Hello).
const SUPPORTED_ALGORITHMS = [-8, -7, -257];

export interface RelyingParty {
  /** The registrable domain credentials are scoped to: the web app's host name. */
  readonly rpId: string;
  /** The only origin whose responses are accepted. */
  readonly origin: string;
}

export function relyingPartyFor(appBaseUrl: string): RelyingParty {
  const url = new URL(appBaseUrl);
  return { rpId: url.hostname, origin: url.origin };
}

export type WebAuthnVerdict =
  { accepted: true; keyId: string } | { accepted: false; reason: ElevationRefusal };

export interface WebAuthnServiceDependencies {
  readonly keys: KeyRepository;
  readonly challenges: WebAuthnChallengeRepository;
  readonly securityLog: SecurityLog;
  readonly relyingParty: RelyingParty;
  readonly now?: () => Date;
}

function webAuthnKeys(keys: readonly { type: string }[]): WebAuthnKey[] {
  return keys.filter((key): key is WebAuthnKey => key.type === 'webauthn');
}

function descriptor(key: WebAuthnKey) {
  return { id: key.credentialId, transports: key.transports };
}

export class WebAuthnService {
  private readonly now: () => Date;

  constructor(private readonly deps: WebAuthnServiceDependencies) {
    this.now = deps.now ?? (() => new Date());
  }

  async registrationOptions(actor: KeyActor): Promise<RegistrationOptions> {
    await requireElevationIfKeyed(this.deps.keys, actor);
    const { person } = actor;
    const existing = webAuthnKeys(await this.deps.keys.listForPerson(person.personId));
    const options = await generateRegistrationOptions({
      rpName: RP_NAME,
      rpID: this.deps.relyingParty.rpId,
      userName: person.email,
      userDisplayName: person.displayName,
      // A stable handle per person, so an authenticator replaces its passkey for them instead of adding one.
      userID: new TextEncoder().encode(person.personId),
      timeout: WEBAUTHN_TIMEOUT_SECONDS * 1000,
      attestationType: 'none',
      excludeCredentials: existing.map(descriptor),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
    });
    await this.storeChallenge(actor.sessionHash, 'registration', person.personId, options.challenge);
    return options;
  }

  async verifyRegistration(
    actor: KeyActor,
    input: { response: RegistrationResponse; label: string },
    origin: RequestOrigin,
  ): Promise<KeyView> {
    await requireElevationIfKeyed(this.deps.keys, actor);
    const now = this.now();
    const { personId } = actor.person;
    const challenge = await this.deps.challenges.take(actor.sessionHash, 'registration', now);
    if (!challenge || challenge.personId !== personId) return this.refuse(actor, 'no challenge', origin);
    const credential = await this.verifiedCredential(input.response, challenge.challenge);
    if (!credential) return this.refuse(actor, 'key response not valid', origin);
    const existing = webAuthnKeys(await this.deps.keys.listForPerson(personId));
    if (existing.some((key) => key.credentialId === credential.id)) {
      return this.refuse(actor, 'key already registered', origin);
    }
    const key: WebAuthnKey = {
      type: 'webauthn',
      keyId: randomUUID(),
      personId,
      label: input.label,
      createdAt: now.toISOString(),
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      counter: credential.counter,
      transports: credential.transports ?? input.response.response.transports ?? [],
    };
    await this.deps.keys.create(key);
    await this.deps.securityLog.append({
      personId,
      type: 'key-registered',
      schoolId: actor.schoolId,
      ...origin,
    });
    return keyView(key);
  }

  /** A challenge for elevating this session with one of the person's security keys or passkeys. */
  async elevationOptions(personId: string, sessionHash: string): Promise<AuthenticationOptions> {
    const existing = webAuthnKeys(await this.deps.keys.listForPerson(personId));
    if (existing.length === 0) throw new NoWebAuthnKeyError();
    const options = await generateAuthenticationOptions({
      rpID: this.deps.relyingParty.rpId,
      allowCredentials: existing.map(descriptor),
      userVerification: 'preferred',
      timeout: WEBAUTHN_TIMEOUT_SECONDS * 1000,
    });
    await this.storeChallenge(sessionHash, 'elevation', personId, options.challenge);
    return options;
  }

  /** Checks an assertion against the session's challenge and the person's own keys. */
  async verifyAssertion(
    personId: string,
    sessionHash: string,
    response: AuthenticationResponse,
  ): Promise<WebAuthnVerdict> {
    const now = this.now();
    const challenge = await this.deps.challenges.take(sessionHash, 'elevation', now);
    if (!challenge || challenge.personId !== personId) return { accepted: false, reason: 'no challenge' };
    // Only this person's keys: a credential registered by anyone else is as unknown as a made-up one.
    const key = webAuthnKeys(await this.deps.keys.listForPerson(personId)).find(
      (candidate) => candidate.credentialId === response.id,
    );
    if (!key) return { accepted: false, reason: 'unknown key' };
    const newCounter = await this.verifiedCounter(response, challenge.challenge, key);
    if (newCounter === undefined) return { accepted: false, reason: 'key response not valid' };
    const recorded = await this.deps.keys.recordWebAuthnUse(
      personId,
      key.keyId,
      newCounter,
      now.toISOString(),
    );
    return recorded ? { accepted: true, keyId: key.keyId } : { accepted: false, reason: 'unknown key' };
  }

  /** The new credential, or undefined when the attestation does not verify for this site and challenge. */
  private async verifiedCredential(response: RegistrationResponse, expectedChallenge: string) {
    try {
      const verification = await verifyRegistrationResponse({
        response,
        expectedChallenge,
        expectedOrigin: this.deps.relyingParty.origin,
        expectedRPID: this.deps.relyingParty.rpId,
        // 'preferred': a security key without a PIN still proves possession, which is the factor asked for.
        requireUserVerification: false,
        supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
      });
      return verification.verified ? verification.registrationInfo.credential : undefined;
    } catch {
      // Wrong origin, wrong RP, malformed CBOR…: the library's message may quote the response, so it is
      // not passed on; the caller records one fixed reason.
      return undefined;
    }
  }

  /** The authenticator's new counter, or undefined when the assertion does not verify. */
  private async verifiedCounter(
    response: AuthenticationResponse,
    expectedChallenge: string,
    key: WebAuthnKey,
  ): Promise<number | undefined> {
    try {
      const verification = await verifyAuthenticationResponse({
        response,
        expectedChallenge,
        expectedOrigin: this.deps.relyingParty.origin,
        expectedRPID: this.deps.relyingParty.rpId,
        credential: {
          id: key.credentialId,
          publicKey: Uint8Array.from(Buffer.from(key.publicKey, 'base64url')),
          counter: key.counter,
          transports: key.transports,
        },
        requireUserVerification: false,
      });
      return verification.verified ? verification.authenticationInfo.newCounter : undefined;
    } catch {
      // Wrong origin, wrong RP, bad signature, a counter that went backwards: one fixed reason.
      return undefined;
    }
  }

  private async storeChallenge(
    sessionHash: string,
    ceremony: 'registration' | 'elevation',
    personId: string,
    challenge: string,
  ): Promise<void> {
    await this.deps.challenges.put({
      sessionHash,
      ceremony,
      personId,
      challenge,
      expiresAt: Math.floor(this.now().getTime() / 1000) + WEBAUTHN_TIMEOUT_SECONDS,
    });
  }

  private async refuse(actor: KeyActor, reason: RegistrationRefusal, origin: RequestOrigin): Promise<never> {
    await this.deps.securityLog.append({
      personId: actor.person.personId,
      type: 'key-registration-refused',
      schoolId: actor.schoolId,
      reason,
      ...origin,
    });
    throw new KeyRegistrationRefusedError('webauthn', reason);
  }
}

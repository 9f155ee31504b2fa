/**
 * "Elevate your access": verifies one of the person's keys (a code from their authenticator app, or
 * their security key or passkey) and marks the session elevated. Every refusal looks the same to the
 * caller for its method, counts towards the person's limit and is written to their security log.
 */
import type { Session } from '../identity';
import type { SecurityLog } from '../security-log';
import type { SessionRepository } from '../session-repository';
import type { RequestOrigin } from '../sign-in-service';
import type { ElevationThrottle } from './elevation-throttle';
import { ElevationRefusedError, type ElevationRefusal } from './key-errors';
import type { TotpKeyService } from './totp-key-service';
import type { WebAuthnService } from './webauthn-service';
import type { AuthenticationResponse } from './webauthn-json';

export type ElevationProof =
  { method: 'totp'; code: string } | { method: 'webauthn'; response: AuthenticationResponse };

export interface ElevationServiceDependencies {
  readonly sessions: SessionRepository;
  readonly securityLog: SecurityLog;
  readonly throttle: ElevationThrottle;
  readonly totp: TotpKeyService;
  readonly webAuthn: WebAuthnService;
  readonly now?: () => Date;
}

export class ElevationService {
  private readonly now: () => Date;

  constructor(private readonly deps: ElevationServiceDependencies) {
    this.now = deps.now ?? (() => new Date());
  }

  async elevate(session: Session, proof: ElevationProof, origin: RequestOrigin): Promise<void> {
    const { personId, sessionHash } = session;
    if (await this.deps.throttle.isBlocked(personId, this.now())) {
      return this.refuse(session, proof.method, 'too many attempts', origin);
    }
    const verdict =
      proof.method === 'totp'
        ? await this.deps.totp.verifyCode(personId, proof.code)
        : await this.deps.webAuthn.verifyAssertion(personId, sessionHash, proof.response);
    if (!verdict.accepted) {
      await this.deps.throttle.recordFailure(personId, this.now());
      return this.refuse(session, proof.method, verdict.reason, origin);
    }
    // The session may have moved school while the key was checked; elevation stays with the school.
    if (!(await this.deps.sessions.elevate(sessionHash, session.schoolId))) {
      return this.refuse(session, proof.method, 'session changed', origin);
    }
    await this.deps.securityLog.append({
      personId,
      type: 'elevated',
      schoolId: session.schoolId,
      ...origin,
    });
  }

  private async refuse(
    session: Session,
    method: ElevationProof['method'],
    reason: ElevationRefusal,
    origin: RequestOrigin,
  ): Promise<never> {
    await this.deps.securityLog.append({
      personId: session.personId,
      type: 'elevation-refused',
      schoolId: session.schoolId,
      reason,
      ...origin,
    });
    throw new ElevationRefusedError(method, reason);
  }
}

/**
 * Staff sign-in and sessions. Every refusal looks the same to the caller (no hint whether the
 * email exists, the password was wrong, or the account is locked) and is recorded in the person's
 * security log; every outcome spends a password-hash's worth of time.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { hashToken, newOpaqueToken } from './opaque-token';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password-hashing';
import type { Membership, Person, Session } from './identity';
import type { MembershipRepository } from './membership-repository';
import type { PersonRepository } from './person-repository';
import type { SecurityLog } from './security-log';
import type { SessionRepository } from './session-repository';
import type { SignInThrottle } from './sign-in-throttle';

/** Consecutive failures before the account locks, and for how long. */
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_DURATION_MS = 15 * 60 * 1000;
/** However active, a session ends after a working day. */
export const ABSOLUTE_SESSION_MS = 12 * 60 * 60 * 1000;
/** Activity is written back at most this often, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export class SignInRefusedError extends Error {
  constructor(readonly throttled: boolean) {
    super(throttled ? 'Too many failed sign-ins from this network.' : 'Email or password not recognised.');
    this.name = 'SignInRefusedError';
  }
}

export interface RequestOrigin {
  readonly sourceIp: string;
  readonly userAgent: string;
}

export interface SignedIn {
  /** The session id for the cookie; only its hash is stored. */
  readonly sessionId: string;
  readonly session: Session;
  readonly person: Person;
  readonly memberships: Membership[];
}

export interface AuthenticatedSession {
  readonly session: Session;
  readonly membership: Membership;
}

export interface SignInDependencies {
  readonly people: PersonRepository;
  readonly memberships: MembershipRepository;
  readonly sessions: SessionRepository;
  readonly securityLog: SecurityLog;
  readonly throttle: SignInThrottle;
  /** The school's idle timeout in seconds (its setting, or the default). */
  readonly idleTimeoutSeconds: (schoolId: string) => Promise<number>;
  readonly now?: () => Date;
}

/** How authentication reads the member behind a session (and anything the caller needs with it). */
export interface MemberReader<T> {
  /** The session and its member in one round trip, when the reader can; undefined when it cannot. */
  readonly withSession?: (
    sessionHash: string,
  ) => Promise<{ readonly session: Session | undefined; readonly member?: T } | undefined>;
  /** The member behind a session already read. */
  readonly forSession: (session: Session) => Promise<T>;
}

export class SignInService {
  private readonly now: () => Date;

  constructor(private readonly deps: SignInDependencies) {
    this.now = deps.now ?? (() => new Date());
  }

  async signIn(
    input: { email: string; password: string; schoolId?: string | undefined },
    origin: RequestOrigin,
  ): Promise<SignedIn> {
    const now = this.now();
    if (await this.deps.throttle.isBlocked(origin.sourceIp, now)) {
      await verifyAgainstDummy(input.password);
      throw new SignInRefusedError(true);
    }
    const person = await this.deps.people.findByEmail(input.email);
    if (!person) {
      await verifyAgainstDummy(input.password);
      return this.refuse(undefined, 'unknown email', origin, now);
    }
    if (person.lockedUntil && Date.parse(person.lockedUntil) > now.getTime()) {
      await verifyAgainstDummy(input.password);
      return this.refuse(person, 'account locked', origin, now);
    }
    if (!person.passwordHash) {
      await verifyAgainstDummy(input.password);
      return this.refuse(person, 'no password set yet', origin, now);
    }
    const verdict = await verifyPassword(input.password, person.passwordHash);
    if (!verdict.valid) {
      const failures = await this.deps.people.recordFailedSignIn(person.personId, (count) =>
        count >= LOCK_AFTER_FAILURES ? new Date(now.getTime() + LOCK_DURATION_MS).toISOString() : undefined,
      );
      if (failures === LOCK_AFTER_FAILURES) {
        await this.deps.securityLog.append({ personId: person.personId, type: 'account-locked', ...origin });
      }
      return this.refuse(person, 'wrong password', origin, now);
    }

    const memberships = await this.deps.memberships.listForPerson(person.personId);
    const active = memberships
      .filter((membership) => membership.status === 'active')
      .sort((a, b) => a.schoolName.localeCompare(b.schoolName, 'en-GB'));
    const school = active.find((membership) => membership.schoolId === input.schoolId) ?? active[0];
    if (!school) return this.refuse(person, 'no active school membership', origin, now);

    const nowIso = now.toISOString();
    await this.deps.people.clearFailedSignIns(person.personId, nowIso);
    if (verdict.needsRehash) {
      await this.deps.people.setPasswordHash(person.personId, await hashPassword(input.password), nowIso);
    }
    const sessionId = newOpaqueToken('ls_');
    const idleTimeoutSeconds = await this.deps.idleTimeoutSeconds(school.schoolId);
    const absoluteExpiresAt = new Date(now.getTime() + ABSOLUTE_SESSION_MS);
    const session: Session = {
      sessionHash: hashToken(sessionId),
      personId: person.personId,
      schoolId: school.schoolId,
      csrfToken: newOpaqueToken('csrf_'),
      elevated: false,
      createdAt: nowIso,
      lastSeenAt: nowIso,
      idleTimeoutSeconds,
      absoluteExpiresAt: absoluteExpiresAt.toISOString(),
      expiresAt: ttlFor(now, idleTimeoutSeconds, absoluteExpiresAt),
    };
    await this.deps.sessions.create(session);
    await this.deps.securityLog.append({
      personId: person.personId,
      type: 'sign-in',
      schoolId: school.schoolId,
      ...origin,
    });
    return { sessionId, session, person, memberships: active };
  }

  /** The live session for a cookie value, or undefined when it is unknown, expired or its membership ended. */
  authenticate(sessionId: string): Promise<AuthenticatedSession | undefined> {
    return this.authenticateWith(sessionId, {
      forSession: async (session) => ({
        membership: await this.deps.memberships.get(session.schoolId, session.personId),
      }),
    });
  }

  /**
   * As `authenticate`, reading the membership (and whatever the caller needs alongside it) through
   * `reader`: in the session's own round trip when the reader can, otherwise after it, while the
   * session's activity is written back in parallel.
   */
  async authenticateWith<T extends { readonly membership: Membership | undefined }>(
    sessionId: string,
    reader: MemberReader<T>,
  ): Promise<(T & AuthenticatedSession) | undefined> {
    if (!/^ls_[A-Za-z0-9_-]{43}$/.test(sessionId)) return undefined;
    const sessionHash = hashToken(sessionId);
    const together = await reader.withSession?.(sessionHash);
    const session = together ? together.session : await this.deps.sessions.get(sessionHash);
    if (!session) return undefined;
    const now = this.now();
    const idleDeadline = Date.parse(session.lastSeenAt) + session.idleTimeoutSeconds * 1000;
    if (now.getTime() >= idleDeadline || now.getTime() >= Date.parse(session.absoluteExpiresAt)) {
      await this.deps.sessions.delete(session.sessionHash);
      return undefined;
    }
    const [member, stillLive] = await Promise.all([
      together?.member ?? reader.forSession(session),
      this.touchIfDue(session, now),
    ]);
    // Checked on every request, so deactivation or removal from the school ends access at once.
    const { membership } = member;
    if (!stillLive || !membership || membership.status !== 'active') return undefined;
    return { ...member, session, membership };
  }

  /** Records activity at most once a minute; false when the session ended meanwhile. */
  private async touchIfDue(session: Session, now: Date): Promise<boolean> {
    if (now.getTime() - Date.parse(session.lastSeenAt) < TOUCH_INTERVAL_MS) return true;
    try {
      await this.deps.sessions.touch(
        session.sessionHash,
        now.toISOString(),
        ttlFor(now, session.idleTimeoutSeconds, new Date(session.absoluteExpiresAt)),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async signOut(session: Session, origin: RequestOrigin): Promise<void> {
    await this.deps.sessions.delete(session.sessionHash);
    await this.deps.securityLog.append({
      personId: session.personId,
      type: 'sign-out',
      schoolId: session.schoolId,
      ...origin,
    });
  }

  async signOutEverywhere(session: Session, origin: RequestOrigin): Promise<number> {
    const ended = await this.deps.sessions.deleteAllForPerson(session.personId);
    // The GSI that lists sessions is eventually consistent: end the current one directly as well.
    await this.deps.sessions.delete(session.sessionHash);
    await this.deps.securityLog.append({
      personId: session.personId,
      type: 'sign-out-everywhere',
      schoolId: session.schoolId,
      ...origin,
    });
    return ended;
  }

  /** Moves the session to another school the person is an active member of; undefined if they are not. */
  async switchSchool(
    session: Session,
    schoolId: string,
    origin: RequestOrigin,
  ): Promise<Membership | undefined> {
    const membership = await this.deps.memberships.get(schoolId, session.personId);
    if (!membership || membership.status !== 'active') return undefined;
    await this.deps.sessions.switchSchool(
      session.sessionHash,
      schoolId,
      await this.deps.idleTimeoutSeconds(schoolId),
    );
    await this.deps.securityLog.append({
      personId: session.personId,
      type: 'school-switched',
      schoolId,
      ...origin,
    });
    return membership;
  }

  private async refuse(
    person: Person | undefined,
    reason: string,
    origin: RequestOrigin,
    now: Date,
  ): Promise<never> {
    await this.deps.throttle.recordFailure(origin.sourceIp, now);
    if (person) {
      await this.deps.securityLog.append({
        personId: person.personId,
        type: 'sign-in-refused',
        reason,
        ...origin,
      });
    }
    throw new SignInRefusedError(false);
  }
}

function ttlFor(now: Date, idleTimeoutSeconds: number, absoluteExpiresAt: Date): number {
  const idleDeadline = now.getTime() + idleTimeoutSeconds * 1000;
  return Math.ceil(Math.min(idleDeadline, absoluteExpiresAt.getTime()) / 1000);
}

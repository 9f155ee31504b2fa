/**
 * First passwords and resets, by an emailed single-use link that stops working at midnight (school
 * time) on the day it was sent. Asking for a link never reveals whether the email is known.
 */
import { hashToken, newOpaqueToken } from './opaque-token';
import { hashPassword, passwordProblems } from './password-hashing';
import { endOfSchoolDay } from './reset-link-expiry';
import type { MembershipRepository } from './membership-repository';
import type { PasswordLinkRepository } from './password-link-repository';
import { PasswordLinkUnusableError } from './password-link-repository';
import type { PersonRepository } from './person-repository';
import type { SecurityLog } from './security-log';
import type { SessionRepository } from './session-repository';
import type { RequestOrigin } from './sign-in-service';
import type { MailService } from '../mail/mail-service';
import type { SchoolRepository } from '../schools/school-repository';

export class WeakPasswordError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
    this.name = 'WeakPasswordError';
  }
}

export interface PasswordLinkDependencies {
  readonly people: PersonRepository;
  readonly memberships: MembershipRepository;
  readonly schools: SchoolRepository;
  readonly links: PasswordLinkRepository;
  readonly sessions: SessionRepository;
  readonly securityLog: SecurityLog;
  readonly mail: MailService;
  readonly appBaseUrl: string;
  readonly now?: () => Date;
}

export class PasswordLinkService {
  private readonly now: () => Date;

  constructor(private readonly deps: PasswordLinkDependencies) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Emails a link when the email belongs to someone active at a school; otherwise does nothing, silently. */
  async request(normalisedEmail: string, origin: RequestOrigin): Promise<void> {
    const person = await this.deps.people.findByEmail(normalisedEmail);
    if (!person) return;
    const active = (await this.deps.memberships.listForPerson(person.personId)).filter(
      (membership) => membership.status === 'active',
    );
    const first = active.sort((a, b) => a.schoolName.localeCompare(b.schoolName, 'en-GB'))[0];
    const school = first ? await this.deps.schools.get(first.schoolId) : undefined;
    if (!school) return;

    const issuedAt = this.now();
    const validUntil = endOfSchoolDay(issuedAt, school.timeZone);
    const token = newOpaqueToken('pw_');
    await this.deps.links.create({
      tokenHash: hashToken(token),
      personId: person.personId,
      issuedAt: issuedAt.toISOString(),
      validUntil: validUntil.toISOString(),
      expiresAt: Math.ceil(validUntil.getTime() / 1000) + 24 * 60 * 60,
    });
    const link = new URL('/set-password', this.deps.appBaseUrl);
    link.searchParams.set('token', token);
    await this.deps.mail.send({
      to: person.email,
      subject: 'Set your Lantern password',
      text: [
        `Hello ${person.displayName},`,
        '',
        'Use this link to set your Lantern password. It works once, and only until midnight tonight:',
        link.toString(),
        '',
        'If you did not ask for this, you can ignore this email: your password has not changed.',
      ].join('\n'),
    });
    await this.deps.securityLog.append({
      personId: person.personId,
      type: 'password-reset-requested',
      schoolId: school.schoolId,
      ...origin,
    });
  }

  /** Sets the password from a link, ends every existing session, and spends the link. */
  async use(token: string, newPassword: string, origin: RequestOrigin): Promise<void> {
    const problems = passwordProblems(newPassword);
    if (problems.length > 0) throw new WeakPasswordError(problems);
    const link = /^pw_[A-Za-z0-9_-]{43}$/.test(token)
      ? await this.deps.links.get(hashToken(token))
      : undefined;
    const now = this.now();
    if (!link || link.usedAt || Date.parse(link.validUntil) <= now.getTime()) {
      throw new PasswordLinkUnusableError();
    }
    await this.deps.links.consume(link, await hashPassword(newPassword), now.toISOString());
    await this.deps.sessions.deleteAllForPerson(link.personId);
    await this.deps.securityLog.append({ personId: link.personId, type: 'password-set', ...origin });
  }
}

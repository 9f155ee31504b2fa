/**
 * User administration (IAM-5): add by hand or from MIS staff, change email / name / group, deactivate and reactivate,
 * unlock, send a password link, remove keys, read a user's security log. A person is visible to an
 * admin only through a membership of the admin's own school; every change is audited.
 */
import type { SchoolSettingsRepository } from '../access/access-repositories';
import { type GroupMembershipWriter, MembershipChangeRefusedError } from '../access/group-membership-writer';
import { emailDomainAllowed } from '../access/school-settings';
import type { UserGroupRepository } from '../access/user-group-repository';
import type { AuditActor } from '../audit/audit-event';
import type { AuditLog } from '../audit/audit-log';
import { membershipKeys } from '../data/keys';
import type { Membership, Person, SecurityEvent } from '../identity/identity';
import type { IdentityServices } from '../identity/identity-services';
import type { PasswordLinkService } from '../identity/password-link-service';
import { DuplicateEmailError } from '../identity/person-repository';
import { AdminConflictError, AdminInvalidFieldError, AdminNotFoundError } from './admin-errors';
import type { MisStaffMember } from '../mis/import-record';
import type { UserDetail, UserSummary } from './admin-types';

/** The part of the key store user administration needs (implemented over the key repository). */
export interface KeyDirectory {
  summaries(personId: string): Promise<UserDetail['keys']>;
  /** People among these who have at least one key. */
  holders(personIds: readonly string[]): Promise<ReadonlySet<string>>;
  removeAll(personId: string): Promise<number>;
}

/** The MIS staff the last imports listed (lib/mis/staff-import.ts MisStaffRepository). */
export interface MisStaffList {
  list(schoolId: string): Promise<MisStaffMember[]>;
}

export interface UserAdminDependencies {
  readonly identity: IdentityServices;
  readonly misStaff: MisStaffList;
  readonly groups: UserGroupRepository;
  readonly writer: GroupMembershipWriter;
  readonly settings: SchoolSettingsRepository;
  readonly keys: KeyDirectory;
  readonly passwordLinks: PasswordLinkService;
  readonly audit: AuditLog;
  readonly now?: () => Date;
}

const MIS_STAFF_NOT_CURRENT = "is not a member of staff in this school's MIS extract";
const MIS_STAFF_TAKEN =
  'A user was already added from this member of staff (if they are deactivated, reactivate them instead).';

export class UserAdminService {
  private readonly now: () => Date;

  constructor(private readonly deps: UserAdminDependencies) {
    this.now = deps.now ?? (() => new Date());
  }

  async list(schoolId: string, status: 'active' | 'deactivated'): Promise<UserSummary[]> {
    const memberships = (await this.deps.identity.memberships.listForSchool(schoolId)).filter(
      (membership) => membership.status === status,
    );
    const personIds = memberships.map((membership) => membership.personId);
    const [people, groups, holders] = await Promise.all([
      this.deps.identity.people.getMany(personIds),
      this.deps.groups.list(schoolId),
      this.deps.keys.holders(personIds),
    ]);
    const groupNames = new Map(groups.map((group) => [group.groupId, group.name]));
    return memberships
      .flatMap((membership) => {
        const person = people.get(membership.personId);
        return person
          ? [summarise(membership, person, groupNames, holders.has(person.personId), this.now())]
          : [];
      })
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'en-GB'));
  }

  async get(schoolId: string, personId: string): Promise<UserDetail> {
    const { membership, person } = await this.member(schoolId, personId);
    const [keys, memberships, groupNames] = await Promise.all([
      this.deps.keys.summaries(personId),
      this.deps.identity.memberships.listForPerson(personId),
      this.groupNames(schoolId),
    ]);
    return {
      ...summarise(membership, person, groupNames, keys.length > 0, this.now()),
      keys,
      worksAtOtherSchools: memberships.some((other) => other.schoolId !== schoolId),
    };
  }

  async add(
    actor: AuditActor,
    input: {
      email: string;
      displayName: string;
      groupId: string;
      sendPasswordEmail: boolean;
      misStaffId?: string | undefined;
    },
  ): Promise<UserSummary> {
    await this.checkDomain(actor.schoolId, input.email);
    await this.existingGroup(actor.schoolId, input.groupId);
    if (input.misStaffId !== undefined) await this.unclaimedMisStaff(actor.schoolId, input.misStaffId);
    const at = this.now().toISOString();
    const person = await this.deps.identity.people.findOrCreate(input.email, input.displayName, at);
    const existing = await this.deps.identity.memberships.get(actor.schoolId, person.personId);
    if (existing) {
      throw new AdminConflictError(
        existing.status === 'deactivated'
          ? 'This person is a deactivated user here: reactivate them instead.'
          : 'This person is already a user here.',
        'body.email',
      );
    }
    const school = await this.schoolName(actor);
    const membership: Membership & { groupId: string } = {
      schoolId: actor.schoolId,
      personId: person.personId,
      schoolName: school,
      displayName: input.displayName,
      email: person.email,
      status: 'active',
      groupId: input.groupId,
      ...(input.misStaffId === undefined ? {} : { misStaffId: input.misStaffId }),
      createdAt: at,
      updatedAt: at,
    };
    try {
      await this.deps.writer.add(membership);
    } catch (error) {
      throw this.refusal(error);
    }
    await this.deps.audit.record(actor, {
      action: 'user.create',
      resourceType: 'user',
      resourceId: person.personId,
      detail: [
        input.misStaffId === undefined ? 'added' : 'added from MIS staff',
        ...(input.sendPasswordEmail ? ['password link sent'] : []),
      ].join('; '),
    });
    if (input.sendPasswordEmail) await this.deps.passwordLinks.request(person.email, actor);
    return this.summary(actor.schoolId, person.personId);
  }

  async update(
    actor: AuditActor,
    personId: string,
    changes: { email?: string | undefined; displayName?: string | undefined; groupId?: string | undefined },
  ): Promise<UserSummary> {
    const { membership, person } = await this.member(actor.schoolId, personId);
    const at = this.now().toISOString();
    const changed: string[] = [];
    if (changes.groupId !== undefined && changes.groupId !== membership.groupId) {
      if (membership.status !== 'active') {
        throw new AdminConflictError('Reactivate this user to choose their group.', 'body.groupId');
      }
      await this.existingGroup(actor.schoolId, changes.groupId);
      try {
        await this.deps.writer.move(actor.schoolId, personId, membership.groupId, changes.groupId, at);
      } catch (error) {
        throw this.refusal(error);
      }
      changed.push('group');
    }
    if (changes.displayName !== undefined && changes.displayName !== membership.displayName) {
      await this.deps.identity.memberships.setDisplayName(actor.schoolId, personId, changes.displayName, at);
      changed.push('name');
    }
    if (changes.email !== undefined && changes.email !== person.email) {
      await this.changeEmail(actor, person, changes.email, at);
      changed.push('email');
    }
    if (changed.length > 0) {
      await this.deps.audit.record(actor, {
        action: 'user.update',
        resourceType: 'user',
        resourceId: personId,
        detail: `changed ${changed.join(', ')}`,
      });
    }
    return this.summary(actor.schoolId, personId);
  }

  async deactivate(actor: AuditActor, personId: string): Promise<UserSummary> {
    if (personId === actor.personId) {
      throw new AdminConflictError('You cannot deactivate yourself; ask another administrator.');
    }
    const { membership } = await this.member(actor.schoolId, personId);
    if (membership.status !== 'active') throw new AdminConflictError('This user is already deactivated.');
    try {
      await this.deps.writer.deactivate(
        actor.schoolId,
        personId,
        membership.groupId,
        this.now().toISOString(),
      );
    } catch (error) {
      throw this.refusal(error);
    }
    await this.deps.audit.record(actor, {
      action: 'user.deactivate',
      resourceType: 'user',
      resourceId: personId,
    });
    return this.summary(actor.schoolId, personId);
  }

  async reactivate(actor: AuditActor, personId: string, groupId: string): Promise<UserSummary> {
    const { membership, person } = await this.member(actor.schoolId, personId);
    if (membership.status !== 'deactivated') throw new AdminConflictError('This user is already active.');
    await this.checkDomain(actor.schoolId, person.email);
    await this.existingGroup(actor.schoolId, groupId);
    try {
      await this.deps.writer.reactivate(actor.schoolId, personId, groupId, this.now().toISOString());
    } catch (error) {
      throw this.refusal(error);
    }
    await this.deps.audit.record(actor, {
      action: 'user.reactivate',
      resourceType: 'user',
      resourceId: personId,
    });
    return this.summary(actor.schoolId, personId);
  }

  async unlock(actor: AuditActor, personId: string): Promise<UserSummary> {
    await this.member(actor.schoolId, personId);
    await this.deps.identity.people.clearFailedSignIns(personId, this.now().toISOString());
    await this.deps.identity.securityLog.append({
      personId,
      type: 'account-unlocked',
      schoolId: actor.schoolId,
      reason: 'unlocked by an administrator',
      sourceIp: actor.sourceIp,
      userAgent: actor.userAgent,
    });
    await this.deps.audit.record(actor, {
      action: 'user.unlock',
      resourceType: 'user',
      resourceId: personId,
    });
    return this.summary(actor.schoolId, personId);
  }

  async sendPasswordLink(actor: AuditActor, personId: string): Promise<void> {
    const { membership, person } = await this.member(actor.schoolId, personId);
    if (membership.status !== 'active') throw new AdminConflictError('Reactivate this user first.');
    await this.deps.passwordLinks.request(person.email, actor);
    await this.deps.audit.record(actor, {
      action: 'user.password-link',
      resourceType: 'user',
      resourceId: personId,
    });
  }

  /** Removes every key and ends every session, so a lost key cannot be used to elevate again. */
  async removeKeys(actor: AuditActor, personId: string): Promise<number> {
    await this.member(actor.schoolId, personId);
    const removed = await this.deps.keys.removeAll(personId);
    await this.deps.identity.sessions.deleteAllForPerson(personId);
    await this.deps.identity.securityLog.append({
      personId,
      type: 'key-removed',
      schoolId: actor.schoolId,
      reason: `${removed} key(s) removed by an administrator; every session ended`,
      sourceIp: actor.sourceIp,
      userAgent: actor.userAgent,
    });
    await this.deps.audit.record(actor, {
      action: 'user.keys.remove',
      resourceType: 'user',
      resourceId: personId,
      detail: `${removed} key(s) removed`,
    });
    return removed;
  }

  /** The user's security log as this school may see it: events here, and sign-in refusals and locks. */
  async securityLog(actor: AuditActor, personId: string, limit: number): Promise<SecurityEvent[]> {
    await this.member(actor.schoolId, personId);
    const events = await this.deps.identity.securityLog.list(personId, 100);
    await this.deps.audit.record(actor, {
      action: 'user.security-log.read',
      resourceType: 'user',
      resourceId: personId,
    });
    return events
      .filter((event) => event.schoolId === undefined || event.schoolId === actor.schoolId)
      .slice(0, limit);
  }

  private async member(
    schoolId: string,
    personId: string,
  ): Promise<{ membership: Membership; person: Person }> {
    const [membership, person] = await Promise.all([
      this.deps.identity.memberships.get(schoolId, personId),
      this.deps.identity.people.get(personId),
    ]);
    if (!membership || !person) throw new AdminNotFoundError('user');
    return { membership, person };
  }

  private async summary(schoolId: string, personId: string): Promise<UserSummary> {
    const { membership, person } = await this.member(schoolId, personId);
    const [groupNames, holders] = await Promise.all([
      this.groupNames(schoolId),
      this.deps.keys.holders([personId]),
    ]);
    return summarise(membership, person, groupNames, holders.has(personId), this.now());
  }

  private async groupNames(schoolId: string): Promise<Map<string, string>> {
    return new Map((await this.deps.groups.list(schoolId)).map((group) => [group.groupId, group.name]));
  }

  private async existingGroup(schoolId: string, groupId: string): Promise<void> {
    if (!(await this.deps.groups.get(schoolId, groupId))) {
      throw new AdminInvalidFieldError('body.groupId', 'no such user group in this school');
    }
  }

  /** Refuses an MIS staff member the MIS does not list now, or one a user was added from already. */
  private async unclaimedMisStaff(schoolId: string, misStaffId: string): Promise<void> {
    const [staff, memberships] = await Promise.all([
      this.deps.misStaff.list(schoolId),
      this.deps.identity.memberships.listForSchool(schoolId),
    ]);
    if (!staff.some((member) => member.misId === misStaffId && member.current)) {
      throw new AdminInvalidFieldError('body.misStaffId', MIS_STAFF_NOT_CURRENT);
    }
    if (memberships.some((membership) => membership.misStaffId === misStaffId)) {
      throw new AdminConflictError(MIS_STAFF_TAKEN, 'body.misStaffId');
    }
  }

  private async checkDomain(schoolId: string, email: string): Promise<void> {
    const settings = await this.deps.settings.get(schoolId);
    if (!emailDomainAllowed(settings, email)) {
      throw new AdminInvalidFieldError(
        'body.email',
        `must end with one of the school's allowed domains: ${settings.allowedEmailDomains.join(', ')}`,
      );
    }
  }

  private async schoolName(actor: AuditActor): Promise<string> {
    const own = await this.deps.identity.memberships.get(actor.schoolId, actor.personId);
    if (!own) throw new AdminNotFoundError('school membership');
    return own.schoolName;
  }

  private async changeEmail(actor: AuditActor, person: Person, email: string, at: string): Promise<void> {
    await this.checkDomain(actor.schoolId, email);
    const memberships = await this.deps.identity.memberships.listForPerson(person.personId);
    // One sign-in spans every school the person works at; one school's admin must not be able to move
    // it to an address they control and so reach another school's records.
    if (memberships.some((membership) => membership.schoolId !== actor.schoolId)) {
      throw new AdminConflictError(
        'This person also works at another school, so only a Lantern operator can change their email.',
        'body.email',
      );
    }
    try {
      await this.deps.identity.people.changeEmail(
        person,
        email,
        memberships.map((membership) => membershipKeys.member(membership.schoolId, membership.personId)),
        at,
      );
    } catch (error) {
      if (error instanceof DuplicateEmailError) {
        throw new AdminConflictError('Another Lantern account already uses this email.', 'body.email');
      }
      throw error;
    }
  }

  private refusal(error: unknown): Error {
    if (!(error instanceof MembershipChangeRefusedError)) return error as Error;
    switch (error.reason) {
      case 'group-missing':
        return new AdminInvalidFieldError('body.groupId', 'no such user group in this school');
      case 'already-member':
        return new AdminConflictError('This person is already a user here.', 'body.email');
      case 'membership-changed':
        return new AdminConflictError('Someone else changed this user just now. Reload and try again.');
      case 'mis-staff-not-current':
        return new AdminInvalidFieldError('body.misStaffId', MIS_STAFF_NOT_CURRENT);
      case 'mis-staff-taken':
        return new AdminConflictError(MIS_STAFF_TAKEN, 'body.misStaffId');
    }
  }
}

function summarise(
  membership: Membership,
  person: Person,
  groupNames: ReadonlyMap<string, string>,
  hasKey: boolean,
  now: Date,
): UserSummary {
  const groupName = membership.groupId ? groupNames.get(membership.groupId) : undefined;
  const locked =
    person.lockedUntil && Date.parse(person.lockedUntil) > now.getTime() ? person.lockedUntil : undefined;
  return {
    personId: person.personId,
    displayName: membership.displayName,
    email: person.email,
    status: membership.status,
    ...(membership.groupId ? { groupId: membership.groupId } : {}),
    ...(groupName ? { groupName } : {}),
    ...(locked ? { lockedUntil: locked } : {}),
    hasPassword: person.passwordHash !== undefined,
    hasKey,
  };
}

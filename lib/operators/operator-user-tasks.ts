/**
 * What only a Lantern operator can do for a school's people (CLI, with the operator's own AWS
 * credentials): add the first administrator of a new school, recover an administrator who lost
 * their only key, and change the email of someone who works at several schools. Each is written to
 * the person's security log as done by an operator.
 */
import type { AccessServices } from '../access/access-services';
import { DEFAULT_USER_GROUPS } from '../access/user-group';
import { membershipKeys } from '../data/keys';
import type { Person } from '../identity/identity';
import type { IdentityServices } from '../identity/identity-services';
import type { KeyRepository } from '../identity/keys/key-repository';
import { DuplicateEmailError } from '../identity/person-repository';
import type { SchoolRepository } from '../schools/school-repository';

const OPERATOR_ORIGIN = { sourceIp: 'operator CLI', userAgent: 'npm run lantern' } as const;

export class OperatorTaskError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OperatorTaskError';
  }
}

export interface OperatorUserTaskDependencies {
  readonly identity: IdentityServices;
  readonly access: AccessServices;
  readonly schools: SchoolRepository;
  readonly keys: KeyRepository;
  readonly now?: () => Date;
}

export class OperatorUserTasks {
  private readonly now: () => Date;

  constructor(private readonly deps: OperatorUserTaskDependencies) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Adds a person to a school's user group (by default the safeguarding leads, who administer the
   * rest). They set a first password with "Forgotten your password?" on the sign-in page.
   */
  async addUser(input: { urn: string; email: string; displayName: string; groupName?: string }): Promise<{
    personId: string;
    schoolName: string;
    groupName: string;
  }> {
    const schoolId = await this.deps.schools.findIdByUrn(input.urn);
    const school = schoolId ? await this.deps.schools.get(schoolId) : undefined;
    if (!school) throw new OperatorTaskError(`No school with URN ${input.urn} in this region.`);
    const groupName = input.groupName ?? DEFAULT_USER_GROUPS[0]!.settings.name;
    const group = (await this.deps.access.groups.list(school.schoolId)).find(
      (candidate) => candidate.name.toLowerCase() === groupName.toLowerCase(),
    );
    if (!group) throw new OperatorTaskError(`${school.name} has no user group called "${groupName}".`);
    const at = this.now().toISOString();
    const person = await this.deps.identity.people.findOrCreate(input.email, input.displayName, at);
    if (await this.deps.identity.memberships.get(school.schoolId, person.personId)) {
      throw new OperatorTaskError(`${person.email} is already a user of ${school.name}.`);
    }
    await this.deps.access.writer.add({
      schoolId: school.schoolId,
      personId: person.personId,
      schoolName: school.name,
      displayName: input.displayName,
      email: person.email,
      status: 'active',
      groupId: group.groupId,
      createdAt: at,
      updatedAt: at,
    });
    return { personId: person.personId, schoolName: school.name, groupName: group.name };
  }

  /** Removes every key and ends every session: for someone who lost their only key. */
  async removeKeys(email: string): Promise<number> {
    const person = await this.person(email);
    const removed = await this.deps.keys.removeAllForPerson(person.personId);
    await this.deps.identity.sessions.deleteAllForPerson(person.personId);
    await this.deps.identity.securityLog.append({
      personId: person.personId,
      type: 'key-removed',
      reason: `${removed} key(s) removed by a Lantern operator; every session ended`,
      ...OPERATOR_ORIGIN,
    });
    return removed;
  }

  /** Changes the sign-in email everywhere the person works, in one transaction. */
  async changeEmail(email: string, newEmail: string): Promise<void> {
    const person = await this.person(email);
    const memberships = await this.deps.identity.memberships.listForPerson(person.personId);
    try {
      await this.deps.identity.people.changeEmail(
        person,
        newEmail,
        memberships.map((membership) => membershipKeys.member(membership.schoolId, membership.personId)),
        this.now().toISOString(),
      );
    } catch (error) {
      if (error instanceof DuplicateEmailError) {
        throw new OperatorTaskError(`Another Lantern account already uses ${newEmail}.`);
      }
      throw error;
    }
    await this.deps.identity.sessions.deleteAllForPerson(person.personId);
  }

  private async person(email: string): Promise<Person> {
    const person = await this.deps.identity.people.findByEmail(email);
    if (!person) throw new OperatorTaskError(`No person with the email ${email}.`);
    return person;
  }
}

/** Class restrictions (IAM-4): which people and user groups may see each tutor or year group's pupils. */
import { randomUUID } from 'node:crypto';
import type { ClassGroupRepository } from '../access/access-repositories';
import type { ClassAccess, ClassGroup, NewClassGroup } from '../access/class-group';
import type { UserGroupRepository } from '../access/user-group-repository';
import type { AuditActor } from '../audit/audit-event';
import type { AuditLog } from '../audit/audit-log';
import { StaleItemError } from '../data/school-collection';
import type { MembershipRepository } from '../identity/membership-repository';
import { AdminConflictError, AdminInvalidFieldError, AdminNotFoundError } from './admin-errors';

export class ClassAccessService {
  constructor(
    private readonly classes: ClassGroupRepository,
    private readonly groups: UserGroupRepository,
    private readonly memberships: MembershipRepository,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(schoolId: string): Promise<ClassGroup[]> {
    return this.classes.list(schoolId);
  }

  async create(actor: AuditActor, input: NewClassGroup): Promise<ClassGroup> {
    const existing = await this.classes.list(actor.schoolId);
    if (
      existing.some(
        (classGroup) =>
          classGroup.name.toLowerCase() === input.name.toLowerCase() && classGroup.kind === input.kind,
      )
    ) {
      throw new AdminConflictError(
        `There is already a ${input.kind} group called ${input.name}.`,
        'body.name',
      );
    }
    const at = this.now().toISOString();
    const classGroup: ClassGroup = {
      ...input,
      classId: randomUUID(),
      schoolId: actor.schoolId,
      access: { personIds: [], groupIds: [] },
      awaitingAccess: true,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    await this.classes.save(classGroup);
    await this.audit.record(actor, {
      action: 'class.create',
      resourceType: 'class',
      resourceId: classGroup.classId,
      detail: `${input.kind} group ${input.name}`,
    });
    return classGroup;
  }

  async updateAccess(
    actor: AuditActor,
    classId: string,
    input: ClassAccess & { version: number },
  ): Promise<ClassGroup> {
    const { version, ...access } = input;
    const stored = await this.classes.get(actor.schoolId, classId);
    if (!stored) throw new AdminNotFoundError('class');
    if (stored.version !== version) throw stale();
    await this.checkGrantees(actor.schoolId, access);
    const next: ClassGroup = {
      ...stored,
      access,
      awaitingAccess: false,
      updatedAt: this.now().toISOString(),
      version: version + 1,
    };
    try {
      await this.classes.save(next);
    } catch (error) {
      if (error instanceof StaleItemError) throw stale();
      throw error;
    }
    await this.audit.record(actor, {
      action: 'class.access.update',
      resourceType: 'class',
      resourceId: classId,
      detail: `${access.personIds.length} user(s), ${access.groupIds.length} user group(s)`,
    });
    return next;
  }

  private async checkGrantees(schoolId: string, access: ClassAccess): Promise<void> {
    const [memberships, groups] = await Promise.all([
      this.memberships.listForSchool(schoolId),
      this.groups.list(schoolId),
    ]);
    const people = new Set(memberships.map((membership) => membership.personId));
    const personIndex = access.personIds.findIndex((personId) => !people.has(personId));
    if (personIndex >= 0)
      throw new AdminInvalidFieldError(`body.personIds.${personIndex}`, 'not a user of this school');
    const groupIds = new Set(groups.map((group) => group.groupId));
    const groupIndex = access.groupIds.findIndex((groupId) => !groupIds.has(groupId));
    if (groupIndex >= 0)
      throw new AdminInvalidFieldError(`body.groupIds.${groupIndex}`, 'no such user group in this school');
  }
}

function stale(): AdminConflictError {
  return new AdminConflictError(
    "Someone else changed this class's access since you opened it. Reload it and try again.",
    'body.version',
  );
}

/** Alert-group administration: only people who are users of this school can be members. */
import { randomUUID } from 'node:crypto';
import type { AlertGroupRepository } from '../access/access-repositories';
import type { AlertGroup, AlertGroupInput } from '../access/alert-group';
import type { AuditActor } from '../audit/audit-event';
import type { AuditLog } from '../audit/audit-log';
import { StaleItemError } from '../data/school-collection';
import type { MembershipRepository } from '../identity/membership-repository';
import { AdminConflictError, AdminInvalidFieldError, AdminNotFoundError } from './admin-errors';
import { changedFields } from './changed-fields';

export class AlertGroupService {
  constructor(
    private readonly alertGroups: AlertGroupRepository,
    private readonly memberships: MembershipRepository,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(schoolId: string): Promise<AlertGroup[]> {
    return this.alertGroups.list(schoolId);
  }

  async create(actor: AuditActor, input: AlertGroupInput): Promise<AlertGroup> {
    await this.checkMembers(actor.schoolId, input.personIds);
    const at = this.now().toISOString();
    const group: AlertGroup = {
      ...input,
      alertGroupId: randomUUID(),
      schoolId: actor.schoolId,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    await this.alertGroups.save(group);
    await this.audit.record(actor, {
      action: 'alert-group.create',
      resourceType: 'alert-group',
      resourceId: group.alertGroupId,
      detail: `${group.personIds.length} member(s)`,
    });
    return group;
  }

  async update(
    actor: AuditActor,
    alertGroupId: string,
    input: AlertGroupInput & { version: number },
  ): Promise<AlertGroup> {
    const { version, ...changes } = input;
    const stored = await this.get(actor.schoolId, alertGroupId);
    if (stored.version !== version) throw stale();
    await this.checkMembers(actor.schoolId, changes.personIds);
    const next: AlertGroup = {
      ...stored,
      ...changes,
      updatedAt: this.now().toISOString(),
      version: version + 1,
    };
    try {
      await this.alertGroups.save(next);
    } catch (error) {
      if (error instanceof StaleItemError) throw stale();
      throw error;
    }
    await this.audit.record(actor, {
      action: 'alert-group.update',
      resourceType: 'alert-group',
      resourceId: alertGroupId,
      detail: `changed ${changedFields(stored, next, ['name', 'personIds']).join(', ') || 'nothing'}`,
    });
    return next;
  }

  async delete(actor: AuditActor, alertGroupId: string): Promise<void> {
    const stored = await this.get(actor.schoolId, alertGroupId);
    try {
      await this.alertGroups.delete(stored);
    } catch (error) {
      if (error instanceof StaleItemError) throw stale();
      throw error;
    }
    await this.audit.record(actor, {
      action: 'alert-group.delete',
      resourceType: 'alert-group',
      resourceId: alertGroupId,
    });
  }

  private async get(schoolId: string, alertGroupId: string): Promise<AlertGroup> {
    const group = await this.alertGroups.get(schoolId, alertGroupId);
    if (!group) throw new AdminNotFoundError('alert group');
    return group;
  }

  private async checkMembers(schoolId: string, personIds: readonly string[]): Promise<void> {
    if (personIds.length === 0) return;
    const active = new Set(
      (await this.memberships.listForSchool(schoolId))
        .filter((membership) => membership.status === 'active')
        .map((membership) => membership.personId),
    );
    const index = personIds.findIndex((personId) => !active.has(personId));
    if (index >= 0)
      throw new AdminInvalidFieldError(`body.personIds.${index}`, 'not an active user of this school');
  }
}

function stale(): AdminConflictError {
  return new AdminConflictError(
    'Someone else changed this alert group since you opened it. Reload it and try again.',
    'body.version',
  );
}

/** User-group administration (IAM-3): create, change, delete only when empty; every change audited. */
import {
  NON_KEY_SYSTEM_PERMISSIONS,
  SYSTEM_PERMISSION_LABELS,
  SYSTEM_PERMISSIONS,
} from '../access/permissions';
import {
  newUserGroup,
  UserGroupSettingsSchema,
  type UserGroup,
  type UserGroupSettings,
} from '../access/user-group';
import {
  GroupHasMembersError,
  GroupNameTakenError,
  StaleGroupError,
  type UserGroupRepository,
} from '../access/user-group-repository';
import type { AuditActor } from '../audit/audit-event';
import type { AuditLog } from '../audit/audit-log';
import { AdminConflictError, AdminNotFoundError } from './admin-errors';
import { changedFields } from './changed-fields';

export function systemPermissionCatalogue() {
  return SYSTEM_PERMISSIONS.map((id) => ({
    id,
    label: SYSTEM_PERMISSION_LABELS[id],
    needsKey: !NON_KEY_SYSTEM_PERMISSIONS.has(id),
  }));
}

export class UserGroupService {
  constructor(
    private readonly groups: UserGroupRepository,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(schoolId: string): Promise<UserGroup[]> {
    return this.groups.list(schoolId);
  }

  async get(schoolId: string, groupId: string): Promise<UserGroup> {
    const group = await this.groups.get(schoolId, groupId);
    if (!group) throw new AdminNotFoundError('user group');
    return group;
  }

  async create(actor: AuditActor, settings: UserGroupSettings): Promise<UserGroup> {
    const group = newUserGroup(actor.schoolId, settings, this.now().toISOString());
    try {
      await this.groups.create(group);
    } catch (error) {
      if (error instanceof GroupNameTakenError) {
        throw new AdminConflictError('Another user group already has this name.', 'body.name');
      }
      throw error;
    }
    await this.audit.record(actor, {
      action: 'user-group.create',
      resourceType: 'user-group',
      resourceId: group.groupId,
      detail: `created "${group.name}"`,
    });
    return group;
  }

  async update(
    actor: AuditActor,
    groupId: string,
    settings: UserGroupSettings & { version: number },
  ): Promise<UserGroup> {
    const { version, ...changes } = settings;
    const stored = await this.get(actor.schoolId, groupId);
    if (stored.version !== version) throw staleGroup();
    const next: UserGroup = {
      ...stored,
      ...UserGroupSettingsSchema.parse(changes),
      updatedAt: this.now().toISOString(),
      version: stored.version + 1,
    };
    try {
      await this.groups.update(stored, next);
    } catch (error) {
      if (error instanceof StaleGroupError) throw staleGroup();
      if (error instanceof GroupNameTakenError) {
        throw new AdminConflictError('Another user group already has this name.', 'body.name');
      }
      throw error;
    }
    await this.audit.record(actor, {
      action: 'user-group.update',
      resourceType: 'user-group',
      resourceId: groupId,
      detail: `changed ${changedFields(stored, next, ['name', 'description', 'systemPermissions', 'categoryPermissions', 'newCategoryDefault']).join(', ') || 'nothing'}`,
    });
    return next;
  }

  async delete(actor: AuditActor, groupId: string): Promise<void> {
    const group = await this.get(actor.schoolId, groupId);
    const refusal = new AdminConflictError(
      `"${group.name}" still has members. Move them to another group first.`,
    );
    if (group.memberCount > 0) throw refusal;
    try {
      await this.groups.delete(group);
    } catch (error) {
      if (error instanceof GroupHasMembersError) throw refusal;
      throw error;
    }
    await this.audit.record(actor, {
      action: 'user-group.delete',
      resourceType: 'user-group',
      resourceId: groupId,
      detail: `deleted "${group.name}"`,
    });
  }
}

function staleGroup(): AdminConflictError {
  return new AdminConflictError(
    'Someone else changed this user group since you opened it. Reload it and make your change again.',
    'body.version',
  );
}

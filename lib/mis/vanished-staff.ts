/**
 * Deactivating users who vanished from the MIS (IAM-5), for the import (MisImportDependencies
 * .deactivateVanishedUsers). Only when the school's `disableUsersMissingFromMis` setting is on, and
 * only users added from MIS staff (their membership carries misStaffId): a user added by hand is never
 * touched. Each goes through the same membership transaction as an admin's Deactivate (out of their
 * group; every session here refused from the next request), audited as `system:mis-import`.
 * Safe to repeat: a user already deactivated is skipped, and one changed meanwhile is left alone.
 */
import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SchoolSettingsRepository } from '../access/access-repositories';
import { GroupMembershipWriter, MembershipChangeRefusedError } from '../access/group-membership-writer';
import type { SchoolSettings } from '../access/school-settings';
import { misImportActor } from '../audit/audit-actor';
import { AuditLog } from '../audit/audit-log';
import type { Membership } from '../identity/identity';
import { MembershipRepository } from '../identity/membership-repository';

export interface VanishedStaffDependencies {
  readonly settings: { get(schoolId: string): Promise<SchoolSettings> };
  readonly memberships: {
    listForSchool(schoolId: string): Promise<Membership[]>;
    get(schoolId: string, personId: string): Promise<Membership | undefined>;
  };
  readonly writer: Pick<GroupMembershipWriter, 'deactivate'>;
  readonly audit: Pick<AuditLog, 'record'>;
  readonly now?: () => Date;
}

export class VanishedStaffDeactivation {
  constructor(private readonly deps: VanishedStaffDependencies) {}

  /** Built over the table alone, for lib/mis/mis-services.ts. */
  static over(
    dynamo: DynamoDBDocumentClient,
    tableName: string,
    now?: () => Date,
  ): VanishedStaffDeactivation {
    return new VanishedStaffDeactivation({
      settings: new SchoolSettingsRepository(dynamo, tableName, now),
      memberships: new MembershipRepository(dynamo, tableName),
      writer: new GroupMembershipWriter(dynamo, tableName),
      audit: new AuditLog(dynamo, tableName, now),
      ...(now ? { now } : {}),
    });
  }

  /** Deactivates the active users added from these MIS staff, if the school asks; returns how many. */
  async deactivate(schoolId: string, misStaffIds: readonly string[]): Promise<number> {
    if (misStaffIds.length === 0) return 0;
    const settings = await this.deps.settings.get(schoolId);
    if (!settings.disableUsersMissingFromMis) return 0;
    const vanished = new Set(misStaffIds);
    const targets = (await this.deps.memberships.listForSchool(schoolId)).filter(
      (membership) =>
        membership.status === 'active' &&
        membership.misStaffId !== undefined &&
        vanished.has(membership.misStaffId),
    );
    const actor = misImportActor(schoolId, `mis-import-${randomUUID()}`);
    let deactivated = 0;
    for (const membership of targets) {
      if (!(await this.deactivateOne(membership))) continue;
      await this.deps.audit.record(actor, {
        action: 'user.deactivate',
        resourceType: 'user',
        resourceId: membership.personId,
        detail: 'deactivated: no longer listed by the MIS',
      });
      deactivated += 1;
    }
    return deactivated;
  }

  /**
   * The membership transaction names the group the user is in; an admin may have moved them (or
   * deactivated them) since the list was read, so a refusal reads the membership again and tries
   * once more while they are still active. False when there was nothing to do.
   */
  private async deactivateOne(listed: Membership): Promise<boolean> {
    let membership: Membership | undefined = listed;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      if (membership?.status !== 'active') return false;
      const at = (this.deps.now?.() ?? new Date()).toISOString();
      try {
        await this.deps.writer.deactivate(membership.schoolId, membership.personId, membership.groupId, at);
        return true;
      } catch (error) {
        if (!(error instanceof MembershipChangeRefusedError)) throw error;
      }
      membership = await this.deps.memberships.get(listed.schoolId, listed.personId);
    }
    return false;
  }
}

/**
 * Applies an extract's staff (IAM-5): each member of staff is kept as a MisStaffMember, which Admin >
 * Users offers to add as a user. Someone the MIS stops listing is marked no longer current (not
 * deleted), so the school's "disable users who vanished" setting can name them.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryPartition } from '../data/school-collection';
import { batchWriteAll, type WriteRequest } from '../data/batch-write';
import { misKeys } from '../data/keys';
import { fingerprint } from './deterministic-id';
import { MisStaffMemberSchema, type MisStaffMember } from './import-record';
import type { MisStaff } from './mis-extract';

export interface StaffImportResult {
  readonly itemsWritten: number;
  /** Current until this import, and missing from it. */
  readonly vanished: readonly MisStaffMember[];
  /** Users deactivated because the member of staff they were added from vanished. */
  readonly usersDeactivated: number;
}

/** Acts on staff who vanished (deactivates their users, per the school's setting); returns how many. */
export type VanishedStaffHandler = (misStaffIds: readonly string[]) => Promise<number>;

export class MisStaffRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  list(schoolId: string): Promise<MisStaffMember[]> {
    return queryPartition(
      this.dynamo,
      this.tableName,
      misKeys.staffPartition(schoolId),
      MisStaffMemberSchema,
    );
  }

  /**
   * Writes only what differs from what is stored. An extract without staff (a CTF) leaves them alone;
   * so does a partial one.
   */
  async apply(
    schoolId: string,
    staff: readonly MisStaff[],
    complete: boolean,
    at: string,
    onVanished?: VanishedStaffHandler,
  ): Promise<StaffImportResult> {
    if (staff.length === 0) return { itemsWritten: 0, vanished: [], usersDeactivated: 0 };
    const stored = new Map((await this.list(schoolId)).map((member) => [member.misId, member]));
    const requests: WriteRequest[] = [];
    for (const row of staff) {
      const content = {
        misId: row.id,
        ...(row.title === undefined ? {} : { title: row.title }),
        forename: row.forename,
        surname: row.surname,
        ...(row.email === undefined ? {} : { email: row.email }),
        roles: row.roles,
      };
      const print = fingerprint(content);
      const existing = stored.get(row.id);
      if (existing?.current && existing.fingerprint === print) continue;
      requests.push({
        PutRequest: {
          Item: this.item(schoolId, { ...content, current: true, fingerprint: print, updatedAt: at }),
        },
      });
    }
    const listed = new Set(staff.map((row) => row.id));
    const vanished = complete
      ? [...stored.values()].filter((member) => member.current && !listed.has(member.misId))
      : [];
    for (const member of vanished) {
      requests.push({
        PutRequest: { Item: this.item(schoolId, { ...member, current: false, updatedAt: at }) },
      });
    }
    // Before they are marked no longer current: a run that stops in between sees them vanish again.
    const usersDeactivated =
      vanished.length > 0 && onVanished ? await onVanished(vanished.map((member) => member.misId)) : 0;
    await batchWriteAll(this.dynamo, this.tableName, requests, 4);
    return { itemsWritten: requests.length, vanished, usersDeactivated };
  }

  private item(schoolId: string, member: MisStaffMember): Record<string, unknown> {
    return {
      ...misKeys.staff(schoolId, member.misId),
      itemType: 'MisStaffMember',
      ...MisStaffMemberSchema.parse(member),
    };
  }
}

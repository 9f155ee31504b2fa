/**
 * Reads what every staff request needs about its member in ONE BatchGet: the membership (is it still
 * active, which group), the school's settings and the user group. The group's id is only known from the
 * membership, so the reader remembers, per container, the group each person was last seen in and asks for
 * it in the same batch; when the membership says otherwise (they were moved) it reads the right group
 * in a second call. The hint only chooses which item to fetch: the group is always read fresh.
 */
import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { accessKeys, membershipKeys, type TableKey } from '../data/keys';
import { MembershipSchema, type Membership } from '../identity/identity';
import { defaultSchoolSettings, SchoolSettingsSchema, type SchoolSettings } from './school-settings';
import { UserGroupSchema, type UserGroup } from './user-group';
import type { UserGroupRepository } from './user-group-repository';

export interface MemberAccessFacts {
  readonly membership: Membership | undefined;
  readonly settings: SchoolSettings;
  readonly group: UserGroup | undefined;
}

/** Unprocessed keys are retried this many times (DynamoDB returns them under throttling). */
const MAX_BATCH_ATTEMPTS = 5;

export class MemberAccessReader {
  private readonly groupHints = new Map<string, string>();

  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly groups: UserGroupRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async read(schoolId: string, personId: string): Promise<MemberAccessFacts> {
    const hintKey = `${schoolId}/${personId}`;
    const hintedGroupId = this.groupHints.get(hintKey);
    const items = await this.batchGet([
      membershipKeys.member(schoolId, personId),
      accessKeys.settings(schoolId),
      ...(hintedGroupId ? [accessKeys.userGroup(schoolId, hintedGroupId)] : []),
    ]);
    const byType = (itemType: string) => items.find((item) => item.itemType === itemType);
    const storedMembership = byType('Membership');
    const membership = storedMembership ? MembershipSchema.parse(storedMembership) : undefined;
    const storedSettings = byType('SchoolSettings');
    const settings = storedSettings
      ? SchoolSettingsSchema.parse(storedSettings)
      : defaultSchoolSettings(schoolId, this.now().toISOString());
    const storedGroup = byType('UserGroup');
    let group = storedGroup ? UserGroupSchema.parse(storedGroup) : undefined;
    const groupId = membership?.groupId;
    if (groupId === undefined) {
      group = undefined;
      this.groupHints.delete(hintKey);
    } else {
      if (group?.groupId !== groupId) group = await this.groups.get(schoolId, groupId);
      this.groupHints.set(hintKey, groupId);
    }
    return { membership, settings, group };
  }

  private async batchGet(keys: TableKey[]): Promise<Record<string, unknown>[]> {
    const found: Record<string, unknown>[] = [];
    let pending: Record<string, unknown>[] = keys.map((key) => ({ ...key }));
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > MAX_BATCH_ATTEMPTS) throw new Error('DynamoDB left keys unprocessed after retries');
      const result = await this.dynamo.send(
        new BatchGetCommand({
          RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } },
        }),
      );
      found.push(...(result.Responses?.[this.tableName] ?? []));
      pending = result.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
    }
    return found;
  }
}

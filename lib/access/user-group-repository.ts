/** Stores user groups and their name guards; owns the UserGroup and UserGroupName keys. */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { accessKeys } from '../data/keys';
import { getItem, queryAll } from '../data/school-collection';
import type { CategoryPermission } from './permissions';
import { UserGroupSchema, type UserGroup } from './user-group';

export class GroupNameTakenError extends Error {
  constructor() {
    super('Another user group already has this name.');
    this.name = 'GroupNameTakenError';
  }
}

/** The group changed since it was read (optimistic lock), or no longer exists. */
export class StaleGroupError extends Error {
  constructor() {
    super('The user group has changed or no longer exists.');
    this.name = 'StaleGroupError';
  }
}

export class GroupHasMembersError extends Error {
  constructor() {
    super('The user group still has members.');
    this.name = 'GroupHasMembersError';
  }
}

function nameGuard(group: Pick<UserGroup, 'schoolId' | 'groupId' | 'name'>): Record<string, unknown> {
  return {
    ...accessKeys.userGroupName(group.schoolId, group.name),
    itemType: 'UserGroupName',
    groupId: group.groupId,
  };
}

function toItem(group: UserGroup): Record<string, unknown> {
  return {
    ...accessKeys.userGroup(group.schoolId, group.groupId),
    itemType: 'UserGroup',
    ...UserGroupSchema.parse(group),
  };
}

type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

function cancellationCodes(error: unknown): (string | undefined)[] | undefined {
  return error instanceof TransactionCanceledException
    ? (error.CancellationReasons ?? []).map((reason) => reason.Code)
    : undefined;
}

export class UserGroupRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The items that create these groups, for a transaction that writes them with something else (a new school). */
  static itemsFor(groups: readonly UserGroup[]): Record<string, unknown>[] {
    return groups.flatMap((group) => [nameGuard(group), toItem(group)]);
  }

  /** Creates a group with its name guard in one transaction: both or neither. */
  async create(group: UserGroup): Promise<void> {
    try {
      await this.dynamo.send(
        new TransactWriteCommand({
          TransactItems: UserGroupRepository.itemsFor([group]).map((Item) => ({
            Put: { TableName: this.tableName, Item, ConditionExpression: 'attribute_not_exists(PK)' },
          })),
        }),
      );
    } catch (error) {
      if (cancellationCodes(error)?.includes('ConditionalCheckFailed')) throw new GroupNameTakenError();
      throw error;
    }
  }

  get(schoolId: string, groupId: string): Promise<UserGroup | undefined> {
    return getItem(this.dynamo, this.tableName, accessKeys.userGroup(schoolId, groupId), UserGroupSchema);
  }

  /** Every group of a school, one Query (schools have tens of groups, not thousands). */
  async list(schoolId: string): Promise<UserGroup[]> {
    const groups = await queryAll(
      this.dynamo,
      this.tableName,
      accessKeys.schoolPartition(schoolId),
      accessKeys.userGroupPrefix,
      UserGroupSchema,
    );
    return groups.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  }

  /**
   * Saves new settings if the stored version is still `previous.version`; a rename moves the name
   * guard in the same transaction. Member counts are never written here.
   */
  async update(previous: UserGroup, next: UserGroup): Promise<void> {
    const renamed =
      accessKeys.userGroupName(previous.schoolId, previous.name).SK !==
      accessKeys.userGroupName(next.schoolId, next.name).SK;
    const { memberCount: _memberCount, ...settable } = toItem(next);
    const names = Object.keys(settable).filter((name) => name !== 'PK' && name !== 'SK');
    try {
      await this.dynamo.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: accessKeys.userGroup(next.schoolId, next.groupId),
                UpdateExpression: `SET ${names.map((_, index) => `#n${index} = :v${index}`).join(', ')}`,
                ConditionExpression: 'version = :previousVersion',
                ExpressionAttributeNames: Object.fromEntries(
                  names.map((name, index) => [`#n${index}`, name]),
                ),
                ExpressionAttributeValues: {
                  ...Object.fromEntries(names.map((name, index) => [`:v${index}`, settable[name]])),
                  ':previousVersion': previous.version,
                },
              },
            },
            ...(renamed
              ? [
                  {
                    Delete: {
                      TableName: this.tableName,
                      Key: accessKeys.userGroupName(previous.schoolId, previous.name),
                    },
                  },
                  {
                    Put: {
                      TableName: this.tableName,
                      Item: nameGuard(next),
                      ConditionExpression: 'attribute_not_exists(PK)',
                    },
                  },
                ]
              : []),
          ],
        }),
      );
    } catch (error) {
      const codes = cancellationCodes(error);
      if (codes?.[0] === 'ConditionalCheckFailed') throw new StaleGroupError();
      if (codes?.includes('ConditionalCheckFailed')) throw new GroupNameTakenError();
      throw error;
    }
  }

  /**
   * Update items that set one category's permission on each named group (or, for undefined, remove
   * it), bumping the group's version so an edit made from an older copy of the group is refused.
   * For the transaction that creates, deletes or merges the category; each group must still exist.
   */
  categoryPermissionUpdates(
    schoolId: string,
    categoryId: string,
    permissions: ReadonlyMap<string, CategoryPermission | undefined>,
    at: string,
  ): TransactItem[] {
    return [...permissions].map(([groupId, permission]) => ({
      Update: {
        TableName: this.tableName,
        Key: accessKeys.userGroup(schoolId, groupId),
        UpdateExpression:
          permission === undefined
            ? 'REMOVE categoryPermissions.#category SET version = version + :one, updatedAt = :at'
            : 'SET categoryPermissions.#category = :permission, version = version + :one, updatedAt = :at',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#category': categoryId },
        ExpressionAttributeValues: {
          ':one': 1,
          ':at': at,
          ...(permission === undefined ? {} : { ':permission': permission }),
        },
      },
    }));
  }

  /** Deletes the group and frees its name, only while it has no members. */
  async delete(group: UserGroup): Promise<void> {
    try {
      await this.dynamo.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName: this.tableName,
                Key: accessKeys.userGroup(group.schoolId, group.groupId),
                ConditionExpression: 'attribute_exists(PK) AND memberCount = :zero',
                ExpressionAttributeValues: { ':zero': 0 },
              },
            },
            {
              Delete: {
                TableName: this.tableName,
                Key: accessKeys.userGroupName(group.schoolId, group.name),
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') throw new GroupHasMembersError();
      throw error;
    }
  }
}

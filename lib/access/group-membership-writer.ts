/**
 * Moves people in and out of a school and its user groups. Each change writes the Membership and
 * the affected groups' member counts in one transaction, so "delete only when empty" can trust the
 * count, and a group deleted meanwhile refuses the move instead of leaving a member in no group.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { accessKeys, membershipKeys, misKeys } from '../data/keys';
import type { Membership } from '../identity/identity';
import { MembershipRepository } from '../identity/membership-repository';

export type MembershipChangeRefusal =
  | 'membership-changed'
  | 'group-missing'
  | 'already-member'
  /** Adding from MIS staff: the MIS no longer lists them (or never did). */
  | 'mis-staff-not-current'
  /** Adding from MIS staff: another user was added from them first. */
  | 'mis-staff-taken';

/** Which part of the transaction refused: the membership was not as expected, or the group is gone. */
export class MembershipChangeRefusedError extends Error {
  constructor(readonly reason: MembershipChangeRefusal) {
    super(`Membership change refused: ${reason}`);
    this.name = 'MembershipChangeRefusedError';
  }
}

type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

export class GroupMembershipWriter {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * A new member of the school, placed in a group. Refused if they are already a member. One added
   * from MIS staff (misStaffId set) also needs that member of staff to be current in the MIS and not
   * yet claimed by another user: a guard item, put in the same transaction, makes the claim.
   */
  async add(membership: Membership & { groupId: string }): Promise<void> {
    const { schoolId, personId, misStaffId } = membership;
    await this.write(
      [
        {
          Put: {
            TableName: this.tableName,
            Item: MembershipRepository.itemFor(membership),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        this.count(schoolId, membership.groupId, 1),
        ...(misStaffId === undefined
          ? []
          : [
              {
                ConditionCheck: {
                  TableName: this.tableName,
                  Key: misKeys.staff(schoolId, misStaffId),
                  ConditionExpression: '#current = :true',
                  ExpressionAttributeNames: { '#current': 'current' },
                  ExpressionAttributeValues: { ':true': true },
                },
              },
              {
                Put: {
                  TableName: this.tableName,
                  Item: {
                    ...membershipKeys.misStaffUser(schoolId, misStaffId),
                    itemType: 'MisStaffUser',
                    schoolId,
                    misStaffId,
                    personId,
                    createdAt: membership.createdAt,
                  },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
            ]),
      ],
      ['already-member', 'group-missing', 'mis-staff-not-current', 'mis-staff-taken'],
    );
  }

  /** Moves an active member from one group to another (from none, for members made before groups). */
  async move(
    schoolId: string,
    personId: string,
    fromGroupId: string | undefined,
    toGroupId: string,
    at: string,
  ): Promise<void> {
    if (fromGroupId === toGroupId) return;
    await this.write([
      {
        Update: {
          TableName: this.tableName,
          Key: membershipKeys.member(schoolId, personId),
          UpdateExpression: 'SET groupId = :to, updatedAt = :at',
          ConditionExpression:
            fromGroupId === undefined
              ? '#status = :active AND attribute_not_exists(groupId)'
              : '#status = :active AND groupId = :from',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':to': toGroupId,
            ':at': at,
            ':active': 'active',
            ...(fromGroupId === undefined ? {} : { ':from': fromGroupId }),
          },
        },
      },
      ...(fromGroupId === undefined ? [] : [this.count(schoolId, fromGroupId, -1)]),
      this.count(schoolId, toGroupId, 1),
    ]);
  }

  /** Ends a membership: out of its group, and (checked on every request) out of every session here. */
  async deactivate(
    schoolId: string,
    personId: string,
    groupId: string | undefined,
    at: string,
  ): Promise<void> {
    await this.write([
      {
        Update: {
          TableName: this.tableName,
          Key: membershipKeys.member(schoolId, personId),
          UpdateExpression: 'SET #status = :deactivated, updatedAt = :at REMOVE groupId',
          ConditionExpression:
            groupId === undefined
              ? '#status = :active AND attribute_not_exists(groupId)'
              : '#status = :active AND groupId = :group',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':deactivated': 'deactivated',
            ':active': 'active',
            ':at': at,
            ...(groupId === undefined ? {} : { ':group': groupId }),
          },
        },
      },
      ...(groupId === undefined ? [] : [this.count(schoolId, groupId, -1)]),
    ]);
  }

  /** Brings a deactivated member back, into the group the admin chose. */
  async reactivate(schoolId: string, personId: string, groupId: string, at: string): Promise<void> {
    await this.write([
      {
        Update: {
          TableName: this.tableName,
          Key: membershipKeys.member(schoolId, personId),
          UpdateExpression: 'SET #status = :active, groupId = :group, updatedAt = :at',
          ConditionExpression: '#status = :deactivated',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':active': 'active',
            ':deactivated': 'deactivated',
            ':group': groupId,
            ':at': at,
          },
        },
      },
      this.count(schoolId, groupId, 1),
    ]);
  }

  private count(schoolId: string, groupId: string, delta: 1 | -1): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: accessKeys.userGroup(schoolId, groupId),
        UpdateExpression: 'ADD memberCount :delta',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':delta': delta },
      },
    };
  }

  /**
   * Runs the transaction. `refusals` names, by position, what a failed condition on each item means;
   * by default the first item is the membership and every later one a group's count.
   */
  private async write(
    items: TransactItem[],
    refusals: readonly MembershipChangeRefusal[] = ['membership-changed'],
  ): Promise<void> {
    try {
      await this.dynamo.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code);
      const failed = codes.indexOf('ConditionalCheckFailed');
      if (failed < 0) throw error;
      throw new MembershipChangeRefusedError(refusals[failed] ?? 'group-missing');
    }
  }
}

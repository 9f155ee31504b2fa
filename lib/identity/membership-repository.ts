/** Stores which schools a person works at; owns the Membership keys. */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { membershipKeys } from '../data/keys';
import { queryAll } from '../data/school-collection';
import { MembershipSchema, type Membership } from './identity';

export class MembershipRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The stored item for a membership (also written inside the group-membership transactions). */
  static itemFor(membership: Membership): Record<string, unknown> {
    return {
      ...membershipKeys.member(membership.schoolId, membership.personId),
      GSI1PK: membershipKeys.personSchoolsPartition(membership.personId),
      GSI1SK: membershipKeys.personSchoolsSortKey(membership.schoolId),
      itemType: 'Membership',
      ...MembershipSchema.parse(membership),
    };
  }

  async put(membership: Membership): Promise<void> {
    await this.dynamo.send(
      new PutCommand({ TableName: this.tableName, Item: MembershipRepository.itemFor(membership) }),
    );
  }

  async get(schoolId: string, personId: string): Promise<Membership | undefined> {
    const result = await this.dynamo.send(
      new GetCommand({ TableName: this.tableName, Key: membershipKeys.member(schoolId, personId) }),
    );
    return result.Item ? MembershipSchema.parse(result.Item) : undefined;
  }

  /** Every school the person belongs to (active or not), one Query. */
  async listForPerson(personId: string): Promise<Membership[]> {
    const result = await this.dynamo.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': membershipKeys.personSchoolsPartition(personId) },
      }),
    );
    return (result.Items ?? []).map((item) => MembershipSchema.parse(item));
  }

  /** A school's users, active and deactivated, one Query (paged until done). */
  listForSchool(schoolId: string): Promise<Membership[]> {
    return queryAll(
      this.dynamo,
      this.tableName,
      membershipKeys.schoolUsersPartition(schoolId),
      membershipKeys.schoolUsersPrefix,
      MembershipSchema,
    );
  }

  /** Renames the person as this school knows them. */
  async setDisplayName(schoolId: string, personId: string, displayName: string, at: string): Promise<void> {
    await this.dynamo.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: membershipKeys.member(schoolId, personId),
        UpdateExpression: 'SET displayName = :name, updatedAt = :at',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':name': displayName, ':at': at },
      }),
    );
  }
}

/** Wires the access repositories, the membership writer and the audit log over one table. */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AuditLog } from '../audit/audit-log';
import { AlertGroupRepository, ClassGroupRepository, SchoolSettingsRepository } from './access-repositories';
import { GroupMembershipWriter } from './group-membership-writer';
import { MemberAccessReader } from './member-access-reader';
import { UserGroupRepository } from './user-group-repository';

export interface AccessServices {
  readonly groups: UserGroupRepository;
  readonly settings: SchoolSettingsRepository;
  readonly classes: ClassGroupRepository;
  readonly alertGroups: AlertGroupRepository;
  readonly writer: GroupMembershipWriter;
  readonly audit: AuditLog;
  /** What each staff request reads about its member, in one batch. */
  readonly members: MemberAccessReader;
}

export function createAccessServices(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  now?: () => Date,
): AccessServices {
  const groups = new UserGroupRepository(dynamo, tableName);
  return {
    groups,
    settings: new SchoolSettingsRepository(dynamo, tableName, now),
    classes: new ClassGroupRepository(dynamo, tableName),
    alertGroups: new AlertGroupRepository(dynamo, tableName),
    writer: new GroupMembershipWriter(dynamo, tableName),
    audit: new AuditLog(dynamo, tableName, now),
    members: new MemberAccessReader(dynamo, tableName, groups, now),
  };
}

/** Wires the access repositories, the membership writer and the audit log over one table. */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AuditLog } from '../audit/audit-log';
import { AlertGroupRepository, ClassGroupRepository, SchoolSettingsRepository } from './access-repositories';
import { GroupMembershipWriter } from './group-membership-writer';
import { UserGroupRepository } from './user-group-repository';

export interface AccessServices {
  readonly groups: UserGroupRepository;
  readonly settings: SchoolSettingsRepository;
  readonly classes: ClassGroupRepository;
  readonly alertGroups: AlertGroupRepository;
  readonly writer: GroupMembershipWriter;
  readonly audit: AuditLog;
}

export function createAccessServices(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  now?: () => Date,
): AccessServices {
  return {
    groups: new UserGroupRepository(dynamo, tableName),
    settings: new SchoolSettingsRepository(dynamo, tableName, now),
    classes: new ClassGroupRepository(dynamo, tableName),
    alertGroups: new AlertGroupRepository(dynamo, tableName),
    writer: new GroupMembershipWriter(dynamo, tableName),
    audit: new AuditLog(dynamo, tableName, now),
  };
}

/** Stores school settings, classes and alert groups; owns the SchoolSettings, ClassGroup and AlertGroup keys. */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { accessKeys } from '../data/keys';
import {
  deleteVersioned,
  getItem,
  putVersioned,
  queryAll,
  type CollectionShape,
} from '../data/school-collection';
import { AlertGroupSchema, type AlertGroup } from './alert-group';
import { ClassGroupSchema, type ClassGroup } from './class-group';
import { SchoolSettingsSchema, defaultSchoolSettings, type SchoolSettings } from './school-settings';

const SETTINGS: CollectionShape<SchoolSettings> = {
  itemType: 'SchoolSettings',
  schema: SchoolSettingsSchema,
  key: (settings) => accessKeys.settings(settings.schoolId),
};

const CLASSES: CollectionShape<ClassGroup> = {
  itemType: 'ClassGroup',
  schema: ClassGroupSchema,
  key: (classGroup) => accessKeys.classGroup(classGroup.schoolId, classGroup.classId),
};

const ALERT_GROUPS: CollectionShape<AlertGroup> = {
  itemType: 'AlertGroup',
  schema: AlertGroupSchema,
  key: (group) => accessKeys.alertGroup(group.schoolId, group.alertGroupId),
};

export class SchoolSettingsRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The school's settings, or the defaults (version 0) when an admin has never saved any. */
  async get(schoolId: string): Promise<SchoolSettings> {
    const stored = await getItem(
      this.dynamo,
      this.tableName,
      accessKeys.settings(schoolId),
      SchoolSettingsSchema,
    );
    return stored ?? defaultSchoolSettings(schoolId, this.now().toISOString());
  }

  /** Saves settings whose version is one more than the stored copy's (StaleItemError otherwise). */
  save(settings: SchoolSettings): Promise<void> {
    return putVersioned(this.dynamo, this.tableName, SETTINGS, settings);
  }
}

export class ClassGroupRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(schoolId: string): Promise<ClassGroup[]> {
    const classes = await queryAll(
      this.dynamo,
      this.tableName,
      accessKeys.schoolPartition(schoolId),
      accessKeys.classGroupPrefix,
      ClassGroupSchema,
    );
    return classes.sort(
      (a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name, 'en-GB', { numeric: true }),
    );
  }

  get(schoolId: string, classId: string): Promise<ClassGroup | undefined> {
    return getItem(this.dynamo, this.tableName, accessKeys.classGroup(schoolId, classId), ClassGroupSchema);
  }

  save(classGroup: ClassGroup): Promise<void> {
    return putVersioned(this.dynamo, this.tableName, CLASSES, classGroup);
  }
}

export class AlertGroupRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(schoolId: string): Promise<AlertGroup[]> {
    const groups = await queryAll(
      this.dynamo,
      this.tableName,
      accessKeys.schoolPartition(schoolId),
      accessKeys.alertGroupPrefix,
      AlertGroupSchema,
    );
    return groups.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  }

  get(schoolId: string, alertGroupId: string): Promise<AlertGroup | undefined> {
    return getItem(
      this.dynamo,
      this.tableName,
      accessKeys.alertGroup(schoolId, alertGroupId),
      AlertGroupSchema,
    );
  }

  save(group: AlertGroup): Promise<void> {
    return putVersioned(this.dynamo, this.tableName, ALERT_GROUPS, group);
  }

  delete(group: AlertGroup): Promise<void> {
    return deleteVersioned(
      this.dynamo,
      this.tableName,
      accessKeys.alertGroup(group.schoolId, group.alertGroupId),
      group.version,
    );
  }
}

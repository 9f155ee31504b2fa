/**
 * Reads a pupil's stored attendance; owns the AttendanceMonth and AttendanceRecord keys on the read side
 * (the items are built by attendance-items.ts). One Query: ATTENDANCE#SUMMARY sorts after every
 * ATTENDANCE#MONTH#, so reading the ATTENDANCE# range newest first returns the summary and then the
 * newest months, and Limit months + 1 stops there.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { attendanceKeys, pupilKeys } from '../data/keys';
import { prefixRange } from '../data/prefix-range';
import {
  AttendanceMonthSchema,
  AttendanceRecordSchema,
  type AttendanceMonth,
  type AttendanceRecord,
} from './attendance';
import { ATTENDANCE_RECORD_ITEM_TYPE } from './attendance-items';

export interface StoredAttendance {
  readonly record?: AttendanceRecord;
  /** Newest first. */
  readonly months: AttendanceMonth[];
}

export class AttendanceRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The summary and the newest `months` months of marks. */
  async latest(schoolId: string, pupilId: string, months: number): Promise<StoredAttendance> {
    const result = await this.dynamo.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :attendance AND :attendanceEnd',
        ExpressionAttributeValues: {
          ':pk': pupilKeys.partition(schoolId, pupilId),
          ...prefixRange(':attendance', attendanceKeys.prefix),
        },
        ScanIndexForward: false,
        Limit: months + 1,
      }),
    );
    const items = result.Items ?? [];
    const summary = items.find((item) => item.itemType === ATTENDANCE_RECORD_ITEM_TYPE);
    return {
      ...(summary ? { record: AttendanceRecordSchema.parse(summary) } : {}),
      months: items
        .filter((item) => item !== summary)
        .slice(0, months)
        .map((item) => AttendanceMonthSchema.parse(item)),
    };
  }
}

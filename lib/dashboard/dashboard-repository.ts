/** Reads a person's DASH partition (alerts, assigned, history, viewed) in one Query. */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dashboardKeys } from '../data/keys';
import {
  StoredAlertSchema,
  StoredAssignedSchema,
  StoredHistorySchema,
  StoredViewedSchema,
  type DashboardEntries,
  type StoredAlert,
  type StoredAssigned,
  type StoredHistory,
  type StoredViewed,
} from './dashboard-entries';

export class DashboardRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * One Query of the whole partition. Read alerts and closed assignments are deleted and history and
   * views expire by TTL, so the partition stays far below a 1 MB page; TTL removal is lazy, so the
   * service still filters history and views by their time.
   */
  async read(schoolId: string, personId: string): Promise<DashboardEntries> {
    const result = await this.dynamo.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': dashboardKeys.partition(schoolId, personId) },
      }),
    );
    const alerts: StoredAlert[] = [];
    const assigned: StoredAssigned[] = [];
    const history: StoredHistory[] = [];
    const viewed: StoredViewed[] = [];
    for (const item of result.Items ?? []) {
      const sortKey = String(item.SK);
      if (sortKey.startsWith('ALERT#')) alerts.push(StoredAlertSchema.parse(item));
      else if (sortKey.startsWith('ASSIGNED#')) assigned.push(StoredAssignedSchema.parse(item));
      else if (sortKey.startsWith('HISTORY#')) history.push(StoredHistorySchema.parse(item));
      else if (sortKey.startsWith('VIEWED#')) viewed.push(StoredViewedSchema.parse(item));
    }
    return { alerts, assigned, history, viewed };
  }
}

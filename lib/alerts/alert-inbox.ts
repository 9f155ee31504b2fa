/** Each person's unread alerts (ALERT DashboardEntry items): written by delivery, read and cleared here. */
import { DeleteCommand, GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll } from '../data/batch-write';
import { dashboardKeys } from '../data/keys';
import { DASHBOARD_ENTRY_ITEM_TYPE, DashboardAlertSchema, type DashboardAlert } from './dashboard-alert';
import { prefixRange } from '../data/prefix-range';

/** BatchWriteItem's limit. */
const ALERT_PREFIX = 'ALERT#';

export class AlertInbox {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Puts every alert (idempotent: the same alert put twice is one unread alert). */
  async putAll(schoolId: string, alerts: readonly DashboardAlert[]): Promise<void> {
    await batchWriteAll(
      this.dynamo,
      this.tableName,
      alerts.map((alert) => ({
        PutRequest: {
          Item: {
            ...dashboardKeys.alert(schoolId, alert.personId, alert.incidentId),
            itemType: DASHBOARD_ENTRY_ITEM_TYPE,
            kind: 'ALERT',
            ...DashboardAlertSchema.parse(alert),
          },
        },
      })),
    );
  }

  async get(schoolId: string, personId: string, incidentId: string): Promise<DashboardAlert | undefined> {
    const result = await this.dynamo.send(
      new GetCommand({
        TableName: this.tableName,
        Key: dashboardKeys.alert(schoolId, personId, incidentId),
        ConsistentRead: true,
      }),
    );
    return result.Item ? DashboardAlertSchema.parse(result.Item) : undefined;
  }

  /** Marks the alert read (deletes it); answers the alert that was there, if any. */
  async markRead(
    schoolId: string,
    personId: string,
    incidentId: string,
  ): Promise<DashboardAlert | undefined> {
    const result = await this.dynamo.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: dashboardKeys.alert(schoolId, personId, incidentId),
        ReturnValues: 'ALL_OLD',
      }),
    );
    return result.Attributes ? DashboardAlertSchema.parse(result.Attributes) : undefined;
  }

  /**
   * The person's next unread alert to an incident ("next alert"): one Query of their alerts, which are
   * few (read alerts are deleted); alerts to vault documents share the prefix and are passed over.
   */
  async next(schoolId: string, personId: string): Promise<DashboardAlert | undefined> {
    const result = await this.dynamo.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :alert AND :alertEnd',
        ExpressionAttributeValues: {
          ':pk': dashboardKeys.partition(schoolId, personId),
          ...prefixRange(':alert', ALERT_PREFIX),
        },
      }),
    );
    for (const item of result.Items ?? []) {
      const alert = DashboardAlertSchema.safeParse(item);
      if (alert.success) return alert.data;
    }
    return undefined;
  }
}

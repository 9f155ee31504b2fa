/** Reads and clears alert outbox items; owns the AlertOutbox keys (written in records' transactions). */
import { DeleteCommand, GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { alertOutboxKeys, type AlertOutboxEvent } from '../data/keys';
import { AlertOutboxSchema, type AlertOutbox } from './alert-outbox';

export class AlertOutboxRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(schoolId: string, incidentId: string, event: AlertOutboxEvent): Promise<AlertOutbox | undefined> {
    const result = await this.dynamo.send(
      new GetCommand({
        TableName: this.tableName,
        Key: alertOutboxKeys.item(schoolId, incidentId, event),
        ConsistentRead: true,
      }),
    );
    return result.Item ? AlertOutboxSchema.parse(result.Item) : undefined;
  }

  /** Removes a delivered outbox item; removing one already gone is not an error. */
  async delete(outbox: AlertOutbox): Promise<void> {
    await this.dynamo.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: alertOutboxKeys.item(outbox.schoolId, outbox.incidentId, outbox.event),
      }),
    );
  }

  /**
   * Undelivered items written before `cutoff`, oldest first, across every school: one Query of the
   * GSI1 ALERT_OUTBOX partition (the index is eventually consistent, which a sweep can afford).
   */
  async pendingBefore(cutoff: string, limit: number): Promise<AlertOutbox[]> {
    const result = await this.dynamo.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pending AND GSI1SK < :cutoff',
        ExpressionAttributeValues: { ':pending': alertOutboxKeys.pendingPartition, ':cutoff': cutoff },
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map((item) => AlertOutboxSchema.parse(item));
  }
}

/**
 * Clearing a person's unread dashboard alerts between two dates (REC-5, "Clear user's dashboard
 * alerts"): one Query of their dashboard partition's ALERT# entries (few, since read alerts are deleted),
 * then the ones alerted within the range are deleted in batches. Dates are the school's calendar days in
 * UTC terms of alertedAt (YYYY-MM-DD, both ends included). A repeat finds nothing left and deletes nothing.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll } from '../data/batch-write';
import { dashboardKeys } from '../data/keys';
import { prefixRange } from '../data/prefix-range';

const ALERT_PREFIX = 'ALERT#';

export class AlertClearer {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Deletes the person's unread alerts dated from `from` to `to` (inclusive days); answers how many. */
  async clearBetween(schoolId: string, personId: string, from: string, to: string): Promise<number> {
    const keys: { PK: string; SK: string }[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.dynamo.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :alert AND :alertEnd',
          ExpressionAttributeValues: {
            ':pk': dashboardKeys.partition(schoolId, personId),
            ...prefixRange(':alert', ALERT_PREFIX),
          },
          ProjectionExpression: 'PK, SK, alertedAt',
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const day = typeof item.alertedAt === 'string' ? item.alertedAt.slice(0, 10) : undefined;
        if (day !== undefined && day >= from && day <= to) {
          keys.push({ PK: String(item.PK), SK: String(item.SK) });
        }
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    await batchWriteAll(
      this.dynamo,
      this.tableName,
      keys.map((Key) => ({ DeleteRequest: { Key } })),
    );
    return keys.length;
  }
}

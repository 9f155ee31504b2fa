/** Reads the school's MONITORED partition (MonitoredPupil items, written by monitoring-writes.ts). */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { monitoringKeys } from '../data/keys';
import { MonitoredPupilSchema, type MonitoredPupil } from './monitoring';
import { prefixRange } from '../data/prefix-range';

export class MonitoredPupils {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  partition(schoolId: string): string {
    return monitoringKeys.monitoredPartition(schoolId);
  }

  /** Every open spell of monitoring in the school, or only those under one category. */
  async list(schoolId: string, categoryId?: string): Promise<MonitoredPupil[]> {
    const items: MonitoredPupil[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.dynamo.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression:
            categoryId === undefined ? 'PK = :pk' : 'PK = :pk AND SK BETWEEN :category AND :categoryEnd',
          ExpressionAttributeValues: {
            ':pk': this.partition(schoolId),
            ...(categoryId === undefined
              ? {}
              : { ...prefixRange(':category', monitoringKeys.monitoredCategoryPrefix(categoryId)) }),
          },
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []).map((item) => MonitoredPupilSchema.parse(item)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }
}

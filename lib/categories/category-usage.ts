/**
 * Whether a category has ever been used: an incident recorded in it (its CategoryUse partition) or a
 * pupil monitored under it (MonitoredPupil items). A used category can be disabled, never deleted.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { categoryKeys, monitoringKeys } from '../data/keys';
import { prefixRange } from '../data/prefix-range';

export class CategoryUsage {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Two one-item Queries, in parallel. */
  async isUsed(schoolId: string, categoryId: string): Promise<boolean> {
    const [incidents, monitored] = await Promise.all([
      this.anyItem(categoryKeys.usesPartition(schoolId, categoryId)),
      this.anyItem(
        monitoringKeys.monitoredPartition(schoolId),
        monitoringKeys.monitoredCategoryPrefix(categoryId),
      ),
    ]);
    return incidents || monitored;
  }

  /**
   * A page of the incidents recorded in the category, in id order, after `afterIncidentId` when given
   * (a merge moving them a page at a time). `more` says whether the partition goes on.
   */
  async incidentsAfter(
    schoolId: string,
    categoryId: string,
    afterIncidentId: string | undefined,
    limit: number,
  ): Promise<{ incidentIds: string[]; more: boolean }> {
    const result = await this.dynamo.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': categoryKeys.usesPartition(schoolId, categoryId) },
        ProjectionExpression: 'SK',
        Limit: limit,
        ...(afterIncidentId === undefined
          ? {}
          : { ExclusiveStartKey: categoryKeys.use(schoolId, categoryId, afterIncidentId) }),
      }),
    );
    const incidentIds = (result.Items ?? []).map((item) =>
      String(item.SK).slice(categoryKeys.usePrefix.length),
    );
    return { incidentIds, more: result.LastEvaluatedKey !== undefined };
  }

  private async anyItem(partition: string, sortKeyPrefix?: string): Promise<boolean> {
    const result = await this.dynamo.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression:
          sortKeyPrefix === undefined ? 'PK = :pk' : 'PK = :pk AND SK BETWEEN :prefix AND :prefixEnd',
        ExpressionAttributeValues: {
          ':pk': partition,
          ...(sortKeyPrefix === undefined ? {} : prefixRange(':prefix', sortKeyPrefix)),
        },
        ProjectionExpression: 'PK',
        Limit: 1,
      }),
    );
    return (result.Items ?? []).length > 0;
  }
}

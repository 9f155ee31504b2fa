/**
 * AutoAlertRule items (lib/alerts/auto-alert-rule.ts): PK SCHOOL#<s>, SK AUTO_ALERT#<ruleId>. The whole
 * school's rules are one Query (what adding an incident or action reads); one person's are a narrower
 * Query of the same partition. Rules are only put (once: the id is the person and target) and deleted.
 */
import { DeleteCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { accessKeys, dashboardKeys } from '../data/keys';
import {
  AUTO_ALERT_RULE_ITEM_TYPE,
  AutoAlertRuleSchema,
  personRulePrefix,
  type AutoAlertRule,
} from './auto-alert-rule';
import { prefixRange } from '../data/prefix-range';

export class AutoAlertRuleRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private async query(schoolId: string, prefix: string): Promise<AutoAlertRule[]> {
    const rules: AutoAlertRule[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.dynamo.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :prefix AND :prefixEnd',
          ExpressionAttributeValues: {
            ':pk': accessKeys.schoolPartition(schoolId),
            ...prefixRange(':prefix', prefix),
          },
          ExclusiveStartKey: startKey,
        }),
      );
      rules.push(...(page.Items ?? []).map((item) => AutoAlertRuleSchema.parse(item)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return rules;
  }

  /** Every rule in the school: one Query (paged only past 1 MB, thousands of rules). */
  list(schoolId: string): Promise<AutoAlertRule[]> {
    return this.query(schoolId, dashboardKeys.autoAlertRulePrefix);
  }

  listFor(schoolId: string, personId: string): Promise<AutoAlertRule[]> {
    return this.query(schoolId, `${dashboardKeys.autoAlertRulePrefix}${personRulePrefix(personId)}`);
  }

  /** Puts the rule unless it is already there; answers whether it was new. */
  async put(rule: AutoAlertRule): Promise<boolean> {
    const parsed = AutoAlertRuleSchema.parse(rule);
    try {
      await this.dynamo.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...dashboardKeys.autoAlertRule(parsed.schoolId, parsed.ruleId),
            itemType: AUTO_ALERT_RULE_ITEM_TYPE,
            ...parsed,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Deletes the rule; answers the rule that was there, if any. */
  async delete(schoolId: string, ruleId: string): Promise<AutoAlertRule | undefined> {
    const result = await this.dynamo.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: dashboardKeys.autoAlertRule(schoolId, ruleId),
        ReturnValues: 'ALL_OLD',
      }),
    );
    return result.Attributes ? AutoAlertRuleSchema.parse(result.Attributes) : undefined;
  }
}

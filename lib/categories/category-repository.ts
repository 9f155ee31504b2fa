/** Stores a school's categories; owns the Category keys. */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { categoryKeys } from '../data/keys';
import { getItem, queryAll } from '../data/school-collection';
import { CategorySchema, type Category } from './category';
import type { TransactWriteItem } from './transact-item';

export class CategoryRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Every category of a school (merged ones included), one Query; parents before their sub-categories is the caller's ordering. */
  async list(schoolId: string): Promise<Category[]> {
    const categories = await queryAll(
      this.dynamo,
      this.tableName,
      categoryKeys.categoryPartition(schoolId),
      categoryKeys.categoryPrefix,
      CategorySchema,
    );
    return categories.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  }

  get(schoolId: string, categoryId: string): Promise<Category | undefined> {
    return getItem(this.dynamo, this.tableName, categoryKeys.category(schoolId, categoryId), CategorySchema);
  }

  /**
   * A ConditionCheck for a transaction that records something in this category (adding an incident):
   * the transaction fails unless the category exists, is not disabled and has not been merged away.
   */
  categoryCheck(schoolId: string, categoryId: string): TransactWriteItem {
    return {
      ConditionCheck: {
        TableName: this.tableName,
        Key: categoryKeys.category(schoolId, categoryId),
        ConditionExpression:
          'attribute_exists(PK) AND disabled = :false AND attribute_not_exists(mergedInto)',
        ExpressionAttributeValues: { ':false': false },
      },
    };
  }
}

/** Stores a school's categories and their sibling-name guards; owns the Category and CategoryName keys. */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { categoryKeys } from '../data/keys';
import { getItem, queryAll } from '../data/school-collection';
import { CategorySchema, type Category } from './category';
import { failedConditions, type TransactWriteItem } from './transact-item';

/** Another category under the same parent (or at the top level) already has this name. */
export class CategoryNameTakenError extends Error {
  constructor() {
    super('Another category here already has this name.');
    this.name = 'CategoryNameTakenError';
  }
}

/** The category changed since it was read, was merged away, or no longer exists. */
export class StaleCategoryError extends Error {
  constructor() {
    super('The category has changed or no longer exists.');
    this.name = 'StaleCategoryError';
  }
}

/** The parent named is gone, merged, or is itself a sub-category (or, to enable, is disabled). */
export class CategoryParentUnavailableError extends Error {
  constructor() {
    super('The parent category is not available.');
    this.name = 'CategoryParentUnavailableError';
  }
}

/** The category to merge into is gone, merged, or being merged itself. */
export class CategoryMergeTargetUnavailableError extends Error {
  constructor() {
    super('The category to merge into is not available.');
    this.name = 'CategoryMergeTargetUnavailableError';
  }
}

/** A user group written in the same transaction was deleted meanwhile: reading again and retrying is safe. */
export class CategoryGroupsChangedError extends Error {
  constructor() {
    super('The user groups changed while the category was being saved.');
    this.name = 'CategoryGroupsChangedError';
  }
}

function nameGuard(category: Pick<Category, 'schoolId' | 'parentId' | 'name' | 'categoryId'>) {
  return {
    ...categoryKeys.categoryName(category.schoolId, category.parentId, category.name),
    itemType: 'CategoryName',
    categoryId: category.categoryId,
  };
}

function toItem(category: Category): Record<string, unknown> {
  return {
    ...categoryKeys.category(category.schoolId, category.categoryId),
    itemType: 'Category',
    ...CategorySchema.parse(category),
  };
}

export class CategoryRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The items that create these categories with their name guards, for a new school's transaction. */
  static itemsFor(categories: readonly Category[]): Record<string, unknown>[] {
    return categories.flatMap((category) => [nameGuard(category), toItem(category)]);
  }

  /** Every category of a school (merged ones included), by name; one Query. */
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

  /**
   * Creates the category, claims its name among its siblings, checks its parent is still a top-level
   * category, and applies `groupUpdates` (every group's permission for it): all or nothing.
   */
  async create(category: Category, groupUpdates: readonly TransactWriteItem[]): Promise<void> {
    const items: TransactWriteItem[] = [
      this.put(toItem(category)),
      this.put(nameGuard(category)),
      ...(category.parentId === undefined ? [] : [this.parentCheck(category.schoolId, category.parentId)]),
    ];
    await this.write([...items, ...groupUpdates], (failed) => {
      if (failed.includes(1)) return new CategoryNameTakenError();
      if (failed.includes(2) && category.parentId !== undefined) return new CategoryParentUnavailableError();
      if (failed.some((index) => index >= items.length)) return new CategoryGroupsChangedError();
      return undefined;
    });
  }

  /** Saves a new name or colour if the stored version is still `previous.version`; a rename moves the name guard. */
  async update(previous: Category, next: Category): Promise<void> {
    const oldGuard = categoryKeys.categoryName(previous.schoolId, previous.parentId, previous.name);
    const renamed = oldGuard.SK !== categoryKeys.categoryName(next.schoolId, next.parentId, next.name).SK;
    await this.write(
      [
        this.versionedUpdate(previous, next, ['name', 'colour']),
        ...(renamed
          ? [{ Delete: { TableName: this.tableName, Key: oldGuard } }, this.put(nameGuard(next))]
          : []),
      ],
      (failed) => {
        if (failed.includes(0)) return new StaleCategoryError();
        if (failed.includes(2)) return new CategoryNameTakenError();
        return undefined;
      },
    );
  }

  /**
   * Disables or enables these categories together (a parent with its sub-categories), each only if
   * unchanged since read. Enabling a sub-category also checks its parent is enabled.
   */
  async setDisabled(changes: readonly { previous: Category; next: Category }[]): Promise<void> {
    const updates = changes.map(({ previous, next }) => this.versionedUpdate(previous, next, ['disabled']));
    const parentChecks = changes.flatMap(({ next }) =>
      !next.disabled && next.parentId !== undefined
        ? [this.enabledParentCheck(next.schoolId, next.parentId)]
        : [],
    );
    await this.write([...updates, ...parentChecks], (failed) => {
      if (failed.some((index) => index < updates.length)) return new StaleCategoryError();
      if (failed.length > 0) return new CategoryParentUnavailableError();
      return undefined;
    });
  }

  /** Deletes the category if unchanged since read, frees its name and applies `groupUpdates` (removing it). */
  async delete(category: Category, groupUpdates: readonly TransactWriteItem[]): Promise<void> {
    await this.write(
      [
        {
          Delete: {
            TableName: this.tableName,
            Key: categoryKeys.category(category.schoolId, category.categoryId),
            ConditionExpression: 'version = :version',
            ExpressionAttributeValues: { ':version': category.version },
          },
        },
        {
          Delete: {
            TableName: this.tableName,
            Key: categoryKeys.categoryName(category.schoolId, category.parentId, category.name),
          },
        },
        ...groupUpdates,
      ],
      (failed) => {
        if (failed.includes(0)) return new StaleCategoryError();
        if (failed.length > 0) return new CategoryGroupsChangedError();
        return undefined;
      },
    );
  }

  /**
   * Starts merging `source` into `targetId`: disables it (so nothing new is recorded in it) and marks
   * the merge, if it is unchanged since read and the target is still there and not itself merging.
   * Asking again for the same target finds it already marked and changes nothing.
   */
  async startMerge(source: Category, targetId: string, at: string): Promise<void> {
    await this.write(
      [
        {
          Update: {
            TableName: this.tableName,
            Key: categoryKeys.category(source.schoolId, source.categoryId),
            UpdateExpression: 'SET disabled = :true, mergingInto = :target, updatedAt = :at, version = :next',
            ConditionExpression:
              'version = :previous AND attribute_not_exists(mergedInto) AND attribute_not_exists(mergingInto)',
            ExpressionAttributeValues: {
              ':true': true,
              ':target': targetId,
              ':at': at,
              ':next': source.version + 1,
              ':previous': source.version,
            },
          },
        },
        {
          ConditionCheck: {
            TableName: this.tableName,
            Key: categoryKeys.category(source.schoolId, targetId),
            ConditionExpression:
              'attribute_exists(PK) AND attribute_not_exists(mergedInto) AND attribute_not_exists(mergingInto)',
          },
        },
      ],
      (failed) => (failed.includes(0) ? new StaleCategoryError() : new CategoryMergeTargetUnavailableError()),
    );
  }

  /** Records the last incident moved by a merge under way, so the next request carries on after it. */
  async recordMergeCursor(source: Category, incidentId: string): Promise<void> {
    await this.write(
      [
        {
          Update: {
            TableName: this.tableName,
            Key: categoryKeys.category(source.schoolId, source.categoryId),
            UpdateExpression: 'SET mergeCursor = :cursor',
            ConditionExpression: 'mergingInto = :target',
            ExpressionAttributeValues: { ':cursor': incidentId, ':target': source.mergingInto },
          },
        },
      ],
      () => new StaleCategoryError(),
    );
  }

  /** Ends a merge whose incidents and monitoring have moved: marks the category merged and frees its name. */
  async finishMerge(source: Category, at: string): Promise<void> {
    await this.write(
      [
        {
          Update: {
            TableName: this.tableName,
            Key: categoryKeys.category(source.schoolId, source.categoryId),
            UpdateExpression:
              'SET mergedInto = :target, updatedAt = :at, version = version + :one REMOVE mergingInto, mergeCursor',
            ConditionExpression: 'mergingInto = :target',
            ExpressionAttributeValues: { ':target': source.mergingInto, ':at': at, ':one': 1 },
          },
        },
        {
          Delete: {
            TableName: this.tableName,
            Key: categoryKeys.categoryName(source.schoolId, source.parentId, source.name),
          },
        },
      ],
      () => new StaleCategoryError(),
    );
  }

  private put(Item: Record<string, unknown>): TransactWriteItem {
    return { Put: { TableName: this.tableName, Item, ConditionExpression: 'attribute_not_exists(PK)' } };
  }

  /** Sets these fields (and updatedAt, version) if the stored copy is still `previous` and not being merged. */
  private versionedUpdate(
    previous: Category,
    next: Category,
    fields: readonly ('name' | 'colour' | 'disabled')[],
  ): TransactWriteItem {
    const names = [...fields, 'updatedAt', 'version'] as const;
    return {
      Update: {
        TableName: this.tableName,
        Key: categoryKeys.category(next.schoolId, next.categoryId),
        UpdateExpression: `SET ${names.map((_, index) => `#n${index} = :v${index}`).join(', ')}`,
        ConditionExpression:
          'version = :previousVersion AND attribute_not_exists(mergedInto) AND attribute_not_exists(mergingInto)',
        ExpressionAttributeNames: Object.fromEntries(names.map((name, index) => [`#n${index}`, name])),
        ExpressionAttributeValues: {
          ...Object.fromEntries(names.map((name, index) => [`:v${index}`, next[name]])),
          ':previousVersion': previous.version,
        },
      },
    };
  }

  private parentCheck(schoolId: string, parentId: string): TransactWriteItem {
    return {
      ConditionCheck: {
        TableName: this.tableName,
        Key: categoryKeys.category(schoolId, parentId),
        ConditionExpression:
          'attribute_exists(PK) AND attribute_not_exists(parentId) AND attribute_not_exists(mergedInto) AND attribute_not_exists(mergingInto)',
      },
    };
  }

  private enabledParentCheck(schoolId: string, parentId: string): TransactWriteItem {
    return {
      ConditionCheck: {
        TableName: this.tableName,
        Key: categoryKeys.category(schoolId, parentId),
        ConditionExpression:
          'attribute_exists(PK) AND disabled = :false AND attribute_not_exists(mergedInto)',
        ExpressionAttributeValues: { ':false': false },
      },
    };
  }

  /** Runs the transaction; a refused condition becomes the domain error `refusal` names for it. */
  private async write(
    items: readonly TransactWriteItem[],
    refusal: (failedIndexes: number[]) => Error | undefined,
  ): Promise<void> {
    try {
      await this.dynamo.send(new TransactWriteCommand({ TransactItems: [...items] }));
    } catch (error) {
      const failed = failedConditions(error);
      const domainError = failed === undefined ? undefined : refusal(failed);
      throw domainError ?? error;
    }
  }
}

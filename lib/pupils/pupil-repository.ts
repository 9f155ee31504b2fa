/**
 * Stores pupils; owns the Pupil, PupilNameToken and ClassMember items. A pupil and the index items
 * that find it are always written in one transaction, so search and class registers never disagree
 * with the profile. Monitoring (monitoredCategoryIds) is written only by lib/monitoring, without a
 * version bump, so profile edits here never touch it and never conflict with it.
 */
import { BatchGetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { pupilKeys } from '../data/keys';
import { StaleItemError, getItem } from '../data/school-collection';
import { PupilSchema, type Pupil } from './pupil';
import { PupilAlreadyExistsError } from './pupil-errors';
import { indexItems, profileItem } from './pupil-items';
import { MAX_TRANSACTION_ITEMS, refusedFirstItem, type TransactWriteItem } from './transact-write-item';

const BATCH_GET_LIMIT = 100;

/** Profile attributes an edit may set; identity, creation and monitoring are never rewritten by one. */
const EDITABLE_ATTRIBUTES = Object.keys(PupilSchema.shape).filter(
  (name) => !['pupilId', 'schoolId', 'createdAt', 'monitoredCategoryIds'].includes(name),
);

export class PupilRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  get(schoolId: string, pupilId: string): Promise<Pupil | undefined> {
    return getItem(this.dynamo, this.tableName, pupilKeys.profile(schoolId, pupilId), PupilSchema);
  }

  /** The pupils of this school with these ids that exist, in no particular order (BatchGet). */
  async getMany(schoolId: string, pupilIds: readonly string[]): Promise<Pupil[]> {
    const found: Pupil[] = [];
    const unique = [...new Set(pupilIds)];
    for (let index = 0; index < unique.length; index += BATCH_GET_LIMIT) {
      let keys: Record<string, unknown>[] = unique
        .slice(index, index + BATCH_GET_LIMIT)
        .map((pupilId): Record<string, unknown> => ({ ...pupilKeys.profile(schoolId, pupilId) }));
      while (keys.length > 0) {
        const result = await this.dynamo.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
        );
        for (const item of result.Responses?.[this.tableName] ?? []) found.push(PupilSchema.parse(item));
        keys = result.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
      }
    }
    return found;
  }

  /** Adds a pupil with its index items; PupilAlreadyExistsError if the id is taken. */
  async create(pupil: Pupil): Promise<void> {
    if (pupil.version !== 1) throw new Error('A new pupil starts at version 1.');
    const items: TransactWriteItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: profileItem(pupil),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      ...[...indexItems(pupil).values()].map((Item) => ({ Put: { TableName: this.tableName, Item } })),
    ];
    try {
      await this.transact(items);
    } catch (error) {
      if (refusedFirstItem(error)) throw new PupilAlreadyExistsError();
      throw error;
    }
  }

  /**
   * Saves `next` (version one more than `previous`) if the stored profile is still at
   * `previous.version`, moving its index items to match: name tokens that no longer apply and class
   * memberships that ended are deleted, new or changed ones put, and archiving moves every token from
   * the ACTIVE to the ARCHIVED directory. `companions` join the same transaction (the linked pupils'
   * and monitored lists' copies of the summary). StaleItemError, changing nothing, if someone saved first.
   * Returns how many items the transaction wrote (the MIS import counts its writes).
   */
  async update(next: Pupil, previous: Pupil, companions: readonly TransactWriteItem[] = []): Promise<number> {
    if (next.pupilId !== previous.pupilId || next.schoolId !== previous.schoolId) {
      throw new Error('An update cannot change which pupil it is.');
    }
    if (next.version !== previous.version + 1) throw new Error('An update moves the version on by one.');
    const before = indexItems(previous);
    const after = indexItems(next);
    const items: TransactWriteItem[] = [this.profileUpdate(next, previous.version)];
    for (const [id, item] of before) {
      if (!after.has(id))
        items.push({ Delete: { TableName: this.tableName, Key: { PK: item.PK, SK: item.SK } } });
    }
    for (const [id, item] of after) {
      const old = before.get(id);
      if (!old || JSON.stringify(old) !== JSON.stringify(item)) {
        items.push({ Put: { TableName: this.tableName, Item: item } });
      }
    }
    try {
      await this.transact([...items, ...companions]);
    } catch (error) {
      if (refusedFirstItem(error)) throw new StaleItemError();
      throw error;
    }
    return items.length + companions.length;
  }

  /** Sets every editable attribute (removing absent optional ones), leaving monitoring as it is. */
  private profileUpdate(next: Pupil, previousVersion: number): TransactWriteItem {
    const stored = profileItem(next);
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':previous': previousVersion };
    const set: string[] = [];
    const remove: string[] = [];
    EDITABLE_ATTRIBUTES.forEach((attribute, index) => {
      names[`#a${index}`] = attribute;
      if (stored[attribute] === undefined) {
        remove.push(`#a${index}`);
      } else {
        set.push(`#a${index} = :a${index}`);
        values[`:a${index}`] = stored[attribute];
      }
    });
    names['#version'] = 'version';
    return {
      Update: {
        TableName: this.tableName,
        Key: pupilKeys.profile(next.schoolId, next.pupilId),
        UpdateExpression: `SET ${set.join(', ')}${remove.length > 0 ? ` REMOVE ${remove.join(', ')}` : ''}`,
        ConditionExpression: 'attribute_exists(PK) AND #version = :previous',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }

  private async transact(items: TransactWriteItem[]): Promise<void> {
    if (items.length > MAX_TRANSACTION_ITEMS) {
      throw new Error(`A pupil write needs ${items.length} items, more than one transaction holds.`);
    }
    await this.dynamo.send(new TransactWriteCommand({ TransactItems: items }));
  }
}

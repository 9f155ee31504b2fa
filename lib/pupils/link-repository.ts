/**
 * Stores links between pupils; owns the PupilLink keys. A link is kept on both pupils (each profile
 * lists the other), so both directions are written and removed together in one transaction.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { pupilKeys } from '../data/keys';
import { StaleItemError } from '../data/school-collection';
import { PupilLinkSchema, type PupilLink } from './pupil';
import type { TransactWriteItem } from './transact-write-item';

export function linkItem(schoolId: string, link: PupilLink): Record<string, unknown> {
  return {
    ...pupilKeys.link(schoolId, link.pupilId, link.otherPupilId),
    itemType: 'PupilLink',
    ...PupilLinkSchema.parse(link),
  };
}

export class LinkRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Writes a link and its reverse; StaleItemError when either pupil already has a link to the other. */
  async createBoth(schoolId: string, link: PupilLink, reverse: PupilLink): Promise<void> {
    await this.transact(
      [link, reverse].map((one) => ({
        Put: {
          TableName: this.tableName,
          Item: linkItem(schoolId, one),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      })),
    );
  }

  /** Removes a link added by hand and its reverse; StaleItemError when either is gone or not a manual link. */
  async deleteBoth(schoolId: string, pupilId: string, otherPupilId: string): Promise<void> {
    await this.transact(
      [pupilKeys.link(schoolId, pupilId, otherPupilId), pupilKeys.link(schoolId, otherPupilId, pupilId)].map(
        (Key) => ({
          Delete: {
            TableName: this.tableName,
            Key,
            ConditionExpression: '#source = :manual',
            ExpressionAttributeNames: { '#source': 'source' },
            ExpressionAttributeValues: { ':manual': 'manual' },
          },
        }),
      ),
    );
  }

  private async transact(items: TransactWriteItem[]): Promise<void> {
    try {
      await this.dynamo.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      const refused =
        error instanceof TransactionCanceledException &&
        (error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed');
      if (refused) throw new StaleItemError();
      throw error;
    }
  }
}

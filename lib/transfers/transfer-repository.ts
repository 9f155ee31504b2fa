/**
 * Stores transfers; owns the Transfer, TransferListing, PupilTransfer, TransferToken and
 * TransferSettings keys. A transfer is one Transfer item (the true copy), one TransferListing per
 * school (what Admin > Transfers lists with one Query) and one PupilTransfer per pupil (what the
 * detector checks when a pupil leaves or rejoins a roll). All five are written in one transaction,
 * each write of the Transfer conditional on the version it replaces, so two decisions never both land.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { transferKeys } from '../data/keys';
import { queryAll, queryPartition, StaleItemError } from '../data/school-collection';
import { refusedFirstItem, type TransactWriteItem } from '../pupils/transact-write-item';
import {
  MatchedOnSchema,
  TransferDirectionSchema,
  TransferSchema,
  TransferSettingsSchema,
  TransferStatusSchema,
  type Transfer,
  type TransferSettings,
} from './transfer';

/** What one school's list shows of a transfer, without reading the Transfer. */
export const TransferListingSchema = z
  .object({
    transferId: z.string().uuid(),
    direction: TransferDirectionSchema,
    status: TransferStatusSchema,
    /** This school's own record of the pupil. */
    pupilId: z.string().uuid(),
    pupilName: z.string(),
    otherSchoolName: z.string(),
    matchedOn: MatchedOnSchema,
    detectedAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    /** The KCSIE due date while the transfer is requested. */
    dueBy: z.iso.date().optional(),
    receiptConfirmed: z.boolean(),
  })
  .strip()
  .meta({ id: 'TransferListing' });
export type TransferListing = z.output<typeof TransferListingSchema>;

export const PupilTransferSchema = z
  .object({
    transferId: z.string().uuid(),
    direction: TransferDirectionSchema,
    status: TransferStatusSchema,
  })
  .strip();
export type PupilTransfer = z.output<typeof PupilTransferSchema>;

/** Which wait the lifecycle is in when it hands out a task token. */
export const TransferStageSchema = z.enum(['request', 'authorisation']);
export type TransferStage = z.infer<typeof TransferStageSchema>;

const TokenSchema = z.object({ taskToken: z.string(), stage: TransferStageSchema }).strip();
export type TransferToken = z.output<typeof TokenSchema>;

const NO_SETTINGS: TransferSettings = { categoryIds: [], version: 0 };

export class TransferRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Records a newly detected transfer with its listings and pupil items. A second detection of the
   * same pair (same deterministic id) changes nothing and returns the stored transfer.
   */
  async create(transfer: Transfer): Promise<{ transfer: Transfer; created: boolean }> {
    try {
      await this.dynamo.send(
        new TransactWriteCommand({
          TransactItems: this.writesOf(transfer, undefined),
        }),
      );
      return { transfer, created: true };
    } catch (error) {
      if (!refusedFirstItem(error)) throw error;
      const existing = await this.get(transfer.transferId);
      if (!existing) throw error;
      return { transfer: existing, created: false };
    }
  }

  /** Replaces the transfer if it is still at `next.version - 1`; StaleItemError otherwise. */
  async save(next: Transfer): Promise<void> {
    try {
      await this.dynamo.send(
        new TransactWriteCommand({ TransactItems: this.writesOf(next, next.version - 1) }),
      );
    } catch (error) {
      if (refusedFirstItem(error)) throw new StaleItemError();
      throw error;
    }
  }

  async get(transferId: string): Promise<Transfer | undefined> {
    const result = await this.dynamo.send(
      new GetCommand({
        TableName: this.tableName,
        Key: transferKeys.transfer(transferId),
        ConsistentRead: true,
      }),
    );
    return result.Item ? TransferSchema.parse(result.Item) : undefined;
  }

  /** One school's transfers, one Query (paged until done; a school has tens a year). */
  listFor(schoolId: string): Promise<TransferListing[]> {
    return queryPartition(
      this.dynamo,
      this.tableName,
      transferKeys.listingPartition(schoolId),
      TransferListingSchema,
    );
  }

  /** The transfers a pupil is part of at this school. */
  forPupil(schoolId: string, pupilId: string): Promise<PupilTransfer[]> {
    return queryAll(
      this.dynamo,
      this.tableName,
      transferKeys.pupilTransfersPartition(schoolId, pupilId),
      transferKeys.pupilTransferPrefix,
      PupilTransferSchema,
    );
  }

  async recordToken(transferId: string, token: TransferToken, at: string): Promise<void> {
    await this.dynamo.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...transferKeys.token(transferId), itemType: 'TransferToken', ...token, recordedAt: at },
      }),
    );
  }

  async token(transferId: string): Promise<TransferToken | undefined> {
    const result = await this.dynamo.send(
      new GetCommand({
        TableName: this.tableName,
        Key: transferKeys.token(transferId),
        ConsistentRead: true,
      }),
    );
    return result.Item ? TokenSchema.parse(result.Item) : undefined;
  }

  async settings(schoolId: string): Promise<TransferSettings> {
    const result = await this.dynamo.send(
      new GetCommand({
        TableName: this.tableName,
        Key: transferKeys.settings(schoolId),
        ConsistentRead: true,
      }),
    );
    return result.Item ? TransferSettingsSchema.parse(result.Item) : NO_SETTINGS;
  }

  /** Saves settings at `next.version` if the stored ones are at `next.version - 1` (0: none yet). */
  async saveSettings(schoolId: string, next: TransferSettings): Promise<void> {
    const first = next.version === 1;
    try {
      await this.dynamo.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...transferKeys.settings(schoolId),
            itemType: 'TransferSettings',
            schoolId,
            ...TransferSettingsSchema.parse(next),
          },
          ConditionExpression: first ? 'attribute_not_exists(PK)' : 'version = :previous',
          ...(first ? {} : { ExpressionAttributeValues: { ':previous': next.version - 1 } }),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new StaleItemError();
      throw error;
    }
  }

  /** The Transfer first (its condition is the one that matters), then both schools' items. */
  private writesOf(transfer: Transfer, previousVersion: number | undefined): TransactWriteItem[] {
    const stored = TransferSchema.parse(transfer);
    const writes: TransactWriteItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...transferKeys.transfer(transfer.transferId), itemType: 'Transfer', ...stored },
          ...(previousVersion === undefined
            ? { ConditionExpression: 'attribute_not_exists(PK)' }
            : {
                ConditionExpression: 'version = :previous',
                ExpressionAttributeValues: { ':previous': previousVersion },
              }),
        },
      },
    ];
    for (const direction of ['outgoing', 'incoming'] as const) {
      const side = direction === 'outgoing' ? transfer.from : transfer.to;
      const other = direction === 'outgoing' ? transfer.to : transfer.from;
      const listing: TransferListing = {
        transferId: transfer.transferId,
        direction,
        status: transfer.status,
        pupilId: side.pupilId,
        pupilName: side.pupilName,
        otherSchoolName: other.schoolName,
        matchedOn: transfer.matchedOn,
        detectedAt: transfer.detectedAt,
        updatedAt: transfer.updatedAt,
        ...(transfer.status === 'Requested' && transfer.clock ? { dueBy: transfer.clock.dueBy } : {}),
        receiptConfirmed: transfer.receipt !== undefined,
      };
      writes.push(
        {
          Put: {
            TableName: this.tableName,
            Item: {
              ...transferKeys.listing(side.schoolId, transfer.detectedAt, transfer.transferId),
              itemType: 'TransferListing',
              ...listing,
            },
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: {
              ...transferKeys.pupilTransfer(side.schoolId, side.pupilId, transfer.transferId),
              itemType: 'PupilTransfer',
              transferId: transfer.transferId,
              direction,
              status: transfer.status,
            },
          },
        },
      );
    }
    return writes;
  }
}

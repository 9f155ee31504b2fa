/** Stores emailed password links by the SHA-256 of their token; owns the PasswordLink keys. */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { passwordLinkKeys, personKeys } from '../data/keys';

export const PasswordLinkSchema = z.object({
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  personId: z.string().uuid(),
  issuedAt: z.iso.datetime(),
  /** Midnight, school time, at the end of the day it was issued. */
  validUntil: z.iso.datetime(),
  usedAt: z.iso.datetime().optional(),
  /** TTL (epoch seconds), a day after validUntil, so used and expired links disappear. */
  expiresAt: z.number().int(),
});

export type PasswordLink = z.infer<typeof PasswordLinkSchema>;

export class PasswordLinkUnusableError extends Error {
  constructor() {
    super('The link has expired or has already been used.');
    this.name = 'PasswordLinkUnusableError';
  }
}

export class PasswordLinkRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(link: PasswordLink): Promise<void> {
    await this.dynamo.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...passwordLinkKeys.link(link.tokenHash),
          itemType: 'PasswordLink',
          ...PasswordLinkSchema.parse(link),
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  async get(tokenHash: string): Promise<PasswordLink | undefined> {
    const result = await this.dynamo.send(
      new GetCommand({
        TableName: this.tableName,
        Key: passwordLinkKeys.link(tokenHash),
        ConsistentRead: true,
      }),
    );
    return result.Item ? PasswordLinkSchema.parse(result.Item) : undefined;
  }

  /**
   * Marks the link used and sets the password in one transaction: both or neither, and only if the
   * link is still unused and in date, so two clicks cannot both succeed.
   */
  async consume(link: PasswordLink, passwordHash: string, now: string): Promise<void> {
    try {
      await this.dynamo.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: passwordLinkKeys.link(link.tokenHash),
                UpdateExpression: 'SET usedAt = :now',
                ConditionExpression:
                  'attribute_exists(PK) AND attribute_not_exists(usedAt) AND validUntil > :now',
                ExpressionAttributeValues: { ':now': now },
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: personKeys.profile(link.personId),
                UpdateExpression:
                  'SET passwordHash = :hash, updatedAt = :now, failedSignIns = :zero REMOVE lockedUntil',
                ConditionExpression: 'attribute_exists(PK)',
                ExpressionAttributeValues: { ':hash': passwordHash, ':now': now, ':zero': 0 },
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException) throw new PasswordLinkUnusableError();
      throw error;
    }
  }
}

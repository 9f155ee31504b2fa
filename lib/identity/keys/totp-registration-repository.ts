/**
 * Pending TOTP registrations: the secret shown to the person, encrypted, until they confirm it with a
 * code from their app. Kept in the person's partition, so a registration id is only ever looked up
 * for the signed-in person; the TTL removes abandoned ones. Owns the TotpRegistration keys; completing
 * a registration also writes the KeyCredential it becomes.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { secondFactorKeys } from '../../data/keys';
import { TotpKeySchema, type TotpKey } from './second-factor-key';

export const TotpRegistrationSchema = z.object({
  registrationId: z.string().uuid(),
  personId: z.string().uuid(),
  /** The base32 secret, KMS-encrypted under the person's encryption context (base64). */
  encryptedSecret: z.string().min(1),
  createdAt: z.iso.datetime(),
  /** TTL (epoch seconds); also checked on read, because DynamoDB removes expired items only eventually. */
  expiresAt: z.number().int(),
});

export type TotpRegistration = z.infer<typeof TotpRegistrationSchema>;

export class TotpRegistrationRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(registration: TotpRegistration): Promise<void> {
    await this.dynamo.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...secondFactorKeys.totpRegistration(registration.personId, registration.registrationId),
          itemType: 'TotpRegistration',
          ...TotpRegistrationSchema.parse(registration),
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  /** The person's registration, or undefined when it is unknown, someone else's or expired. */
  async get(personId: string, registrationId: string, now: Date): Promise<TotpRegistration | undefined> {
    const result = await this.dynamo.send(
      new GetCommand({
        TableName: this.tableName,
        Key: secondFactorKeys.totpRegistration(personId, registrationId),
        ConsistentRead: true,
      }),
    );
    if (!result.Item) return undefined;
    const registration = TotpRegistrationSchema.parse(result.Item);
    return registration.expiresAt * 1000 > now.getTime() ? registration : undefined;
  }

  /**
   * Stores the confirmed key and ends the registration in one transaction, conditional on the
   * registration still existing: two confirmations racing with one secret make one key, not two.
   * False when the registration had already been used.
   */
  async complete(registration: TotpRegistration, key: TotpKey): Promise<boolean> {
    try {
      await this.dynamo.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName: this.tableName,
                Key: secondFactorKeys.totpRegistration(registration.personId, registration.registrationId),
                ConditionExpression: 'attribute_exists(PK)',
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...secondFactorKeys.key(key.personId, key.keyId),
                  itemType: 'KeyCredential',
                  ...TotpKeySchema.parse(key),
                },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException) return false;
      throw error;
    }
  }
}

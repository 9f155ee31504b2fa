/** Stores each person's second-factor keys in the person's partition; owns the KeyCredential keys. */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll } from '../../data/batch-write';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { secondFactorKeys } from '../../data/keys';
import { KeyCredentialSchema, type KeyCredential } from './second-factor-key';
import { prefixRange } from '../../data/prefix-range';

/** BatchWriteItem's limit. */

export class KeyRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(key: KeyCredential): Promise<void> {
    await this.dynamo.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...secondFactorKeys.key(key.personId, key.keyId),
          itemType: 'KeyCredential',
          ...KeyCredentialSchema.parse(key),
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  /** Every key of the person, oldest first (keys are few, so this is one page in practice). */
  async listForPerson(personId: string): Promise<KeyCredential[]> {
    const keys: KeyCredential[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.dynamo.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :prefix AND :prefixEnd',
          ExpressionAttributeValues: {
            ':pk': secondFactorKeys.personPartition(personId),
            ...prefixRange(':prefix', secondFactorKeys.keyPrefix),
          },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      keys.push(...(page.Items ?? []).map((item) => KeyCredentialSchema.parse(item)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return keys.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Whether the person has at least one key: one item read at most. */
  async hasAny(personId: string): Promise<boolean> {
    const page = await this.dynamo.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :prefix AND :prefixEnd',
        ExpressionAttributeValues: {
          ':pk': secondFactorKeys.personPartition(personId),
          ...prefixRange(':prefix', secondFactorKeys.keyPrefix),
        },
        ProjectionExpression: 'SK',
        ConsistentRead: true,
        Limit: 1,
      }),
    );
    return (page.Items ?? []).length > 0;
  }

  /** Removes one of the person's keys; false when the person has no such key. */
  async delete(personId: string, keyId: string): Promise<boolean> {
    try {
      await this.dynamo.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: secondFactorKeys.key(personId, keyId),
          ConditionExpression: 'attribute_exists(PK)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /**
   * Removes every key of the person (an administrator's "remove this user's keys", for a lost phone
   * or security key). Returns how many were removed. Sessions are not touched here.
   */
  async removeAllForPerson(personId: string): Promise<number> {
    const keys = await this.listForPerson(personId);
    const deletes = keys.map((key) => ({
      DeleteRequest: { Key: secondFactorKeys.key(key.personId, key.keyId) },
    }));
    // Unprocessed deletes are retried until none remain, so no key survives the removal.
    await batchWriteAll(this.dynamo, this.tableName, deletes);
    return keys.length;
  }

  /**
   * Records an accepted TOTP code's time step. Conditional on the stored step being older, so of two
   * requests racing with the same code only one succeeds; false for the other (a replay).
   */
  async recordTotpUse(personId: string, keyId: string, step: number, at: string): Promise<boolean> {
    try {
      await this.dynamo.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: secondFactorKeys.key(personId, keyId),
          UpdateExpression: 'SET lastUsedStep = :step, lastUsedAt = :at',
          ConditionExpression: 'attribute_exists(PK) AND lastUsedStep < :step',
          ExpressionAttributeValues: { ':step': step, ':at': at },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Records a verified WebAuthn assertion: the authenticator's new signature counter. */
  async recordWebAuthnUse(personId: string, keyId: string, counter: number, at: string): Promise<boolean> {
    try {
      await this.dynamo.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: secondFactorKeys.key(personId, keyId),
          UpdateExpression: 'SET #counter = :counter, lastUsedAt = :at',
          ConditionExpression: 'attribute_exists(PK)',
          // COUNTER is a DynamoDB reserved word.
          ExpressionAttributeNames: { '#counter': 'counter' },
          ExpressionAttributeValues: { ':counter': counter, ':at': at },
        }),
      );
      return true;
    } catch (error) {
      // The key was removed while its assertion was being checked.
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

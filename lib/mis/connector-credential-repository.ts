/**
 * Stores MIS connector credentials by the SHA-256 of their secret; owns the ConnectorCredential keys
 * (lib/data/keys.ts). The hash is only ever the item's key: it is never returned to a caller.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { connectorKeys } from '../data/keys';
import { TransactionRefusedError, writeLabelled } from '../incidents/labelled-transaction';
import { ConnectorCredentialSchema, type ConnectorCredential } from './connector-credential';

/** A stored credential with the hash that keys it (for rotating and revoking; never leaves the service). */
export interface StoredConnectorCredential {
  readonly secretHash: string;
  readonly credential: ConnectorCredential;
}

const HASH_PREFIX = 'CONNECTOR#';

export class ConnectorCredentialRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private item(secretHash: string, credential: ConnectorCredential): Record<string, unknown> {
    return {
      ...connectorKeys.credential(secretHash),
      GSI1PK: connectorKeys.schoolPartition(credential.schoolId),
      GSI1SK: connectorKeys.schoolSortKey(credential.createdAt, credential.credentialId),
      itemType: 'ConnectorCredential',
      ...ConnectorCredentialSchema.parse(credential),
    };
  }

  async create(secretHash: string, credential: ConnectorCredential): Promise<void> {
    await this.dynamo.send(
      new PutCommand({
        TableName: this.tableName,
        Item: this.item(secretHash, credential),
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  /** The authenticating read: one GetItem on the hash of the presented secret. */
  async findByHash(secretHash: string): Promise<ConnectorCredential | undefined> {
    const result = await this.dynamo.send(
      new GetCommand({ TableName: this.tableName, Key: connectorKeys.credential(secretHash) }),
    );
    return result.Item ? ConnectorCredentialSchema.parse(result.Item) : undefined;
  }

  /** A school's credentials, oldest first: one Query of its GSI1 partition. */
  async listForSchool(schoolId: string): Promise<StoredConnectorCredential[]> {
    const result = await this.dynamo.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': connectorKeys.schoolPartition(schoolId) },
      }),
    );
    return (result.Items ?? []).map((item) => ({
      secretHash: String(item.PK).slice(HASH_PREFIX.length),
      credential: ConnectorCredentialSchema.parse(item),
    }));
  }

  /**
   * Replaces the secret in one transaction: the new hash's item is put (with the same id and label)
   * and the old one deleted, only if it is still this school's credential. False when it was revoked
   * or rotated meanwhile; nothing is then written.
   */
  async rotate(oldHash: string, newHash: string, rotated: ConnectorCredential): Promise<boolean> {
    try {
      await writeLabelled(this.dynamo, [
        {
          label: 'new',
          item: {
            Put: {
              TableName: this.tableName,
              Item: this.item(newHash, rotated),
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
        },
        {
          label: 'old',
          item: {
            Delete: {
              TableName: this.tableName,
              Key: connectorKeys.credential(oldHash),
              ConditionExpression: 'schoolId = :schoolId AND credentialId = :credentialId',
              ExpressionAttributeValues: {
                ':schoolId': rotated.schoolId,
                ':credentialId': rotated.credentialId,
              },
            },
          },
        },
      ]);
      return true;
    } catch (error) {
      if (error instanceof TransactionRefusedError && error.refusedBy('old').length > 0) return false;
      throw error;
    }
  }

  /** Deletes the credential, only if it is still this school's. False when it was already gone. */
  async delete(secretHash: string, schoolId: string, credentialId: string): Promise<boolean> {
    try {
      await this.dynamo.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: connectorKeys.credential(secretHash),
          ConditionExpression: 'schoolId = :schoolId AND credentialId = :credentialId',
          ExpressionAttributeValues: { ':schoolId': schoolId, ':credentialId': credentialId },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /**
   * Records a use, only if the last recorded one is older than `staleBefore` (and the credential still
   * exists), so concurrent pushes write it once and a revoked credential is not brought back.
   */
  async touch(secretHash: string, at: string, staleBefore: string): Promise<void> {
    try {
      await this.dynamo.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: connectorKeys.credential(secretHash),
          UpdateExpression: 'SET lastUsedAt = :at',
          ConditionExpression:
            'attribute_exists(PK) AND (attribute_not_exists(lastUsedAt) OR lastUsedAt < :staleBefore)',
          ExpressionAttributeValues: { ':at': at, ':staleBefore': staleBefore },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}

/** Stores sessions by the SHA-256 of their id; owns the Session keys. */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll } from '../data/batch-write';
import { sessionKeys } from '../data/keys';
import { SessionSchema, type Session } from './identity';

export class SessionRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(session: Session): Promise<void> {
    await this.dynamo.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...sessionKeys.session(session.sessionHash),
          GSI1PK: sessionKeys.personSessionsPartition(session.personId),
          GSI1SK: sessionKeys.personSessionsSortKey(session.createdAt, session.sessionHash),
          itemType: 'Session',
          ...SessionSchema.parse(session),
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  async get(sessionHash: string): Promise<Session | undefined> {
    const result = await this.dynamo.send(
      new GetCommand({
        TableName: this.tableName,
        Key: sessionKeys.session(sessionHash),
        ConsistentRead: true,
      }),
    );
    return result.Item ? SessionSchema.parse(result.Item) : undefined;
  }

  /** Records activity, pushing the idle deadline (and the TTL) forward. */
  async touch(sessionHash: string, lastSeenAt: string, expiresAt: number): Promise<void> {
    await this.dynamo.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: sessionKeys.session(sessionHash),
        UpdateExpression: 'SET lastSeenAt = :seen, expiresAt = :ttl',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':seen': lastSeenAt, ':ttl': expiresAt },
      }),
    );
  }

  /** Moves the session; the new school's idle timeout applies from now on. */
  async switchSchool(sessionHash: string, schoolId: string, idleTimeoutSeconds: number): Promise<void> {
    await this.dynamo.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: sessionKeys.session(sessionHash),
        // A key holder's elevation belongs to the school it was granted in.
        UpdateExpression: 'SET schoolId = :school, elevated = :false, idleTimeoutSeconds = :idle',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':school': schoolId, ':false': false, ':idle': idleTimeoutSeconds },
      }),
    );
  }

  /**
   * Elevates the session after one of the person's keys was verified in `schoolId`. False when the
   * session has ended or moved to another school meanwhile: elevation belongs to the school it was
   * granted in.
   */
  async elevate(sessionHash: string, schoolId: string): Promise<boolean> {
    try {
      await this.dynamo.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: sessionKeys.session(sessionHash),
          UpdateExpression: 'SET elevated = :true',
          ConditionExpression: 'attribute_exists(PK) AND schoolId = :school',
          ExpressionAttributeValues: { ':true': true, ':school': schoolId },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Ends the session's elevation (the person removed their last key); a no-op if the session has gone. */
  async dropElevation(sessionHash: string): Promise<void> {
    try {
      await this.dynamo.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: sessionKeys.session(sessionHash),
          UpdateExpression: 'SET elevated = :false',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':false': false },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async delete(sessionHash: string): Promise<void> {
    await this.dynamo.send(
      new DeleteCommand({ TableName: this.tableName, Key: sessionKeys.session(sessionHash) }),
    );
  }

  /** Ends every session of a person (sign out everywhere, deactivation). Returns how many ended. */
  async deleteAllForPerson(personId: string): Promise<number> {
    let ended = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.dynamo.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': sessionKeys.personSessionsPartition(personId) },
          ProjectionExpression: 'PK, SK',
          ExclusiveStartKey: startKey,
        }),
      );
      const keys = (page.Items ?? []).map((item) => ({ PK: String(item.PK), SK: String(item.SK) }));
      // Unprocessed deletes are retried until none remain, so no session survives a sign-out-everywhere.
      await batchWriteAll(
        this.dynamo,
        this.tableName,
        keys.map((Key) => ({ DeleteRequest: { Key } })),
      );
      ended += keys.length;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return ended;
  }
}

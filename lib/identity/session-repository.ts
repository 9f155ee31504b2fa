/** Stores sessions by the SHA-256 of their id; owns the Session keys. */
import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
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

  async switchSchool(sessionHash: string, schoolId: string): Promise<void> {
    await this.dynamo.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: sessionKeys.session(sessionHash),
        // A key holder's elevation belongs to the school it was granted in.
        UpdateExpression: 'SET schoolId = :school, elevated = :false',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':school': schoolId, ':false': false },
      }),
    );
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
      for (let index = 0; index < keys.length; index += 25) {
        let requests = keys.slice(index, index + 25).map((Key) => ({ DeleteRequest: { Key } }));
        // Unprocessed deletes are retried until none remain, so no session survives a sign-out-everywhere.
        while (requests.length > 0) {
          const result = await this.dynamo.send(
            new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }),
          );
          requests = (result.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
        }
      }
      ended += keys.length;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return ended;
  }
}

/** Stores operator tokens by the SHA-256 of their secret; owns the OperatorToken keys. */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { operatorTokenKeys } from '../data/keys';
import { OperatorTokenSchema, type OperatorToken } from './operator-token';

export class OperatorTokenRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(tokenHash: string, token: OperatorToken): Promise<void> {
    await this.dynamo.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...operatorTokenKeys.token(tokenHash),
          GSI1PK: operatorTokenKeys.listPartition,
          GSI1SK: operatorTokenKeys.listSortKey(token.createdAt, token.tokenId),
          itemType: 'OperatorToken',
          ...OperatorTokenSchema.parse(token),
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  async findByHash(tokenHash: string): Promise<OperatorToken | undefined> {
    const result = await this.dynamo.send(
      new GetCommand({ TableName: this.tableName, Key: operatorTokenKeys.token(tokenHash) }),
    );
    return result.Item ? OperatorTokenSchema.parse(result.Item) : undefined;
  }

  async list(): Promise<OperatorToken[]> {
    const result = await this.dynamo.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': operatorTokenKeys.listPartition },
      }),
    );
    return (result.Items ?? []).map((item) => OperatorTokenSchema.parse(item));
  }
}

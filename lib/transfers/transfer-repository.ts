/** Stores transfer workflow state; owns the Transfer keys. */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { transferKeys } from '../data/keys';
import { TransferStateSchema, type TransferState } from './transfer-workflow';

export class TransferRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Records a new pending transfer; a retried step finds the first write and changes nothing. */
  async createPending(transferId: string, createdAt: string): Promise<TransferState> {
    const state: TransferState = { transferId, status: 'Pending', createdAt };
    try {
      await this.dynamo.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...transferKeys.transfer(transferId), itemType: 'Transfer', ...state },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return state;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = await this.get(transferId);
      if (!existing) throw error;
      return existing;
    }
  }

  async recordDecisionToken(transferId: string, taskToken: string): Promise<void> {
    await this.dynamo.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: transferKeys.transfer(transferId),
        UpdateExpression: 'SET decisionTaskToken = :token',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':token': taskToken },
      }),
    );
  }

  async get(transferId: string): Promise<TransferState | undefined> {
    const result = await this.dynamo.send(
      new GetCommand({
        TableName: this.tableName,
        Key: transferKeys.transfer(transferId),
        ConsistentRead: true,
      }),
    );
    return result.Item ? TransferStateSchema.parse(result.Item) : undefined;
  }
}

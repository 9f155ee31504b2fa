/**
 * Throttles failed sign-ins per source address: one counter per 15-minute window, removed by TTL.
 * (Per-account lockout lives on the Person; see sign-in-service.ts.) Owns the SignInThrottle keys.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { throttleKeys } from '../data/keys';

export const SOURCE_WINDOW_MS = 15 * 60 * 1000;
/** Failed attempts one address may make per window: a school's shared NAT address has many staff. */
export const SOURCE_FAILURE_LIMIT = 50;

function windowStart(now: Date): string {
  return new Date(Math.floor(now.getTime() / SOURCE_WINDOW_MS) * SOURCE_WINDOW_MS).toISOString();
}

export class SignInThrottle {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async isBlocked(sourceAddress: string, now: Date): Promise<boolean> {
    const result = await this.dynamo.send(
      new GetCommand({
        TableName: this.tableName,
        Key: throttleKeys.sourceWindow(sourceAddress, windowStart(now)),
      }),
    );
    return Number(result.Item?.failures ?? 0) >= SOURCE_FAILURE_LIMIT;
  }

  async recordFailure(sourceAddress: string, now: Date): Promise<void> {
    const start = windowStart(now);
    await this.dynamo.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: throttleKeys.sourceWindow(sourceAddress, start),
        UpdateExpression: 'ADD failures :one SET expiresAt = :ttl',
        ExpressionAttributeValues: {
          ':one': 1,
          ':ttl': Math.floor((Date.parse(start) + 2 * SOURCE_WINDOW_MS) / 1000),
        },
      }),
    );
  }
}

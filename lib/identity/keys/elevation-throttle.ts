/**
 * Limits refused elevations per person: one counter per 15-minute window, removed by TTL. About two of
 * a million six-digit codes are valid at any moment; at this limit someone guessing with a stolen
 * password session would need well over a year on average.
 * Owns the ElevationThrottle keys.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { secondFactorKeys } from '../../data/keys';

export const ELEVATION_WINDOW_MS = 15 * 60 * 1000;
/** Enough for fumbled codes and a clock that has drifted; far too few to guess with. */
export const ELEVATION_FAILURE_LIMIT = 10;

function windowStart(now: Date): string {
  return new Date(Math.floor(now.getTime() / ELEVATION_WINDOW_MS) * ELEVATION_WINDOW_MS).toISOString();
}

export class ElevationThrottle {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async isBlocked(personId: string, now: Date): Promise<boolean> {
    const result = await this.dynamo.send(
      new GetCommand({
        TableName: this.tableName,
        Key: secondFactorKeys.elevationFailures(personId, windowStart(now)),
        ConsistentRead: true,
      }),
    );
    return Number(result.Item?.failures ?? 0) >= ELEVATION_FAILURE_LIMIT;
  }

  async recordFailure(personId: string, now: Date): Promise<void> {
    const start = windowStart(now);
    await this.dynamo.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: secondFactorKeys.elevationFailures(personId, start),
        UpdateExpression: 'ADD failures :one SET expiresAt = :ttl, itemType = :type',
        ExpressionAttributeValues: {
          ':one': 1,
          ':ttl': Math.floor((Date.parse(start) + 2 * ELEVATION_WINDOW_MS) / 1000),
          ':type': 'ElevationThrottle',
        },
      }),
    );
  }
}

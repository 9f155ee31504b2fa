/**
 * Each person's security log: sign-ins, refusals, lockouts, sign-outs, with source address.
 * Append-only: this module offers no update or delete. Owns the SecurityEvent keys.
 */
import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { personKeys } from '../data/keys';
import { SecurityEventSchema, type SecurityEvent } from './identity';
import { prefixRange } from '../data/prefix-range';

export type NewSecurityEvent = Omit<SecurityEvent, 'eventId' | 'at'>;

export class SecurityLog {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async append(event: NewSecurityEvent): Promise<SecurityEvent> {
    const entry = SecurityEventSchema.parse({
      ...event,
      eventId: randomUUID(),
      at: this.now().toISOString(),
    });
    await this.dynamo.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...personKeys.securityEvent(entry.personId, entry.at, entry.eventId),
          itemType: 'SecurityEvent',
          ...entry,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return entry;
  }

  /** Newest first, one Query. */
  async list(personId: string, limit: number): Promise<SecurityEvent[]> {
    const result = await this.dynamo.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :prefix AND :prefixEnd',
        ExpressionAttributeValues: {
          ':pk': personKeys.profile(personId).PK,
          ...prefixRange(':prefix', personKeys.securityEventPrefix),
        },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map((item) => SecurityEventSchema.parse(item));
  }
}

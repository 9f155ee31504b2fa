/**
 * The append-only audit log; owns the AuditEvent keys. There is deliberately no update or delete
 * here, and every write is conditional on the item not existing, so an event cannot be overwritten.
 */
import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditKeys } from '../data/keys';
import { decodeCursor, encodeCursor, type Page } from '../data/page-cursor';
import { AuditEventSchema, type AuditActor, type AuditEntry, type AuditEvent } from './audit-event';

export class AuditLog {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Records one event. Callers write it before returning the data it describes. */
  async record(actor: AuditActor, entry: AuditEntry): Promise<AuditEvent> {
    const event = AuditEventSchema.parse({
      eventId: randomUUID(),
      schoolId: actor.schoolId,
      actorPersonId: actor.personId,
      actorName: actor.actorName,
      at: this.now().toISOString(),
      sourceIp: actor.sourceIp,
      userAgent: actor.userAgent.slice(0, 512),
      requestId: actor.requestId,
      ...entry,
    });
    await this.dynamo.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          PK: event.pupilId
            ? auditKeys.pupilPartition(event.schoolId, event.pupilId)
            : auditKeys.schoolPartition(event.schoolId),
          SK: auditKeys.sortKey(event.at, event.eventId),
          GSI2PK: auditKeys.actorPartition(event.schoolId, event.actorPersonId),
          GSI2SK: auditKeys.actorSortKey(event.at, event.eventId),
          itemType: 'AuditEvent',
          ...event,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return event;
  }

  /** A pupil's audit report, newest first, one Query per page. */
  async forPupil(
    schoolId: string,
    pupilId: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<AuditEvent>> {
    const partition = auditKeys.pupilPartition(schoolId, pupilId);
    return this.page(undefined, { PK: partition }, limit, cursor);
  }

  /** Everything one person did in a school, newest first, one Query per page. */
  async forActor(
    schoolId: string,
    personId: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<AuditEvent>> {
    const partition = auditKeys.actorPartition(schoolId, personId);
    return this.page('GSI2', { GSI2PK: partition }, limit, cursor);
  }

  private async page(
    indexName: 'GSI2' | undefined,
    partition: Readonly<Record<string, string>>,
    limit: number,
    cursor: string | undefined,
  ): Promise<Page<AuditEvent>> {
    const [[attribute, value]] = Object.entries(partition) as [[string, string]];
    const result = await this.dynamo.send(
      new QueryCommand({
        TableName: this.tableName,
        ...(indexName ? { IndexName: indexName } : {}),
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': attribute },
        ExpressionAttributeValues: { ':pk': value },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, partition),
      }),
    );
    const nextCursor = encodeCursor(result.LastEvaluatedKey);
    return {
      items: (result.Items ?? []).map((item) => AuditEventSchema.parse(item)),
      ...(nextCursor ? { nextCursor } : {}),
    };
  }
}

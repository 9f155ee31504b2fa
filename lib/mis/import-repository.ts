/**
 * The import log (MisImport), the school's MisState (newest extract, last success, the run lease), the
 * MIS pupil index and the roll changes handed to the transfer detector. Owns the misKeys items.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { batchWriteAll } from '../data/batch-write';
import { misKeys } from '../data/keys';
import { decodeCursor, encodeCursor } from '../data/page-cursor';
import { prefixRange } from '../data/prefix-range';
import { queryPartition } from '../data/school-collection';
import {
  MisImportSchema,
  MisPupilIndexSchema,
  MisStateSchema,
  type MisImport,
  type MisPupilIndex,
  type MisState,
  type RollChanges,
} from './import-record';

/** A first import lists every pupil as newly active; chunks keep each item far below 400 KB. */
const ROLL_CHUNK = 500;

export class MisImportRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Records a pushed extract; a valid one becomes the newest, for the next run to apply. */
  async recordReceived(record: MisImport): Promise<void> {
    const item = {
      ...misKeys.import(record.schoolId, record.importId),
      itemType: 'MisImport',
      ...MisImportSchema.parse(record),
    };
    if (record.status !== 'received') {
      await this.dynamo.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return;
    }
    await this.dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(PK)' } },
          {
            Update: {
              TableName: this.tableName,
              Key: misKeys.state(record.schoolId),
              UpdateExpression:
                'SET newestImportId = :id, newestReceivedAt = :at, schoolId = :school, itemType = :type, version = if_not_exists(version, :zero) + :one',
              ExpressionAttributeValues: {
                ':id': record.importId,
                ':at': record.receivedAt,
                ':school': record.schoolId,
                ':type': 'MisState',
                ':zero': 0,
                ':one': 1,
              },
            },
          },
        ],
      }),
    );
  }

  async get(schoolId: string, importId: string): Promise<MisImport | undefined> {
    const result = await this.dynamo.send(
      new GetCommand({
        TableName: this.tableName,
        Key: misKeys.import(schoolId, importId),
        ConsistentRead: true,
      }),
    );
    return result.Item ? MisImportSchema.parse(result.Item) : undefined;
  }

  /** The import log, newest first: one Query per page. */
  async list(
    schoolId: string,
    limit: number,
    cursor?: string,
  ): Promise<{ items: MisImport[]; nextCursor?: string }> {
    const page = await this.dynamo.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :fromEnd',
        ExpressionAttributeValues: {
          ':pk': misKeys.importsPartition(schoolId),
          ...prefixRange(':from', misKeys.importPrefix),
        },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, { PK: misKeys.importsPartition(schoolId) }),
      }),
    );
    return {
      items: (page.Items ?? []).map((item) => MisImportSchema.parse(item)),
      ...(page.LastEvaluatedKey ? { nextCursor: encodeCursor(page.LastEvaluatedKey) } : {}),
    };
  }

  async state(schoolId: string): Promise<MisState> {
    const result = await this.dynamo.send(
      new GetCommand({ TableName: this.tableName, Key: misKeys.state(schoolId), ConsistentRead: true }),
    );
    return result.Item ? MisStateSchema.parse(result.Item) : { schoolId, version: 0 };
  }

  /**
   * Takes the school's import for one run until `until`: refused while another run holds an unexpired
   * lease, so a nightly run and "run now" never apply at the same time.
   */
  async acquireLease(schoolId: string, importId: string, now: string, until: string): Promise<boolean> {
    try {
      await this.dynamo.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: misKeys.state(schoolId),
          UpdateExpression:
            'SET leaseImportId = :id, leaseUntil = :until, schoolId = :school, itemType = :type, version = if_not_exists(version, :zero) + :one',
          ConditionExpression: 'attribute_not_exists(leaseUntil) OR leaseUntil < :now OR leaseImportId = :id',
          ExpressionAttributeValues: {
            ':id': importId,
            ':until': until,
            ':now': now,
            ':school': schoolId,
            ':type': 'MisState',
            ':zero': 0,
            ':one': 1,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async markApplying(
    schoolId: string,
    importId: string,
    startedAt: string,
    trigger: 'schedule' | 'run-now',
  ): Promise<void> {
    await this.dynamo.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: misKeys.import(schoolId, importId),
        UpdateExpression:
          'SET #status = :applying, startedAt = :at, #trigger = :trigger, version = version + :one',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#status': 'status', '#trigger': 'trigger' },
        ExpressionAttributeValues: {
          ':applying': 'applying',
          ':at': startedAt,
          ':trigger': trigger,
          ':one': 1,
        },
      }),
    );
  }

  /** The import applied: its counts and problems, the state's last success, the lease released. */
  async finish(done: MisImport, state: { appliedAt: string }): Promise<void> {
    const item = {
      ...misKeys.import(done.schoolId, done.importId),
      itemType: 'MisImport',
      ...MisImportSchema.parse(done),
    };
    await this.dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.tableName, Item: item } },
          {
            Update: {
              TableName: this.tableName,
              Key: misKeys.state(done.schoolId),
              UpdateExpression:
                'SET appliedImportId = :id, lastSuccessAt = :at, version = version + :one REMOVE leaseImportId, leaseUntil',
              ExpressionAttributeValues: { ':id': done.importId, ':at': state.appliedAt, ':one': 1 },
            },
          },
        ],
      }),
    );
  }

  /** Applying failed: said on the import and the state (the health light), and the lease released. */
  async fail(schoolId: string, importId: string, failure: string, at: string): Promise<void> {
    await this.dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: misKeys.import(schoolId, importId),
              UpdateExpression:
                'SET #status = :failed, failure = :failure, finishedAt = :at, version = version + :one',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':failed': 'failed', ':failure': failure, ':at': at, ':one': 1 },
            },
          },
          {
            Update: {
              TableName: this.tableName,
              Key: misKeys.state(schoolId),
              UpdateExpression:
                'SET lastFailureAt = :at, version = version + :one REMOVE leaseImportId, leaseUntil',
              ExpressionAttributeValues: { ':at': at, ':one': 1 },
            },
          },
        ],
      }),
    );
  }

  async markNightlyScheduled(schoolId: string, at: string): Promise<void> {
    await this.dynamo.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: misKeys.state(schoolId),
        UpdateExpression: 'SET nightlyScheduledAt = :at, version = if_not_exists(version, :zero) + :one',
        ExpressionAttributeValues: { ':at': at, ':zero': 0, ':one': 1 },
      }),
    );
  }

  /**
   * Stores the admin's nightly import time. `scheduledAt` is set when the schedule itself was made or
   * moved by the caller, so a first extract does not remake it at the default time.
   */
  async setNightlyAt(schoolId: string, time: string, scheduledAt: string): Promise<void> {
    await this.dynamo.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: misKeys.state(schoolId),
        UpdateExpression:
          'SET nightlyAt = :time, nightlyScheduledAt = :at, schoolId = :school, itemType = :type, version = if_not_exists(version, :zero) + :one',
        // The state may not exist yet: an admin can set the time before the first extract arrives.
        ExpressionAttributeValues: {
          ':time': time,
          ':at': scheduledAt,
          ':school': schoolId,
          ':type': 'MisState',
          ':zero': 0,
          ':one': 1,
        },
      }),
    );
  }

  /** Extracts received before `importId` and never applied: marked superseded, so the log says why. */
  async supersedeOlder(schoolId: string, importId: string, at: string): Promise<void> {
    const older = await this.dynamo.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        FilterExpression: '#status = :received',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':pk': misKeys.importsPartition(schoolId),
          ':from': misKeys.importPrefix,
          ':to': misKeys.import(schoolId, importId).SK,
          ':received': 'received',
        },
      }),
    );
    for (const item of older.Items ?? []) {
      const record = MisImportSchema.parse(item);
      if (record.importId === importId) continue;
      await this.dynamo
        .send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: misKeys.import(schoolId, record.importId),
            UpdateExpression: 'SET #status = :superseded, finishedAt = :at, version = version + :one',
            ConditionExpression: '#status = :received',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':superseded': 'superseded',
              ':received': 'received',
              ':at': at,
              ':one': 1,
            },
          }),
        )
        .catch((error: unknown) => {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        });
    }
  }

  /** Every MIS pupil of the school with what was last applied: one Query (paged). */
  async pupilIndex(schoolId: string): Promise<Map<string, MisPupilIndex>> {
    const entries = await queryPartition(
      this.dynamo,
      this.tableName,
      misKeys.pupilsPartition(schoolId),
      MisPupilIndexSchema,
    );
    return new Map(entries.map((entry) => [entry.misKey, entry]));
  }

  /**
   * Stores who left and who joined the roll, pending for the transfer detector (GSI1), in chunks.
   * Puts with fixed keys: a retried import writes the same items again, never a second copy.
   */
  async recordRollChanges(changes: RollChanges): Promise<number> {
    const total = Math.max(changes.archived.length, changes.activated.length);
    if (total === 0) return 0;
    const items: Record<string, unknown>[] = [];
    for (let start = 0, chunk = 0; start < total; start += ROLL_CHUNK, chunk += 1) {
      items.push({
        ...misKeys.rollChange(changes.schoolId, changes.importId, chunk),
        itemType: 'MisRollChanges',
        GSI1PK: misKeys.pendingRollChangesPartition,
        GSI1SK: `${changes.at}#${changes.schoolId}#${changes.importId}#${chunk}`,
        ...changes,
        archived: changes.archived.slice(start, start + ROLL_CHUNK),
        activated: changes.activated.slice(start, start + ROLL_CHUNK),
      });
    }
    await batchWriteAll(
      this.dynamo,
      this.tableName,
      items.map((Item) => ({ PutRequest: { Item } })),
    );
    return items.length;
  }
}

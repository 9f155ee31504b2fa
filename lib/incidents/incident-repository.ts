/**
 * Reads incidents, actions and pupils' copies, and hands out incident numbers; owns the Incident,
 * IncidentNumber, IncidentCounter, Action and Chronology keys. Writes are TransactWrite items built by
 * incident-items.ts and written together by the services, so a record and everything that hangs off it
 * land at once or not at all.
 */
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { chronologyKeys, incidentKeys, pupilKeys } from '../data/keys';
import { decodeCursor, encodeCursor } from '../data/page-cursor';
import {
  CHRONOLOGY_ACTION,
  CHRONOLOGY_INCIDENT,
  ChronologyActionSchema,
  ChronologyIncidentSchema,
  type ChronologyAction,
  type ChronologyIncident,
} from './chronology-entry';
import { ActionSchema, IncidentSchema, type Action, type Incident } from './incident';
import { CHRONOLOGY_PIN, PinRecordSchema, type PinRecord } from './edit-items';
import type { Fingerprinted } from './incident-items';
import { prefixRange } from '../data/prefix-range';

export type Stored<T> = T & Fingerprinted;

/** One item of a pupil's chronology, in the order the Query returned it. */
export type ChronologyItem =
  | { readonly kind: 'incident'; readonly entry: ChronologyIncident }
  | { readonly kind: 'action'; readonly entry: ChronologyAction }
  /** A pin (REC-6): sorts above every dated entry, so a first page meets the pupil's pins first. */
  | { readonly kind: 'pin'; readonly entry: PinRecord };

export interface ChronologySlice {
  readonly items: ChronologyItem[];
  /** The key after which the Query stopped, when there is more. */
  readonly lastKey?: Record<string, unknown>;
}

/** An incident's partition by item type (REC-6 history). */
export interface IncidentPartition {
  readonly incident?: Incident;
  readonly versions: Incident[];
  readonly actions: Action[];
  readonly actionVersions: Action[];
}

const INCIDENT_ITEM = 'Incident';
const ACTION_ITEM = 'Action';

/** What the pupil overview counts: only these attributes are returned (not the text). */
export interface OverviewEntry {
  readonly occurredAt: string;
  readonly categoryIds: readonly string[];
  readonly deleted: boolean;
}

function fingerprintOf(item: Record<string, unknown>): string {
  return typeof item.requestHash === 'string' ? item.requestHash : '';
}

export class IncidentRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getIncident(schoolId: string, incidentId: string): Promise<Stored<Incident> | undefined> {
    const result = await this.dynamo.send(
      new GetCommand({
        TableName: this.tableName,
        Key: incidentKeys.incident(schoolId, incidentId),
        ConsistentRead: true,
      }),
    );
    if (!result.Item) return undefined;
    return { ...IncidentSchema.parse(result.Item), requestHash: fingerprintOf(result.Item) };
  }

  async getAction(
    schoolId: string,
    incidentId: string,
    actionId: string,
  ): Promise<Stored<Action> | undefined> {
    const result = await this.dynamo.send(
      new GetCommand({
        TableName: this.tableName,
        Key: incidentKeys.action(schoolId, incidentId, actionId),
        ConsistentRead: true,
      }),
    );
    if (!result.Item) return undefined;
    return { ...ActionSchema.parse(result.Item), requestHash: fingerprintOf(result.Item) };
  }

  /** Every action of an incident, current versions only (earlier versions are skipped): one Query. */
  async actionsOf(schoolId: string, incidentId: string): Promise<Stored<Action>[]> {
    const actions: Stored<Action>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.dynamo.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :action AND :actionEnd',
          ExpressionAttributeValues: {
            ':pk': incidentKeys.partition(schoolId, incidentId),
            ...prefixRange(':action', incidentKeys.actionPrefix),
          },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        if (item.itemType === 'Action') {
          actions.push({ ...ActionSchema.parse(item), requestHash: fingerprintOf(item) });
        }
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return actions;
  }

  /** The incident a school's number names (merging asks for the other incident by its number). */
  async incidentIdByNumber(schoolId: string, incidentNumber: number): Promise<string | undefined> {
    const result = await this.dynamo.send(
      new GetCommand({
        TableName: this.tableName,
        Key: incidentKeys.number(schoolId, incidentNumber),
        ConsistentRead: true,
      }),
    );
    const incidentId: unknown = result.Item?.incidentId;
    return typeof incidentId === 'string' ? incidentId : undefined;
  }

  /**
   * Everything in an incident's partition (REC-6 history): the Incident, its IncidentVersion items, its
   * Actions and their ActionVersion items, each in SK order (versions oldest first). One Query, paged.
   */
  async history(schoolId: string, incidentId: string): Promise<IncidentPartition> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.dynamo.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': incidentKeys.partition(schoolId, incidentId) },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    const ofType = (type: string) => items.filter((item) => item.itemType === type);
    const current = ofType(INCIDENT_ITEM).at(0);
    return {
      ...(current ? { incident: IncidentSchema.parse(current) } : {}),
      versions: ofType('IncidentVersion').map((item) => IncidentSchema.parse(item)),
      actions: ofType(ACTION_ITEM).map((item) => ActionSchema.parse(item)),
      actionVersions: ofType('ActionVersion').map((item) => ActionSchema.parse(item)),
    };
  }

  /** The school's next incident number: an atomic counter, so two incidents never share one. */
  async nextNumber(schoolId: string): Promise<number> {
    const result = await this.dynamo.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: incidentKeys.counter(schoolId),
        UpdateExpression: 'ADD #value :one SET itemType = :type',
        ExpressionAttributeNames: { '#value': 'value' },
        ExpressionAttributeValues: { ':one': 1, ':type': 'IncidentCounter' },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const value: unknown = result.Attributes?.value;
    if (typeof value !== 'number') throw new Error('The incident counter did not return a number');
    return value;
  }

  /** One pupil's copy of an incident with the actions on it: one Query of the pupil's partition. */
  async copyWithActions(
    schoolId: string,
    pupilId: string,
    incident: Pick<Incident, 'incidentId' | 'occurredAt'>,
  ): Promise<{ copy: ChronologyIncident; actions: ChronologyAction[] } | undefined> {
    const key = chronologyKeys.incident(schoolId, pupilId, incident.occurredAt, incident.incidentId);
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.dynamo.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :entry AND :entryEnd',
          ExpressionAttributeValues: { ':pk': key.PK, ...prefixRange(':entry', key.SK) },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    const copyItem = items.find((item) => item.itemType === CHRONOLOGY_INCIDENT);
    if (!copyItem) return undefined;
    return {
      copy: ChronologyIncidentSchema.parse(copyItem),
      actions: items
        .filter((item) => item.itemType === CHRONOLOGY_ACTION)
        .map((item) => ChronologyActionSchema.parse(item)),
    };
  }

  /**
   * A slice of a pupil's chronology, newest first: incidents with their actions beside them (each
   * incident's actions sort just above it, so descending they come before it). One Query of at most
   * `limit` items (or one 1 MB page without a limit).
   */
  async chronologySlice(
    schoolId: string,
    pupilId: string,
    limit: number,
    cursor: string | undefined,
  ): Promise<ChronologySlice> {
    const partition = pupilKeys.partition(schoolId, pupilId);
    const result = await this.dynamo.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :entry AND :entryEnd',
        ExpressionAttributeValues: { ':pk': partition, ...prefixRange(':entry', chronologyKeys.prefix) },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, { PK: partition }),
      }),
    );
    const items = (result.Items ?? []).flatMap((item): ChronologyItem[] => {
      if (item.itemType === CHRONOLOGY_INCIDENT) {
        return [{ kind: 'incident', entry: ChronologyIncidentSchema.parse(item) }];
      }
      if (item.itemType === CHRONOLOGY_ACTION) {
        return [{ kind: 'action', entry: ChronologyActionSchema.parse(item) }];
      }
      if (item.itemType === CHRONOLOGY_PIN) return [{ kind: 'pin', entry: PinRecordSchema.parse(item) }];
      return [];
    });
    return { items, ...(result.LastEvaluatedKey ? { lastKey: result.LastEvaluatedKey } : {}) };
  }

  /** The cursor that continues a chronology after the copy of this incident. */
  chronologyCursor(copy: ChronologyIncident): string {
    const cursor = encodeCursor({
      ...chronologyKeys.incident(copy.schoolId, copy.pupilId, copy.occurredAt, copy.incidentId),
    });
    if (!cursor) throw new Error('A chronology key always encodes');
    return cursor;
  }

  /**
   * Every incident copy of a pupil, reduced to when and in which categories: the same partition Query
   * as the chronology, with a projection, paged until done.
   */
  async overviewEntries(schoolId: string, pupilId: string): Promise<OverviewEntry[]> {
    const entries: OverviewEntry[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.dynamo.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :entry AND :entryEnd',
          ProjectionExpression: 'itemType, occurredAt, categoryIds, deleted',
          ExpressionAttributeValues: {
            ':pk': pupilKeys.partition(schoolId, pupilId),
            ...prefixRange(':entry', chronologyKeys.prefix),
          },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        if (item.itemType !== CHRONOLOGY_INCIDENT) continue;
        entries.push({
          occurredAt: String(item.occurredAt),
          categoryIds: Array.isArray(item.categoryIds) ? item.categoryIds.map(String) : [],
          deleted: item.deleted !== undefined,
        });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return entries;
  }
}

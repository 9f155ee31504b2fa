/**
 * Keeping or discarding what was recorded in training mode (REC-11), one incident at a time.
 *
 * Every item an incident owns is found from its own partition (one Query: the Incident, its earlier
 * versions, its actions and their versions), because each of those names the keys of the rest: each
 * pupil's copy (at every occurredAt a version had), each action's copies, the category uses, the
 * number, the dashboard entries (alerts, assignment, the recorders' history), the alert outbox, the
 * pins on pupils' chronologies, and the attached vault documents. Those are deleted in transactions of at most 100 items, and the
 * Incident item with the training entries goes in the LAST one: until then a repeat (a retry, or the
 * next request after a timeout) finds the incident still there and deletes the same keys again, which
 * is harmless, so a big school's discard is resumable and idempotent.
 *
 * Left alone on purpose: monitoring a training incident started (a pupil may be monitored for real
 * reasons too, and an admin can stop it on the pupil page), and copies of attachments shared to linked
 * pupils (they are ordinary vault documents by then).
 *
 * Keeping clears the training flag on the Incident, every current copy, and the training actions and
 * their copies; earlier versions keep the flag as history.
 */
import { QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  alertOutboxKeys,
  categoryKeys,
  chronologyKeys,
  dashboardKeys,
  documentKeys,
  incidentKeys,
  trainingKeys,
  type TableKey,
} from '../data/keys';
import { ActionSchema, IncidentSchema, type Action, type Incident } from '../incidents/incident';
import { MAX_TRANSACTION_ITEMS, type TransactWriteItem } from '../pupils/transact-write-item';
import { TrainingEntrySchema, type TrainingEntry } from './training-entry';

interface IncidentPartition {
  /** Undefined once the incident is gone (discarded before, or never there). */
  readonly incident?: Incident;
  readonly versions: Incident[];
  readonly actions: Action[];
  readonly keys: TableKey[];
}

function keyString(key: TableKey): string {
  return `${key.PK}\u0000${key.SK}`;
}

function unique(keys: readonly TableKey[]): TableKey[] {
  const seen = new Map<string, TableKey>();
  for (const key of keys) seen.set(keyString(key), key);
  return [...seen.values()];
}

export class TrainingRecords {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The review list: one Query of the school's TRAINING partition, incidents each followed by actions. */
  async entries(schoolId: string): Promise<TrainingEntry[]> {
    const entries: TrainingEntry[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.dynamo.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': trainingKeys.partition(schoolId) },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      entries.push(...(page.Items ?? []).map((item) => TrainingEntrySchema.parse(item)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return entries;
  }

  private async partition(schoolId: string, incidentId: string): Promise<IncidentPartition> {
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
    const incident = ofType('Incident')[0];
    return {
      ...(incident ? { incident: IncidentSchema.parse(incident) } : {}),
      versions: ofType('IncidentVersion').map((item) => IncidentSchema.parse(item)),
      actions: ofType('Action').map((item) => ActionSchema.parse(item)),
      keys: items.map((item) => ({ PK: String(item.PK), SK: String(item.SK) })),
    };
  }

  private async deleteAll(keys: readonly TableKey[], last: readonly TableKey[]): Promise<void> {
    const first = unique(keys).filter((key) => !last.some((other) => keyString(other) === keyString(key)));
    const finalKeys = unique(last);
    // The final transaction holds `last`; anything that does not fit beside it goes before.
    const room = MAX_TRANSACTION_ITEMS - finalKeys.length;
    const before = first.slice(0, Math.max(0, first.length - room));
    const withFinal = first.slice(before.length);
    const chunks: TableKey[][] = [];
    for (let index = 0; index < before.length; index += MAX_TRANSACTION_ITEMS) {
      chunks.push(before.slice(index, index + MAX_TRANSACTION_ITEMS));
    }
    chunks.push([...withFinal, ...finalKeys]);
    for (const chunk of chunks) {
      if (chunk.length === 0) continue;
      await this.dynamo.send(
        new TransactWriteCommand({
          TransactItems: chunk.map((Key) => ({ Delete: { TableName: this.tableName, Key } })),
        }),
      );
    }
  }

  private async transact(items: readonly TransactWriteItem[]): Promise<void> {
    for (let index = 0; index < items.length; index += MAX_TRANSACTION_ITEMS) {
      await this.dynamo.send(
        new TransactWriteCommand({ TransactItems: items.slice(index, index + MAX_TRANSACTION_ITEMS) }),
      );
    }
  }

  /** Keys outside the incident partition that belong to these actions of the incident. */
  private actionOutsideKeys(schoolId: string, incident: Incident, actions: readonly Action[]): TableKey[] {
    const { incidentId } = incident;
    return actions.flatMap((action) => [
      ...action.pupilIds.map((pupilId) =>
        chronologyKeys.action(
          schoolId,
          pupilId,
          incident.occurredAt,
          incidentId,
          action.occurredAt,
          action.actionId,
        ),
      ),
      dashboardKeys.history(schoolId, action.recordedBy.personId, action.recordedAt, action.actionId),
      alertOutboxKeys.item(schoolId, incidentId, { kind: 'action', actionId: action.actionId }),
      // The file lives in the vault of the pupil it was added from, one of these.
      ...action.documentIds.flatMap((documentId) =>
        action.pupilIds.map((pupilId) => documentKeys.document(schoolId, pupilId, documentId)),
      ),
    ]);
  }

  /** Every key the whole incident owns outside its partition. */
  private incidentOutsideKeys(schoolId: string, incident: Incident, found: IncidentPartition): TableKey[] {
    const everyVersion = [incident, ...found.versions];
    const incidentId = incident.incidentId;
    const copies = everyVersion.flatMap((version) =>
      version.pupils.map((pupil) =>
        chronologyKeys.incident(schoolId, pupil.pupilId, version.occurredAt, incidentId),
      ),
    );
    const categories = new Set([
      ...everyVersion.flatMap((version) => version.pupils.flatMap((pupil) => pupil.categoryIds)),
      ...found.actions.flatMap((action) => action.categoryIds),
    ]);
    const alerted = new Set(everyVersion.flatMap((version) => version.alertedPersonIds));
    const assignees = new Set(everyVersion.flatMap((version) => version.assignedTo?.personId ?? []));
    // A pin (REC-6) on any pupil's chronology; deleting one that was never made is harmless.
    const pins = [
      ...new Set(everyVersion.flatMap((version) => version.pupils.map((pupil) => pupil.pupilId))),
    ].map((pupilId) => chronologyKeys.pin(schoolId, pupilId, incidentId));
    return [
      ...copies,
      ...pins,
      ...[...categories].map((categoryId) => categoryKeys.use(schoolId, categoryId, incidentId)),
      incidentKeys.number(schoolId, incident.number),
      ...[...alerted].map((personId) => dashboardKeys.alert(schoolId, personId, incidentId)),
      ...[...assignees].map((personId) => dashboardKeys.assigned(schoolId, personId, incidentId)),
      dashboardKeys.history(schoolId, incident.recordedBy.personId, incident.recordedAt, incidentId),
      alertOutboxKeys.item(schoolId, incidentId, { kind: 'incident' }),
      ...incident.documentIds.map((documentId) =>
        documentKeys.document(schoolId, incident.pupilId, documentId),
      ),
      ...this.actionOutsideKeys(schoolId, incident, found.actions),
    ];
  }

  /**
   * Discards a training incident with everything it owns, or (when the incident itself was ordinary)
   * only the training actions on it. Safe to repeat.
   */
  async discard(schoolId: string, incidentId: string, entries: readonly TrainingEntry[]): Promise<void> {
    const entryKeys = entries.map((entry) => trainingKeys.entry(schoolId, entry.incidentId, entry.actionId));
    const found = await this.partition(schoolId, incidentId);
    if (!found.incident) {
      await this.deleteAll([], entryKeys);
      return;
    }
    if (found.incident.training) {
      await this.deleteAll(
        [...this.incidentOutsideKeys(schoolId, found.incident, found), ...found.keys],
        [incidentKeys.incident(schoolId, incidentId), ...entryKeys],
      );
      return;
    }
    const actionIds = new Set(entries.flatMap((entry) => entry.actionId ?? []));
    const actions = found.actions.filter((action) => actionIds.has(action.actionId) && action.training);
    const partitionKeys = found.keys.filter((key) =>
      [...actionIds].some(
        (actionId) => key.SK === `ACTION#${actionId}` || key.SK.startsWith(`ACTION#${actionId}#`),
      ),
    );
    await this.deleteAll(
      [...this.actionOutsideKeys(schoolId, found.incident, actions), ...partitionKeys],
      entryKeys,
    );
  }

  /** Keeps the records as ordinary ones: clears their training flag and deletes the entries. Safe to repeat. */
  async keep(schoolId: string, incidentId: string, entries: readonly TrainingEntry[]): Promise<void> {
    const entryKeys = entries.map((entry) => trainingKeys.entry(schoolId, entry.incidentId, entry.actionId));
    const found = await this.partition(schoolId, incidentId);
    const incident = found.incident;
    const ordinary = (Key: TableKey): TransactWriteItem => ({
      Update: {
        TableName: this.tableName,
        Key,
        UpdateExpression: 'SET training = :no',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':no': false },
      },
    });
    const updates: TableKey[] = [];
    if (incident?.training) {
      updates.push(
        incidentKeys.incident(schoolId, incidentId),
        ...incident.pupils.map((pupil) =>
          chronologyKeys.incident(schoolId, pupil.pupilId, incident.occurredAt, incidentId),
        ),
      );
    }
    if (incident) {
      for (const action of found.actions.filter((candidate) => candidate.training)) {
        updates.push(
          incidentKeys.action(schoolId, incidentId, action.actionId),
          ...action.pupilIds.map((pupilId) =>
            chronologyKeys.action(
              schoolId,
              pupilId,
              incident.occurredAt,
              incidentId,
              action.occurredAt,
              action.actionId,
            ),
          ),
        );
      }
    }
    // The flag updates first, the entries' deletes last: a repeat finds the entries and does it again.
    await this.transact(unique(updates).map(ordinary));
    await this.deleteAll([], entryKeys);
  }
}

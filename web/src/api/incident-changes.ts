/**
 * Changing incidents and actions (REC-6, lib/incidents/incident-edit-api.ts): edit, delete, restore,
 * history, pin, merge and split. Every change sends the version it was made against and a reason.
 */
import { getParsed, sendParsed, type ApiResult } from './api-result';
import { parseDeletionMarker, type DeletionMarker, type IncidentStatus, type StaffRef } from './incidents';
import { listOf, positiveInteger } from './json-readers';
import { isNonEmptyString, isRecord } from './json-shapes';

/** One version of an incident or action as the history lists it. */
export interface RecordVersion {
  version: number;
  text: string;
  occurredAt: string;
  updatedAt: string;
  updatedBy: StaffRef;
  changeReason?: string;
  status?: IncidentStatus;
  deleted?: DeletionMarker;
  mergedInto?: string;
  splitInto?: string;
}

export interface IncidentHistory {
  incident: RecordVersion & { number: number };
  versions: RecordVersion[];
  actions: { action: RecordVersion & { actionId: string }; versions: RecordVersion[] }[];
}

export interface IncidentChange {
  version: number;
  reason: string;
}

export interface IncidentEdit extends IncidentChange {
  text?: string;
  occurredAt?: string;
  status?: IncidentStatus;
}

export interface MergePreview {
  merged: boolean;
  into: { incidentId: string; number: number; text: string; occurredAt: string; recordedBy: StaffRef };
}

function parseStaff(value: unknown): StaffRef | undefined {
  if (!isRecord(value)) return undefined;
  return isNonEmptyString(value.personId) && typeof value.name === 'string'
    ? { personId: value.personId, name: value.name }
    : undefined;
}

function parseVersion(value: unknown): RecordVersion | undefined {
  if (!isRecord(value)) return undefined;
  const version = positiveInteger(value.version);
  const updatedBy = parseStaff(value.updatedBy);
  const { text, occurredAt, updatedAt, changeReason, status, mergedInto, splitInto } = value;
  const deleted = value.deleted === undefined ? undefined : parseDeletionMarker(value.deleted);
  if (
    version === undefined ||
    !updatedBy ||
    typeof text !== 'string' ||
    !isNonEmptyString(occurredAt) ||
    !isNonEmptyString(updatedAt)
  ) {
    return undefined;
  }
  return {
    version,
    text,
    occurredAt,
    updatedAt,
    updatedBy,
    ...(typeof changeReason === 'string' ? { changeReason } : {}),
    ...(status === 'active' || status === 'closed' ? { status } : {}),
    ...(deleted ? { deleted } : {}),
    ...(typeof mergedInto === 'string' ? { mergedInto } : {}),
    ...(typeof splitInto === 'string' ? { splitInto } : {}),
  };
}

function parseHistory(body: unknown): IncidentHistory | undefined {
  if (!isRecord(body)) return undefined;
  const incident = parseVersion(body.incident);
  const number = isRecord(body.incident) ? positiveInteger(body.incident.number) : undefined;
  const versions = listOf(body.versions, parseVersion);
  const actions = listOf(body.actions, (row) => {
    if (!isRecord(row)) return undefined;
    const action = parseVersion(row.action);
    const actionId = isRecord(row.action) ? row.action.actionId : undefined;
    const earlier = listOf(row.versions, parseVersion);
    return action && isNonEmptyString(actionId) && earlier
      ? { action: { ...action, actionId }, versions: earlier }
      : undefined;
  });
  return incident && number !== undefined && versions && actions
    ? { incident: { ...incident, number }, versions, actions }
    : undefined;
}

/** Any answer that is a record: the page reloads the incident after a change rather than trusting it. */
function acknowledged(body: unknown): true | undefined {
  return isRecord(body) ? true : undefined;
}

const incidentPath = (incidentId: string): `/api/${string}` =>
  `/api/incidents/${encodeURIComponent(incidentId)}`;
const actionPath = (incidentId: string, actionId: string): `/api/${string}` =>
  `${incidentPath(incidentId)}/actions/${encodeURIComponent(actionId)}`;

export function editIncident(incidentId: string, edit: IncidentEdit): Promise<ApiResult<true>> {
  return sendParsed(incidentPath(incidentId), 'PATCH', edit, acknowledged, 'changed incident');
}

export function deleteIncident(incidentId: string, change: IncidentChange): Promise<ApiResult<true>> {
  return sendParsed(`${incidentPath(incidentId)}/delete`, 'POST', change, acknowledged, 'deleted incident');
}

export function restoreIncident(incidentId: string, change: IncidentChange): Promise<ApiResult<true>> {
  return sendParsed(`${incidentPath(incidentId)}/restore`, 'POST', change, acknowledged, 'restored incident');
}

export function getIncidentHistory(
  incidentId: string,
  signal?: AbortSignal,
): Promise<ApiResult<IncidentHistory>> {
  return getParsed(`${incidentPath(incidentId)}/history`, parseHistory, 'incident history', signal);
}

export function pinIncident(incidentId: string, pupilId: string, pinned: boolean): Promise<ApiResult<true>> {
  return sendParsed(`${incidentPath(incidentId)}/pin`, 'POST', { pupilId, pinned }, acknowledged, 'pin');
}

export function mergeIncident(
  incidentId: string,
  request: IncidentChange & { intoNumber: number; confirm: boolean },
): Promise<ApiResult<MergePreview>> {
  return sendParsed(
    `${incidentPath(incidentId)}/merge`,
    'POST',
    request,
    (body) => {
      if (!isRecord(body) || typeof body.merged !== 'boolean' || !isRecord(body.into)) return undefined;
      const { incidentId: intoId, text, occurredAt } = body.into;
      const number = positiveInteger(body.into.number);
      const recordedBy = parseStaff(body.into.recordedBy);
      return isNonEmptyString(intoId) &&
        typeof text === 'string' &&
        isNonEmptyString(occurredAt) &&
        number &&
        recordedBy
        ? { merged: body.merged, into: { incidentId: intoId, number, text, occurredAt, recordedBy } }
        : undefined;
    },
    'merge',
  );
}

/** What an action edit sends (lib/incidents/incident-changes.ts ActionEdit): only what changed. */
export interface ActionEdit extends IncidentChange {
  text?: string;
  occurredAt?: string;
}

/** Edits an action against the version read, with a reason; the earlier version is kept. */
export function editAction(incidentId: string, actionId: string, edit: ActionEdit): Promise<ApiResult<true>> {
  return sendParsed(actionPath(incidentId, actionId), 'PATCH', edit, acknowledged, 'changed action');
}

export function deleteAction(
  incidentId: string,
  actionId: string,
  change: IncidentChange,
): Promise<ApiResult<true>> {
  return sendParsed(
    `${actionPath(incidentId, actionId)}/delete`,
    'POST',
    change,
    acknowledged,
    'deleted action',
  );
}

export function restoreAction(
  incidentId: string,
  actionId: string,
  change: IncidentChange,
): Promise<ApiResult<true>> {
  return sendParsed(
    `${actionPath(incidentId, actionId)}/restore`,
    'POST',
    change,
    acknowledged,
    'restored action',
  );
}

export function splitAction(
  incidentId: string,
  actionId: string,
  split: IncidentChange & { incidentId: string },
): Promise<ApiResult<{ incidentId: string; number: number; pupilId: string }>> {
  return sendParsed(
    `${actionPath(incidentId, actionId)}/split`,
    'POST',
    split,
    (body) => {
      if (!isRecord(body)) return undefined;
      const number = positiveInteger(body.number);
      return isNonEmptyString(body.incidentId) && isNonEmptyString(body.pupilId) && number
        ? { incidentId: body.incidentId, number, pupilId: body.pupilId }
        : undefined;
    },
    'new incident',
  );
}

/** Admin > Alert groups against /api/admin/alert-groups (lib/access/alert-group.ts AlertGroup). */
import { getParsed, sendParsed, sendWithoutAnswer, type ApiResult } from './api-result';
import { itemsOf, positiveInteger, stringArray } from './json-readers';
import { isNonEmptyString, isRecord } from './json-shapes';

export interface AlertGroupInput {
  name: string;
  personIds: string[];
}

export interface AlertGroup extends AlertGroupInput {
  alertGroupId: string;
  version: number;
}

function parseAlertGroup(value: unknown): AlertGroup | undefined {
  if (!isRecord(value)) return undefined;
  const { alertGroupId, name } = value;
  const personIds = stringArray(value.personIds);
  const version = positiveInteger(value.version);
  if (!isNonEmptyString(alertGroupId) || typeof name !== 'string' || !personIds || version === undefined) {
    return undefined;
  }
  return { alertGroupId, name, personIds, version };
}

function alertGroupPath(alertGroupId: string): `/api/${string}` {
  return `/api/admin/alert-groups/${encodeURIComponent(alertGroupId)}`;
}

export function listAlertGroups(signal?: AbortSignal): Promise<ApiResult<AlertGroup[]>> {
  return getParsed(
    '/api/admin/alert-groups',
    (body) => itemsOf(body, parseAlertGroup),
    'list of alert groups',
    signal,
  );
}

export function createAlertGroup(input: AlertGroupInput): Promise<ApiResult<AlertGroup>> {
  return sendParsed('/api/admin/alert-groups', 'POST', input, parseAlertGroup, 'new alert group');
}

export function updateAlertGroup(
  alertGroupId: string,
  input: AlertGroupInput,
  version: number,
): Promise<ApiResult<AlertGroup>> {
  return sendParsed(
    alertGroupPath(alertGroupId),
    'PUT',
    { ...input, version },
    parseAlertGroup,
    'changed alert group',
  );
}

export function deleteAlertGroup(alertGroupId: string): Promise<ApiResult<true>> {
  return sendWithoutAnswer(alertGroupPath(alertGroupId), 'DELETE');
}

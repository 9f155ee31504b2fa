/** Agencies against /api/agencies (any member of staff) and /api/admin/agencies (Admin > Agencies). */
import { getParsed, sendParsed, type ApiResult } from './api-result';
import { itemsOf, positiveInteger } from './json-readers';
import { isNonEmptyString, isRecord } from './json-shapes';

export interface Agency {
  agencyId: string;
  name: string;
  /** No longer offered for new incidents and actions; past ones still name it. */
  disabled: boolean;
  version: number;
}

function parseAgency(value: unknown): Agency | undefined {
  if (!isRecord(value)) return undefined;
  const { agencyId, name, disabled } = value;
  const version = positiveInteger(value.version);
  if (!isNonEmptyString(agencyId) || typeof name !== 'string' || typeof disabled !== 'boolean') {
    return undefined;
  }
  return version === undefined ? undefined : { agencyId, name, disabled, version };
}

function agencyPath(agencyId: string, action?: 'disable' | 'enable'): `/api/${string}` {
  return `/api/admin/agencies/${encodeURIComponent(agencyId)}${action ? `/${action}` : ''}`;
}

/** Every agency by name, disabled ones included. */
export function listAgencies(signal?: AbortSignal): Promise<ApiResult<Agency[]>> {
  return getParsed('/api/agencies', (body) => itemsOf(body, parseAgency), 'list of agencies', signal);
}

export function createAgency(name: string): Promise<ApiResult<Agency>> {
  return sendParsed('/api/admin/agencies', 'POST', { name }, parseAgency, 'new agency');
}

/** `version` is the one read, so a change made meanwhile is refused (409). */
export function renameAgency(agencyId: string, name: string, version: number): Promise<ApiResult<Agency>> {
  return sendParsed(agencyPath(agencyId), 'PATCH', { name, version }, parseAgency, 'renamed agency');
}

export function disableAgency(agencyId: string): Promise<ApiResult<Agency>> {
  return sendParsed(agencyPath(agencyId, 'disable'), 'POST', undefined, parseAgency, 'agency');
}

export function enableAgency(agencyId: string): Promise<ApiResult<Agency>> {
  return sendParsed(agencyPath(agencyId, 'enable'), 'POST', undefined, parseAgency, 'agency');
}

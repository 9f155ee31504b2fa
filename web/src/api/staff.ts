/** The staff directory for the incident and action forms (GET /api/staff, lib/staff/staff-api.ts). */
import { getParsed, type ApiResult } from './api-result';
import { listOf, wholeNumber } from './json-readers';
import { isNonEmptyString, isRecord } from './json-shapes';

export interface StaffMember {
  personId: string;
  displayName: string;
  /** Only key holders can be assigned an incident. */
  hasKey: boolean;
}

export interface AlertGroupChoice {
  alertGroupId: string;
  name: string;
  memberCount: number;
}

export interface StaffDirectory {
  members: StaffMember[];
  alertGroups: AlertGroupChoice[];
  /** The school requires every new incident to alert someone. */
  requireAlert: boolean;
}

function parseMember(value: unknown): StaffMember | undefined {
  if (!isRecord(value)) return undefined;
  const { personId, displayName, hasKey } = value;
  return isNonEmptyString(personId) && typeof displayName === 'string' && typeof hasKey === 'boolean'
    ? { personId, displayName, hasKey }
    : undefined;
}

function parseGroup(value: unknown): AlertGroupChoice | undefined {
  if (!isRecord(value)) return undefined;
  const { alertGroupId, name } = value;
  const memberCount = wholeNumber(value.memberCount);
  return isNonEmptyString(alertGroupId) && typeof name === 'string' && memberCount !== undefined
    ? { alertGroupId, name, memberCount }
    : undefined;
}

function parseDirectory(body: unknown): StaffDirectory | undefined {
  if (!isRecord(body)) return undefined;
  const members = listOf(body.members, parseMember);
  const alertGroups = listOf(body.alertGroups, parseGroup);
  const { requireAlert } = body;
  return members && alertGroups && typeof requireAlert === 'boolean'
    ? { members, alertGroups, requireAlert }
    : undefined;
}

export function getStaffDirectory(signal?: AbortSignal): Promise<ApiResult<StaffDirectory>> {
  return getParsed('/api/staff', parseDirectory, 'staff list', signal);
}

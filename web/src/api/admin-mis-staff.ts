/**
 * Admin > Users > Add a user, "From the MIS", against /api/admin/mis/staff (lib/mis/mis-staff-api.ts):
 * the staff the school's MIS lists now, each marked with the user already added for them.
 */
import { getParsed, type ApiResult } from './api-result';
import { itemsOf, oneOf, optionalString, stringArray } from './json-readers';
import { isNonEmptyString, isRecord } from './json-shapes';

export interface MisStaffCandidate {
  misId: string;
  title?: string | undefined;
  forename: string;
  surname: string;
  /** "Forename Surname": the full name Add a user pre-fills. */
  displayName: string;
  email?: string | undefined;
  roles: string[];
  /** The user already here for them (added from them, or by hand with their email). */
  user?: { personId: string; status: 'active' | 'deactivated'; linked: boolean } | undefined;
}

const STATUSES = ['active', 'deactivated'] as const;

function parseUser(value: unknown): MisStaffCandidate['user'] | null {
  if (value === undefined) return undefined;
  if (!isRecord(value)) return null;
  const status = oneOf(value.status, STATUSES);
  if (!isNonEmptyString(value.personId) || !status || typeof value.linked !== 'boolean') return null;
  return { personId: value.personId, status, linked: value.linked };
}

function parseCandidate(value: unknown): MisStaffCandidate | undefined {
  if (!isRecord(value)) return undefined;
  const { misId, forename, surname, displayName } = value;
  const roles = stringArray(value.roles);
  const user = parseUser(value.user);
  if (!isNonEmptyString(misId) || typeof forename !== 'string' || typeof surname !== 'string') {
    return undefined;
  }
  if (typeof displayName !== 'string' || !roles || user === null) return undefined;
  return {
    misId,
    title: optionalString(value.title),
    forename,
    surname,
    displayName,
    email: optionalString(value.email),
    roles,
    user,
  };
}

export function listMisStaff(signal?: AbortSignal): Promise<ApiResult<MisStaffCandidate[]>> {
  return getParsed(
    '/api/admin/mis/staff',
    (body) => itemsOf(body, parseCandidate),
    'list of MIS staff',
    signal,
  );
}

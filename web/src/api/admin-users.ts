/**
 * Admin > Users against /api/admin/users (lib/admin/admin-api.ts, lib/admin/admin-schemas.ts): the
 * school's users, adding, changing, deactivating and reactivating them, unlocking, password links,
 * removing keys, and a user's security log.
 */
import { getParsed, sendParsed, type ApiResult } from './api-result';
import { itemsOf, listOf, oneOf, optionalString } from './json-readers';
import { isNonEmptyString, isRecord } from './json-shapes';

export type UserStatus = 'active' | 'deactivated';

export interface UserSummary {
  personId: string;
  displayName: string;
  email: string;
  status: UserStatus;
  groupId?: string | undefined;
  groupName?: string | undefined;
  /** Set while sign-in is locked after repeated failed passwords. */
  lockedUntil?: string | undefined;
  /** False until the person has set a first password. */
  hasPassword: boolean;
  /** Whether they have a second-factor key. */
  hasKey: boolean;
}

export interface UserKey {
  keyId: string;
  type: 'totp' | 'webauthn';
  label: string;
  createdAt: string;
  lastUsedAt?: string | undefined;
}

export interface UserDetail extends UserSummary {
  keys: UserKey[];
  /** Their email can then be changed only by an operator: it is their sign-in at every school. */
  worksAtOtherSchools: boolean;
}

/** One entry of a user's security log as an admin sees it; types newer than this app show as they are. */
export interface UserSecurityEvent {
  eventId: string;
  type: string;
  at: string;
  schoolId?: string | undefined;
  sourceIp: string;
  userAgent: string;
  reason?: string | undefined;
}

export interface NewUser {
  email: string;
  displayName: string;
  groupId: string;
  sendPasswordEmail: boolean;
  /** The MIS staff member they are added from (GET /api/admin/mis/staff); absent when added by hand. */
  misStaffId?: string | undefined;
}

export interface UserChanges {
  email?: string;
  displayName?: string;
  groupId?: string;
}

const USER_STATUSES: readonly UserStatus[] = ['active', 'deactivated'];
const KEY_TYPES: readonly UserKey['type'][] = ['totp', 'webauthn'];

export function parseUserSummary(value: unknown): UserSummary | undefined {
  if (!isRecord(value)) return undefined;
  const { personId, displayName, email, status, groupId, groupName, lockedUntil, hasPassword, hasKey } =
    value;
  const knownStatus = oneOf(status, USER_STATUSES);
  if (!isNonEmptyString(personId) || typeof displayName !== 'string' || typeof email !== 'string') {
    return undefined;
  }
  if (!knownStatus || typeof hasPassword !== 'boolean' || typeof hasKey !== 'boolean') return undefined;
  return {
    personId,
    displayName,
    email,
    status: knownStatus,
    groupId: optionalString(groupId),
    groupName: optionalString(groupName),
    lockedUntil: optionalString(lockedUntil),
    hasPassword,
    hasKey,
  };
}

function parseKey(value: unknown): UserKey | undefined {
  if (!isRecord(value)) return undefined;
  const { keyId, type, label, createdAt, lastUsedAt } = value;
  const keyType = oneOf(type, KEY_TYPES);
  if (!isNonEmptyString(keyId) || !keyType || typeof label !== 'string' || !isNonEmptyString(createdAt)) {
    return undefined;
  }
  return { keyId, type: keyType, label, createdAt, lastUsedAt: optionalString(lastUsedAt) };
}

export function parseUserDetail(value: unknown): UserDetail | undefined {
  const summary = parseUserSummary(value);
  if (!summary || !isRecord(value) || typeof value.worksAtOtherSchools !== 'boolean') return undefined;
  const keys = listOf(value.keys, parseKey);
  return keys ? { ...summary, keys, worksAtOtherSchools: value.worksAtOtherSchools } : undefined;
}

function parseSecurityEvent(value: unknown): UserSecurityEvent | undefined {
  if (!isRecord(value)) return undefined;
  const { eventId, type, at, schoolId, sourceIp, userAgent, reason } = value;
  if (!isNonEmptyString(eventId) || !isNonEmptyString(type) || !isNonEmptyString(at)) return undefined;
  if (typeof sourceIp !== 'string' || typeof userAgent !== 'string') return undefined;
  return {
    eventId,
    type,
    at,
    schoolId: optionalString(schoolId),
    sourceIp,
    userAgent,
    reason: optionalString(reason),
  };
}

function userPath(personId: string, action = ''): `/api/${string}` {
  return `/api/admin/users/${encodeURIComponent(personId)}${action}`;
}

export function listUsers(status: UserStatus, signal?: AbortSignal): Promise<ApiResult<UserSummary[]>> {
  return getParsed(
    `/api/admin/users?status=${status}`,
    (body) => itemsOf(body, parseUserSummary),
    'list of users',
    signal,
  );
}

export function addUser(user: NewUser): Promise<ApiResult<UserSummary>> {
  // Only the fields the API takes: it refuses a body with any other.
  const { email, displayName, groupId, sendPasswordEmail, misStaffId } = user;
  return sendParsed(
    '/api/admin/users',
    'POST',
    {
      email,
      displayName,
      groupId,
      sendPasswordEmail,
      ...(misStaffId === undefined ? {} : { misStaffId }),
    },
    parseUserSummary,
    'new user',
  );
}

export function getUser(personId: string, signal?: AbortSignal): Promise<ApiResult<UserDetail>> {
  return getParsed(userPath(personId), parseUserDetail, "user's details", signal);
}

export function updateUser(personId: string, changes: UserChanges): Promise<ApiResult<UserSummary>> {
  return sendParsed(userPath(personId), 'PATCH', changes, parseUserSummary, 'changed user');
}

export function deactivateUser(personId: string): Promise<ApiResult<UserSummary>> {
  return sendParsed(userPath(personId, '/deactivate'), 'POST', undefined, parseUserSummary, 'changed user');
}

export function reactivateUser(personId: string, groupId: string): Promise<ApiResult<UserSummary>> {
  return sendParsed(userPath(personId, '/reactivate'), 'POST', { groupId }, parseUserSummary, 'changed user');
}

export function unlockUser(personId: string): Promise<ApiResult<UserSummary>> {
  return sendParsed(userPath(personId, '/unlock'), 'POST', undefined, parseUserSummary, 'changed user');
}

/** Emails the user a link to set a password; the answer is the message to show. */
export function sendUserPasswordLink(personId: string): Promise<ApiResult<string>> {
  return sendParsed(
    userPath(personId, '/password-link'),
    'POST',
    undefined,
    (body) => (isRecord(body) && isNonEmptyString(body.message) ? body.message : undefined),
    'answer',
  );
}

/** Removes every key the user has; the answer is how many were removed. */
export function removeUserKeys(personId: string): Promise<ApiResult<number>> {
  return sendParsed(
    userPath(personId, '/remove-keys'),
    'POST',
    { confirm: true },
    (body) => (isRecord(body) && typeof body.removed === 'number' ? body.removed : undefined),
    'answer',
  );
}

export function fetchUserSecurityLog(
  personId: string,
  limit: number,
  signal?: AbortSignal,
): Promise<ApiResult<UserSecurityEvent[]>> {
  return getParsed(
    userPath(personId, `/security-log?limit=${limit}`),
    (body) => itemsOf(body, parseSecurityEvent),
    "user's security log",
    signal,
  );
}

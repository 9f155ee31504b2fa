/** The signed-in person's own security log from GET /api/auth/security-log, newest first. */
import { apiRequest, NetworkError, readJson } from './client';
import { isNonEmptyString, isRecord } from './json-shapes';
import { networkProblem, problemFromResponse, type Problem } from './problem';

/** Must list every type the API writes (lib/identity/identity.ts): an unknown one fails the whole page. */
export const SECURITY_EVENT_TYPES = [
  'sign-in',
  'sign-in-refused',
  'account-locked',
  'account-unlocked',
  'sign-out',
  'sign-out-everywhere',
  'school-switched',
  'password-set',
  'password-reset-requested',
  'access-refused',
  'key-registered',
  'key-removed',
  'key-registration-refused',
  'elevated',
  'elevation-refused',
] as const;

export type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];

export interface SecurityEvent {
  eventId: string;
  type: SecurityEventType;
  at: string;
  schoolId?: string;
  sourceIp: string;
  userAgent: string;
  reason?: string;
}

export type SecurityLogResult = { ok: true; events: SecurityEvent[] } | { ok: false; problem: Problem };

function isEventType(value: unknown): value is SecurityEventType {
  return SECURITY_EVENT_TYPES.some((type) => type === value);
}

function parseEvent(value: unknown): SecurityEvent | undefined {
  if (!isRecord(value)) return undefined;
  const { eventId, type, at, schoolId, sourceIp, userAgent, reason } = value;
  if (!isNonEmptyString(eventId) || !isEventType(type) || !isNonEmptyString(at)) return undefined;
  if (typeof sourceIp !== 'string' || typeof userAgent !== 'string') return undefined;
  const event: SecurityEvent = { eventId, type, at, sourceIp, userAgent };
  if (isNonEmptyString(schoolId)) event.schoolId = schoolId;
  if (isNonEmptyString(reason)) event.reason = reason;
  return event;
}

/** Validates a security log page; returns undefined if it is not one. */
export function parseSecurityLog(body: unknown): SecurityEvent[] | undefined {
  if (!isRecord(body) || !Array.isArray(body.items)) return undefined;
  const events = body.items.map(parseEvent);
  return events.some((event) => event === undefined) ? undefined : (events as SecurityEvent[]);
}

const unreadableLog: Problem = {
  title: 'Your security log could not be read',
  detail: 'Lantern answered, but not with your security log. Try again in a few minutes.',
};

export async function fetchSecurityLog(limit: number, signal?: AbortSignal): Promise<SecurityLogResult> {
  let response: Response;
  try {
    response = await apiRequest(`/api/auth/security-log?limit=${limit}`, signal ? { signal } : {});
  } catch (error) {
    if (error instanceof NetworkError) return { ok: false, problem: networkProblem() };
    throw error;
  }
  if (!response.ok) return { ok: false, problem: await problemFromResponse(response) };
  const events = parseSecurityLog(await readJson(response));
  return events
    ? { ok: true, events }
    : { ok: false, problem: { ...unreadableLog, status: response.status } };
}

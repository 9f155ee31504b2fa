/** Audit trails from /api/audit (lib/audit/audit-event.ts AuditEvent): newest first, a page at a time. */
import { getParsed, type ApiResult } from './api-result';
import { itemsOf, optionalString } from './json-readers';
import { isNonEmptyString, isRecord } from './json-shapes';

export interface AuditEvent {
  eventId: string;
  actorPersonId: string;
  actorName: string;
  /** What was done, such as `user.update` (lib/audit/audit-event.ts AUDIT_ACTIONS). */
  action: string;
  resourceType: string;
  resourceId: string;
  at: string;
  sourceIp: string;
  /** A short, non-sensitive description, such as which fields changed. */
  detail?: string | undefined;
}

export interface AuditPage {
  events: AuditEvent[];
  /** Present when there are older events to load. */
  nextCursor?: string | undefined;
}

function parseAuditEvent(value: unknown): AuditEvent | undefined {
  if (!isRecord(value)) return undefined;
  const { eventId, actorPersonId, actorName, action, resourceType, resourceId, at, sourceIp, detail } = value;
  if (!isNonEmptyString(eventId) || !isNonEmptyString(action) || !isNonEmptyString(at)) return undefined;
  if (typeof actorPersonId !== 'string' || typeof actorName !== 'string' || typeof sourceIp !== 'string') {
    return undefined;
  }
  if (typeof resourceType !== 'string' || typeof resourceId !== 'string') return undefined;
  return {
    eventId,
    actorPersonId,
    actorName,
    action,
    resourceType,
    resourceId,
    at,
    sourceIp,
    detail: optionalString(detail),
  };
}

function parseAuditPage(body: unknown): AuditPage | undefined {
  const events = itemsOf(body, parseAuditEvent);
  if (!events || !isRecord(body)) return undefined;
  return { events, nextCursor: optionalString(body.nextCursor) };
}

/** One page of everything the user read or changed in this school, continuing from `cursor`. */
export function fetchUserAudit(
  personId: string,
  limit: number,
  cursor?: string,
  signal?: AbortSignal,
): Promise<ApiResult<AuditPage>> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set('cursor', cursor);
  return getParsed(
    `/api/audit/users/${encodeURIComponent(personId)}?${query.toString()}`,
    parseAuditPage,
    "user's audit trail",
    signal,
  );
}

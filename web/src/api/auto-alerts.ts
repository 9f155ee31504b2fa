/**
 * Automatic alerts (REC-5): a person's own rules under /api/dashboard/auto-alerts, and any user's as
 * the admin's user page manages them; and clearing a user's dashboard alerts.
 */
import { getParsed, sendParsed, sendWithoutAnswer, type ApiResult } from './api-result';
import { itemsOf } from './json-readers';
import { isRecord } from './json-shapes';

/** Removes the user's unread dashboard alerts dated from `from` to `to` (YYYY-MM-DD, both included). */
export function clearUserAlerts(personId: string, from: string, to: string): Promise<ApiResult<number>> {
  return sendParsed(
    `/api/admin/users/${encodeURIComponent(personId)}/alerts/clear`,
    'POST',
    { from, to },
    (body) => (isRecord(body) && typeof body.cleared === 'number' ? body.cleared : undefined),
    'cleared alerts',
  );
}

export interface AutoAlertRule {
  ruleId: string;
  personId: string;
  kind: 'category' | 'pupil' | 'class';
  targetName: string;
}

function readRule(value: unknown): AutoAlertRule | undefined {
  if (!isRecord(value) || !isRecord(value.target)) return undefined;
  const { ruleId, personId, targetName } = value;
  const kind = value.target.kind;
  if (kind !== 'category' && kind !== 'pupil' && kind !== 'class') return undefined;
  return typeof ruleId === 'string' && typeof personId === 'string' && typeof targetName === 'string'
    ? { ruleId, personId, kind, targetName }
    : undefined;
}

/** Whose rules: the signed-in person's own (/api/dashboard), or a user's as their admin sees them. */
export type AutoAlertOwner = { kind: 'me' } | { kind: 'user'; personId: string };

/** What a rule alerts to (lib/alerts/auto-alert-rule.ts AutoAlertTarget). */
export type AutoAlertTarget =
  | { kind: 'category'; categoryId: string }
  | { kind: 'pupil'; pupilId: string }
  | { kind: 'class'; classId: string };

function rulesPath(owner: AutoAlertOwner): `/api/${string}` {
  return owner.kind === 'me'
    ? '/api/dashboard/auto-alerts'
    : `/api/admin/users/${encodeURIComponent(owner.personId)}/auto-alerts`;
}

export function listAutoAlerts(
  owner: AutoAlertOwner,
  signal?: AbortSignal,
): Promise<ApiResult<AutoAlertRule[]>> {
  return getParsed(rulesPath(owner), (body) => itemsOf(body, readRule), 'automatic alerts', signal);
}

/** Setting the same rule twice is one rule, so a retry is harmless. */
export function addAutoAlert(
  owner: AutoAlertOwner,
  target: AutoAlertTarget,
): Promise<ApiResult<AutoAlertRule>> {
  return sendParsed(rulesPath(owner), 'POST', { target }, readRule, 'automatic alert');
}

export function removeAutoAlert(owner: AutoAlertOwner, ruleId: string): Promise<ApiResult<true>> {
  return sendWithoutAnswer(`${rulesPath(owner)}/${encodeURIComponent(ruleId)}`, 'DELETE');
}

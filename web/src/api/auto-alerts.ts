/** Automatic alerts and clearing a user's dashboard alerts (REC-5), as the admin's user page uses them. */
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

const rulesPath = (personId: string) =>
  `/api/admin/users/${encodeURIComponent(personId)}/auto-alerts` as const;

export function listUserAutoAlerts(
  personId: string,
  signal?: AbortSignal,
): Promise<ApiResult<AutoAlertRule[]>> {
  return getParsed(rulesPath(personId), (body) => itemsOf(body, readRule), 'automatic alerts', signal);
}

export function addUserCategoryAlert(
  personId: string,
  categoryId: string,
): Promise<ApiResult<AutoAlertRule>> {
  return sendParsed(
    rulesPath(personId),
    'POST',
    { target: { kind: 'category', categoryId } },
    readRule,
    'automatic alert',
  );
}

export function removeUserAutoAlert(personId: string, ruleId: string): Promise<ApiResult<true>> {
  return sendWithoutAnswer(`${rulesPath(personId)}/${encodeURIComponent(ruleId)}`, 'DELETE');
}

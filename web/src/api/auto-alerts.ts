/** Automatic alerts and clearing a user's dashboard alerts (REC-5), as the admin's user page uses them. */
import { sendParsed, type ApiResult } from './api-result';
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

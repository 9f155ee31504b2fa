/**
 * A user's automatic alerts (REC-5): every new incident in a category, about a pupil, or about a pupil
 * in a class or group, with the same editor staff use for their own. Only categories their user group
 * lets them see are accepted; the server says so otherwise.
 */
import type { UserDetail } from '../../../api/admin-users';
import type { ApiResult } from '../../../api/api-result';
import { listClasses } from '../../../api/admin-classes';
import type { ActionOutcome } from '../../../components/action-notice';
import { AutoAlertRulesEditor, type ClassOption } from '../../../dashboard/auto-alert-rules-editor';

async function schoolClasses(signal: AbortSignal): Promise<ApiResult<ClassOption[]>> {
  const list = await listClasses(signal);
  return list.ok
    ? { ok: true, value: list.value.classes.map(({ classId, name }) => ({ classId, name })) }
    : list;
}

interface UserAutoAlertsSectionProps {
  user: UserDetail;
  onDone: (outcome: ActionOutcome) => void;
}

export function UserAutoAlertsSection({ user, onDone }: UserAutoAlertsSectionProps) {
  return (
    <section className="admin-section" aria-labelledby="user-auto-alerts-heading">
      <h2 className="section-title" id="user-auto-alerts-heading">
        Automatic alerts
      </h2>
      <AutoAlertRulesEditor
        owner={{ kind: 'user', personId: user.personId }}
        idPrefix="auto-alert"
        wording={{
          none: `${user.displayName} has no automatic alerts.`,
          lead: 'Alert them to every new incident and action',
          noClasses: 'Alerts for a class or group need the Classes admin permission.',
        }}
        loadClasses={schoolClasses}
        onDone={onDone}
      />
    </section>
  );
}

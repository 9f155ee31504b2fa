/**
 * "Alert me" (REC-5): the signed-in person's own automatic alerts, linked from the dashboard's Alerts.
 * Each rule puts every new incident and action in a category, about a pupil, or about a pupil in a
 * class or group on their dashboard as an alert. The classes are the ones whose registers they may open
 * (a key holder's session); without one, rules by category and by pupil are still offered.
 */
import type { ApiResult } from '../api/api-result';
import { getPupilFilters } from '../api/pupils';
import { Link } from '../routing/link';
import { useDocumentTitle } from '../routing/use-document-title';
import { AutoAlertRulesEditor, type ClassOption } from './auto-alert-rules-editor';
import './dashboard.css';

async function myClasses(signal: AbortSignal): Promise<ApiResult<ClassOption[]>> {
  const filters = await getPupilFilters(signal);
  return filters.ok
    ? { ok: true, value: filters.value.classes.map(({ classId, name }) => ({ classId, name })) }
    : filters;
}

export function AutoAlertsPage() {
  useDocumentTitle('Alert me');
  return (
    <div className="panel panel--narrow">
      <p>
        <Link href="/">Back to the dashboard</Link>
      </p>
      <h1 className="page-title" tabIndex={-1}>
        Alert me
      </h1>
      <p className="lede">
        Choose what you are alerted to automatically: every new incident and action in a category, about a
        pupil, or about a pupil in a class or group appears under Alerts on your dashboard.
      </p>
      <h2 className="section-title">Your automatic alerts</h2>
      <AutoAlertRulesEditor
        owner={{ kind: 'me' }}
        idPrefix="my-auto-alert"
        wording={{
          none: 'You have no automatic alerts.',
          lead: 'Alert me to every new incident and action',
          noClasses: 'Alerts for a class or group can be chosen in a session with your key.',
        }}
        loadClasses={myClasses}
      />
    </div>
  );
}

/**
 * "Alerts": what the person has been alerted to and not yet marked read, newest first (REC-5), and the
 * way to their own automatic alerts ("Alert me").
 */
import type { AlertRow } from '../api/dashboard';
import { PupilName } from '../pupils/pupil-name';
import { Link } from '../routing/link';
import { dashboardPaths } from './dashboard-paths';
import { categoryNames } from './category-names';
import { When } from './when';

function AlertItem({ alert }: { alert: AlertRow }) {
  const categories = categoryNames(alert.categories);
  const added = alert.kind === 'document' ? 'added a document for' : 'added an incident for';
  return (
    <li className="dashboard-row">
      <p className="dashboard-row__text">
        {alert.alertedBy.name} {added} <PupilName name={alert.pupilDisplayName} />
        {categories && ` (${categories})`}
      </p>
      <p className="dashboard-row__meta">
        <When at={alert.alertedAt} />
        <Link href={alert.link} className="dashboard-row__link">
          {alert.kind === 'document' ? 'Document vault' : 'Incident'}
        </Link>
      </p>
    </li>
  );
}

export function AlertsSection({ alerts }: { alerts: readonly AlertRow[] }) {
  return (
    <section className="panel" aria-labelledby="dashboard-alerts-heading">
      <h2 className="section-title" id="dashboard-alerts-heading">
        Alerts
      </h2>
      {alerts.length === 0 ? (
        <p className="hint">You have no unread alerts.</p>
      ) : (
        <ul className="dashboard-list" aria-label="Unread alerts, newest first">
          {alerts.map((alert) => (
            <AlertItem key={`${alert.kind}-${alert.subjectId}`} alert={alert} />
          ))}
        </ul>
      )}
      <p className="panel__footer-link">
        <Link href={dashboardPaths.alertMe}>Choose what you are alerted to automatically</Link>
      </p>
    </section>
  );
}

/**
 * The signed-in home page is the dashboard (REC-10): quick search, Add incident, alerts, assigned
 * incidents, history and recently viewed pupils. Below it, the schools the person works in and their
 * most recent sign-in activity, so an unexpected sign-in is still noticed early.
 */
import type { SessionView } from '../api/session-view';
import { SecurityEventTable } from '../components/security-event-table';
import { SecurityLogStatus } from '../components/security-log-status';
import { DashboardSections } from '../dashboard/dashboard-sections';
import { Link } from '../routing/link';
import { useDocumentTitle } from '../routing/use-document-title';
import { useSecurityLog } from '../security-log/use-security-log';

const RECENT_ACTIVITY_COUNT = 5;

export function HomePage({ view }: { view: SessionView }) {
  useDocumentTitle('Home');
  // Switching school adds an entry to the log, so load it again when the school changes.
  const log = useSecurityLog(RECENT_ACTIVITY_COUNT, view.school.schoolId);

  return (
    <div className="page-stack">
      <div className="page-intro">
        <h1 className="page-title" tabIndex={-1}>
          Signed in as {view.person.displayName}
        </h1>
        <p className="lede lede--last">
          at <strong className="lede__emphasis">{view.school.name}</strong>
        </p>
      </div>

      <DashboardSections key={view.school.schoolId} />

      <div className="home-grid">
        <section className="panel" aria-labelledby="home-schools-heading">
          <h2 className="section-title" id="home-schools-heading">
            Your schools
          </h2>
          <ul className="school-list">
            {view.schools.map((school) => {
              const current = school.schoolId === view.school.schoolId;
              return (
                <li
                  key={school.schoolId}
                  className="school-list__item"
                  aria-current={current ? true : undefined}
                >
                  <span className="school-list__name">{school.name}</span>
                  {current && <span className="tag tag--current">Current</span>}
                </li>
              );
            })}
          </ul>
          {view.schools.length > 1 && (
            <p className="hint">
              Use Switch school at the top of the page to work in another of your schools.
            </p>
          )}
        </section>

        <section className="panel" aria-labelledby="home-activity-heading">
          <h2 className="section-title" id="home-activity-heading">
            Recent sign-in activity
          </h2>
          <SecurityLogStatus state={log} />
          {log.phase === 'loaded' && log.events.length > 0 && (
            <SecurityEventTable
              events={log.events}
              schools={view.schools}
              caption={`Your ${RECENT_ACTIVITY_COUNT} most recent security events, newest first`}
            />
          )}
          <p className="panel__footer-link">
            <Link href="/security-log">View your full security log</Link>
          </p>
        </section>
      </div>
    </div>
  );
}

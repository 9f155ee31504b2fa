/**
 * The person's own security log: the 50 newest sign-ins, refusals, lockouts, sign-outs and school
 * switches on their account, so they can spot use of their account that was not theirs.
 */
import type { SessionView } from '../api/session-view';
import { ActivityGuidance } from '../components/activity-guidance';
import { SecurityEventTable } from '../components/security-event-table';
import { SecurityLogStatus } from '../components/security-log-status';
import { useDocumentTitle } from '../routing/use-document-title';
import { useSecurityLog } from '../security-log/use-security-log';

const LOG_LENGTH = 50;

export function SecurityLogPage({ view }: { view: SessionView }) {
  useDocumentTitle('My security log');
  const log = useSecurityLog(LOG_LENGTH, view.school.schoolId);

  return (
    <div className="panel">
      <h1 className="page-title" tabIndex={-1}>
        My security log
      </h1>
      <p className="lede">
        The {LOG_LENGTH} most recent security events on your account, newest first. Times are UK time.
      </p>
      <ActivityGuidance />
      <SecurityLogStatus state={log} />
      {log.phase === 'loaded' && log.events.length > 0 && (
        <SecurityEventTable
          events={log.events}
          schools={view.schools}
          caption={`Your ${LOG_LENGTH} most recent security events, newest first`}
        />
      )}
    </div>
  );
}

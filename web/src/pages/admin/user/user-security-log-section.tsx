/** The user's security log in this school: sign-ins, refusals, lockouts, key use, newest first. */
import { useCallback } from 'react';
import { fetchUserSecurityLog } from '../../../api/admin-users';
import { describeUserSecurityEvent } from '../../../admin/describe-user-security-event';
import { useLoaded } from '../../../admin/use-loaded';
import { AdminProblem } from '../../../components/admin-problem';
import { formatUkDateTime } from '../../../formatting/uk-date-time';

const LOG_LENGTH = 50;

interface UserSecurityLogSectionProps {
  personId: string;
  displayName: string;
}

/** Loads when shown; the user page shows a new one (a new key) after an action that adds to the log. */
export function UserSecurityLogSection({ personId, displayName }: UserSecurityLogSectionProps) {
  const load = useCallback(
    (signal: AbortSignal) => fetchUserSecurityLog(personId, LOG_LENGTH, signal),
    [personId],
  );
  const { state } = useLoaded(load);

  return (
    <section className="admin-section" aria-labelledby="user-security-log-heading">
      <h2 className="section-title" id="user-security-log-heading">
        Security log
      </h2>
      <p className="hint">
        The {LOG_LENGTH} most recent entries in this school, newest first. Times are UK time.
      </p>
      {state.phase === 'loading' && <p className="loading">Loading the security log…</p>}
      {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
      {state.phase === 'loaded' && state.value.length === 0 && (
        <p>There is nothing in their security log yet.</p>
      )}
      {state.phase === 'loaded' && state.value.length > 0 && (
        <table className="table admin-table">
          <caption className="visually-hidden">Security log of {displayName}, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {state.value.map((event) => {
              const { text, warning } = describeUserSecurityEvent(event);
              return (
                <tr key={event.eventId} className={warning ? 'event-table__row--warning' : undefined}>
                  <td className="event-table__when">
                    <time dateTime={event.at}>{formatUkDateTime(event.at)}</time>
                  </td>
                  <td className="event-table__what">{text}</td>
                  <td>
                    <span className="event-table__address">{event.sourceIp}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

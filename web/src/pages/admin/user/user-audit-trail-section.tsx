/**
 * Everything the user has read or changed in this school, newest first, a page at a time: "Load more"
 * continues from where the last page ended.
 */
import { useEffect, useRef, useState } from 'react';
import { fetchUserAudit, type AuditEvent } from '../../../api/audit';
import { isAbortError } from '../../../api/client';
import type { Problem } from '../../../api/problem';
import { describeAuditAction } from '../../../admin/describe-audit-action';
import { AdminProblem } from '../../../components/admin-problem';
import { formatUkDateTime } from '../../../formatting/uk-date-time';

const PAGE_SIZE = 20;

interface TrailState {
  events: AuditEvent[];
  nextCursor?: string | undefined;
  loading: boolean;
  problem?: Problem | undefined;
}

const unexpectedFailure: Problem = {
  title: 'The audit trail could not be loaded',
  detail: 'Something went wrong while loading the audit trail. Try again in a few minutes.',
};

export function UserAuditTrailSection({ personId, displayName }: { personId: string; displayName: string }) {
  const [trail, setTrail] = useState<TrailState>({ events: [], loading: true });
  const controllerRef = useRef<AbortController | undefined>(undefined);

  async function loadPage(cursor: string | undefined) {
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    setTrail((current) => ({ ...current, loading: true, problem: undefined }));
    try {
      const result = await fetchUserAudit(personId, PAGE_SIZE, cursor, controller.signal);
      setTrail((current) =>
        result.ok
          ? {
              events: cursor ? [...current.events, ...result.value.events] : result.value.events,
              nextCursor: result.value.nextCursor,
              loading: false,
            }
          : { ...current, loading: false, problem: result.problem },
      );
    } catch (error) {
      if (!isAbortError(error))
        setTrail((current) => ({ ...current, loading: false, problem: unexpectedFailure }));
    }
  }

  useEffect(() => {
    void loadPage(undefined);
    return () => controllerRef.current?.abort();
    // The first page loads once per user (the page gives each user a new section); later pages on request.
  }, [personId]);

  const first = trail.events.length === 0;
  return (
    <section className="admin-section" aria-labelledby="user-audit-heading">
      <h2 className="section-title" id="user-audit-heading">
        Audit trail
      </h2>
      <p className="hint">
        What {displayName} has viewed or changed in this school, newest first. Times are UK time.
      </p>
      {trail.problem && <AdminProblem problem={trail.problem} />}
      {first && trail.loading && <p className="loading">Loading the audit trail…</p>}
      {first && !trail.loading && !trail.problem && <p>Nothing has been recorded for {displayName} yet.</p>}
      {!first && (
        <table className="table admin-table">
          <caption className="visually-hidden">Audit trail of {displayName}, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {trail.events.map((event) => (
              <tr key={event.eventId}>
                <td className="event-table__when">
                  <time dateTime={event.at}>{formatUkDateTime(event.at)}</time>
                </td>
                <td>{describeAuditAction(event.action)}</td>
                <td>{event.detail ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="visually-hidden" role="status">
        {first ? '' : `Showing ${trail.events.length} entries${trail.nextCursor ? '; there are more' : ''}.`}
      </p>
      {trail.nextCursor && (
        <button
          className="button button--secondary"
          type="button"
          onClick={() => {
            if (!trail.loading) void loadPage(trail.nextCursor);
          }}
          aria-disabled={trail.loading ? true : undefined}
        >
          {trail.loading ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}

/**
 * An incident's history for editors (REC-6): every version of the incident, then of each action, with
 * who made the change, when, why, and the text as it stood in that version. Newest first.
 */
import { useCallback } from 'react';
import { getIncidentHistory, type RecordVersion } from '../api/incident-changes';
import { useLoaded } from '../admin/use-loaded';
import { AdminProblem } from '../components/admin-problem';
import { formatUkDateTime } from '../formatting/uk-date-time';

function VersionList({ versions, label }: { versions: readonly RecordVersion[]; label: string }) {
  return (
    <ol className="incident-history__list" aria-label={label}>
      {[...versions].reverse().map((version) => (
        <li key={version.version} className="incident-history__version">
          <p className="incident-card__meta">
            Version {version.version} · {version.updatedBy.name} · {formatUkDateTime(version.updatedAt)}
            {version.deleted ? ' · Deleted' : ''}
            {version.status === 'closed' ? ' · Closed' : ''}
          </p>
          <p className="incident-history__reason">
            {version.changeReason ? `Reason: ${version.changeReason}` : 'First recorded'}
          </p>
          <p className="incident-card__text">{version.text}</p>
        </li>
      ))}
    </ol>
  );
}

export function IncidentHistoryPanel({ incidentId, onClose }: { incidentId: string; onClose: () => void }) {
  const load = useCallback((signal: AbortSignal) => getIncidentHistory(incidentId, signal), [incidentId]);
  const { state } = useLoaded(load);
  return (
    <section className="panel incident-history" aria-labelledby="incident-history-heading">
      <h3 className="section-title" id="incident-history-heading">
        History
      </h3>
      {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
      {state.phase === 'loading' && <p className="loading">Loading the history…</p>}
      {state.phase === 'loaded' && (
        <>
          <VersionList
            versions={[...state.value.versions, state.value.incident]}
            label={`Versions of incident ${state.value.incident.number}`}
          />
          {state.value.actions.map(({ action, versions }) => (
            <div key={action.actionId}>
              <h4 className="incident-history__action">Action of {formatUkDateTime(action.occurredAt)}</h4>
              <VersionList versions={[...versions, action]} label="Versions of the action" />
            </div>
          ))}
        </>
      )}
      <button type="button" className="button button--secondary" onClick={onClose}>
        Close history
      </button>
    </section>
  );
}

/**
 * One incident as an alert opens it (/incidents/<id>?pupilId=): that pupil's copy with its actions,
 * "Add action", and "Mark as read" while the person's alert to it is unread. Someone who may read it
 * only through the alert (no key) is told plainly that once they mark it read they cannot open it again.
 */
import { useCallback, useState } from 'react';
import './incidents.css';
import { getIncident, markIncidentRead, type IncidentView } from '../api/incidents';
import type { Problem } from '../api/problem';
import { useLoaded } from '../admin/use-loaded';
import { AdminProblem } from '../components/admin-problem';
import { formatUkDateTime } from '../formatting/uk-date-time';
import { NotFoundPage } from '../pages/not-found-page';
import { PupilName, usePupilNameText } from '../pupils/pupil-name';
import { Link } from '../routing/link';
import { useDocumentTitle } from '../routing/use-document-title';
import type { SessionView } from '../api/session-view';
import { useMyAccess } from '../admin/my-access-store';
import { navigate } from '../routing/router';
import { ActionEditControls } from './action-edit-controls';
import { AddActionForm } from './add-action-form';
import { IncidentCard } from './incident-card';
import { IncidentEditControls } from './incident-edit-controls';
import { incidentPaths } from './incident-paths';
import { PrintIncidentButton } from './print-incident-button';
import { useIncidentReference, type IncidentReference } from './use-incident-reference';

interface LoadedIncidentProps {
  view: IncidentView;
  reference: IncidentReference;
  onChanged: () => void;
  /** Staff with "Edit and delete incidents" get the incident's and its actions' options (REC-6). */
  mayEdit: boolean;
}

function LoadedIncident({ view, reference, onChanged, mayEdit }: LoadedIncidentProps) {
  const name = usePupilNameText(view.pupil.displayName);
  useDocumentTitle(`Incident ${view.incident.number} – ${name}`);
  const [showActions, setShowActions] = useState(true);
  const [adding, setAdding] = useState(false);
  const [marking, setMarking] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [read, setRead] = useState<{ next?: { incidentId: string; pupilId: string } } | undefined>();

  async function markRead() {
    setMarking(true);
    const result = await markIncidentRead(view.incident.incidentId);
    setMarking(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setRead(result.value);
    if (!view.readableOnlyUntilMarkedRead) onChanged();
  }

  if (read && view.readableOnlyUntilMarkedRead) {
    return (
      <div className="panel">
        <div className="notice notice--success" role="status">
          <h1 className="page-title" tabIndex={-1} data-autofocus>
            Marked as read
          </h1>
          <p>
            The alert has gone from your dashboard, and this incident can no longer be opened from your
            account.
          </p>
        </div>
        {read.next ? (
          <p>
            <Link href={incidentPaths.incident(read.next.incidentId, read.next.pupilId)}>
              Go to your next alert
            </Link>
          </p>
        ) : (
          <p>
            <Link href="/">Go to your dashboard</Link>
          </p>
        )}
      </div>
    );
  }

  return (
    <div className="page-stack incident-page">
      <div className="panel">
        <h1 className="page-title" tabIndex={-1}>
          Incident for <PupilName name={view.pupil.displayName} />
        </h1>
        {view.unreadAlert && !read && (
          <p className="incident-page__alerted">
            {view.unreadAlert.alertedBy.name} alerted you to this incident on{' '}
            {formatUkDateTime(view.unreadAlert.alertedAt)}.
          </p>
        )}
        {view.readableOnlyUntilMarkedRead && (
          <div className="notice incident-page__warning" role="note">
            <p>
              <strong>You do not have key access.</strong> Once you mark this incident as read, the alert goes
              from your dashboard and you will not be able to open the incident again. Add any action you need
              to first.
            </p>
          </div>
        )}
        {problem && <AdminProblem problem={problem} />}
        {read && !view.readableOnlyUntilMarkedRead && (
          <p className="notice notice--success" role="status">
            Marked as read.{' '}
            {read.next && (
              <Link href={incidentPaths.incident(read.next.incidentId, read.next.pupilId)}>Next alert</Link>
            )}
          </p>
        )}
      </div>
      <div className="panel">
        <IncidentCard
          incident={view.incident}
          categories={reference.categories}
          agencies={reference.agencies}
          showParents
          showActions={showActions}
          onToggleActions={() => setShowActions((shown) => !shown)}
          highlighted={false}
          {...(mayEdit
            ? { actionControls: (action) => <ActionEditControls action={action} onChanged={onChanged} /> }
            : {})}
        >
          {mayEdit && (
            <IncidentEditControls
              incident={view.incident}
              pupilId={view.pupil.pupilId}
              onChanged={onChanged}
              onMerged={(intoId) => navigate(incidentPaths.incident(intoId, view.pupil.pupilId))}
            />
          )}
          {view.incident.deleted ? null : adding ? (
            <AddActionForm
              incident={view.incident}
              reference={reference}
              onAdded={() => {
                setAdding(false);
                setShowActions(true);
                onChanged();
              }}
              onCancel={() => setAdding(false)}
            />
          ) : (
            <div className="incident-card__buttons">
              <button type="button" className="button" onClick={() => setAdding(true)}>
                Add action
              </button>
              <PrintIncidentButton view={view} />
              {view.unreadAlert && !read && (
                <button
                  type="button"
                  className={
                    view.readableOnlyUntilMarkedRead ? 'button button--warning' : 'button button--secondary'
                  }
                  onClick={() => void markRead()}
                  aria-disabled={marking ? true : undefined}
                >
                  {marking ? 'Marking as read…' : 'Mark as read'}
                </button>
              )}
            </div>
          )}
        </IncidentCard>
      </div>
      <p>
        <Link href="/">Back to your dashboard</Link>
      </p>
    </div>
  );
}

export function IncidentPage({
  incidentId,
  pupilId,
  session,
}: {
  incidentId: string;
  pupilId: string;
  /** The signed-in session, for what the person may do here. */
  session?: SessionView;
}) {
  const access = useMyAccess(session);
  const mayEdit = access.phase === 'loaded' && access.access.permissions.includes('incidents.edit');
  const load = useCallback(
    (signal: AbortSignal) => getIncident(incidentId, pupilId, signal),
    [incidentId, pupilId],
  );
  const { state, reload } = useLoaded(load);
  const reference = useIncidentReference();
  if (state.phase === 'failed' && state.problem.status === 404) return <NotFoundPage signedIn />;
  const problem =
    state.phase === 'failed' ? state.problem : reference.phase === 'failed' ? reference.problem : undefined;
  if (problem) {
    return (
      <div className="panel">
        <h1 className="page-title" tabIndex={-1}>
          Incident
        </h1>
        <AdminProblem problem={problem} />
      </div>
    );
  }
  if (state.phase === 'loaded' && reference.phase === 'loaded') {
    return (
      <LoadedIncident view={state.value} reference={reference.value} onChanged={reload} mayEdit={mayEdit} />
    );
  }
  return (
    <div className="panel">
      <p className="loading">Loading the incident…</p>
    </div>
  );
}

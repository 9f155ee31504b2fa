/**
 * The pupil's chronology (REC-8): their incidents newest first, each with its category lozenges
 * (sub-categories, or with their parents too), what happened and, on request, its actions; "Show all
 * actions", an add-action form under each incident, and "Load more" for older ones. Only incidents the
 * viewer may see are sent by the API. An incident just added (?highlight=<id>) is picked out.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import '../../incidents/incidents.css';
import { isAbortError } from '../../api/client';
import { getChronology, type IncidentCopy } from '../../api/incidents';
import type { Problem } from '../../api/problem';
import { AdminProblem } from '../../components/admin-problem';
import { AddActionForm } from '../../incidents/add-action-form';
import { IncidentCard } from '../../incidents/incident-card';
import { incidentPaths } from '../../incidents/incident-paths';
import { useIncidentReference } from '../../incidents/use-incident-reference';
import { Link } from '../../routing/link';
import type { PupilTabProps } from '../pupil-tabs';
import { pupilPaths } from '../pupil-paths';

interface Loaded {
  items: IncidentCopy[];
  /** Pinned incidents (REC-6), shown first and not again in their place. */
  pinned: IncidentCopy[];
  nextCursor?: string;
}

type State =
  { phase: 'loading' } | { phase: 'loaded'; value: Loaded } | { phase: 'failed'; problem: Problem };

const unexpected: Problem = {
  title: 'The chronology could not be loaded',
  detail: 'Something went wrong while loading it. Try again in a few minutes.',
};

function highlightedId(): string | undefined {
  return new URLSearchParams(window.location.search).get('highlight') ?? undefined;
}

export function ChronologyTab({ pupil }: PupilTabProps) {
  const reference = useIncidentReference();
  const [state, setState] = useState<State>({ phase: 'loading' });
  const [generation, setGeneration] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);
  const [showParents, setShowParents] = useState(false);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [addingTo, setAddingTo] = useState<string | undefined>();
  const [highlight] = useState(highlightedId);
  const focused = useRef(false);

  useEffect(() => {
    const controller = new AbortController();
    getChronology(pupil.pupilId, undefined, controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        if (!result.ok) return setState({ phase: 'failed', problem: result.problem });
        const { pinned } = result.value;
        const pinnedIds = new Set(pinned.map((item) => item.incidentId));
        setState({
          phase: 'loaded',
          value: {
            pinned,
            items: result.value.items.filter((item) => !pinnedIds.has(item.incidentId)),
            ...(result.value.nextCursor ? { nextCursor: result.value.nextCursor } : {}),
          },
        });
      },
      (error: unknown) => {
        if (!isAbortError(error)) setState({ phase: 'failed', problem: unexpected });
      },
    );
    return () => controller.abort();
  }, [pupil.pupilId, generation]);

  // Once the incident just added is on screen, move to it, as the incumbent highlights it in yellow.
  useEffect(() => {
    if (focused.current || !highlight || state.phase !== 'loaded') return;
    const card = document.getElementById(`incident-${highlight}`);
    if (!card) return;
    focused.current = true;
    card.scrollIntoView({ block: 'start' });
    card.focus();
  }, [highlight, state]);

  const loadMore = useCallback(
    async (current: Loaded) => {
      if (!current.nextCursor) return;
      setLoadingMore(true);
      const result = await getChronology(pupil.pupilId, current.nextCursor);
      setLoadingMore(false);
      if (!result.ok) {
        setState({ phase: 'failed', problem: result.problem });
        return;
      }
      const pinnedIds = new Set(current.pinned.map((item) => item.incidentId));
      setState({
        phase: 'loaded',
        value: {
          pinned: current.pinned,
          items: [...current.items, ...result.value.items.filter((item) => !pinnedIds.has(item.incidentId))],
          ...(result.value.nextCursor ? { nextCursor: result.value.nextCursor } : {}),
        },
      });
    },
    [pupil.pupilId],
  );

  if (state.phase === 'failed' || reference.phase === 'failed') {
    const problem =
      state.phase === 'failed'
        ? state.problem
        : reference.phase === 'failed'
          ? reference.problem
          : unexpected;
    return <AdminProblem problem={problem} />;
  }
  if (state.phase === 'loading' || reference.phase === 'loading') {
    return <p className="loading">Loading the chronology…</p>;
  }
  const { nextCursor, pinned } = state.value;
  const pinnedIds = new Set(pinned.map((item) => item.incidentId));
  const items = [...pinned, ...state.value.items];
  const allShown =
    items.length > 0 && items.every((item) => item.actions.length === 0 || expanded.has(item.incidentId));

  function toggle(incidentId: string) {
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(incidentId)) next.delete(incidentId);
      else next.add(incidentId);
      return next;
    });
  }

  return (
    <section className="chronology" aria-labelledby="chronology-heading">
      <div className="chronology__bar">
        <h2 className="section-title" id="chronology-heading">
          Incidents
        </h2>
        {!pupil.archived && (
          <Link className="button button--small" href={pupilPaths.addIncident(pupil.pupilId)}>
            New incident
          </Link>
        )}
      </div>
      {items.length > 0 && (
        <div className="chronology__controls">
          <button
            type="button"
            className="button button--secondary button--small"
            aria-pressed={showParents}
            onClick={() => setShowParents((shown) => !shown)}
          >
            Toggle parent categories
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            aria-pressed={allShown}
            onClick={() => setExpanded(allShown ? new Set() : new Set(items.map((item) => item.incidentId)))}
          >
            {allShown ? 'Hide all actions' : 'Show all actions'}
          </button>
        </div>
      )}
      {items.length === 0 && <p>There are no incidents you may see for this pupil.</p>}
      <ol className="chronology__list">
        {items.map((incident) => (
          <li key={incident.incidentId}>
            {pinnedIds.has(incident.incidentId) && <p className="tag chronology__pinned">Pinned</p>}
            <IncidentCard
              incident={incident}
              categories={reference.value.categories}
              agencies={reference.value.agencies}
              showParents={showParents}
              showActions={expanded.has(incident.incidentId)}
              onToggleActions={() => toggle(incident.incidentId)}
              highlighted={incident.incidentId === highlight}
              headingLevel="h3"
            >
              {addingTo === incident.incidentId ? (
                <AddActionForm
                  incident={incident}
                  reference={reference.value}
                  onAdded={() => {
                    setAddingTo(undefined);
                    setExpanded((current) => new Set([...current, incident.incidentId]));
                    setGeneration((count) => count + 1);
                  }}
                  onCancel={() => setAddingTo(undefined)}
                />
              ) : (
                <div className="incident-card__buttons">
                  {!incident.deleted && (
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => setAddingTo(incident.incidentId)}
                    >
                      Add action<span className="visually-hidden"> to incident {incident.number}</span>
                    </button>
                  )}
                  <Link
                    className="button button--secondary button--small"
                    href={incidentPaths.incident(incident.incidentId, pupil.pupilId)}
                  >
                    Open<span className="visually-hidden"> incident {incident.number}</span>
                  </Link>
                </div>
              )}
            </IncidentCard>
          </li>
        ))}
      </ol>
      {nextCursor && (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void loadMore(state.value)}
          aria-disabled={loadingMore ? true : undefined}
        >
          {loadingMore ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}

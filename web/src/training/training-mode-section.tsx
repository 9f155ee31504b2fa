/**
 * Admin > Settings, "Training mode" (REC-11): switch it on; while on, review the incidents and actions
 * added in training, untick any that were genuine (they are kept as ordinary records), and switch it
 * off by typing the school's full name. The rest are discarded. A big list is worked through over
 * several requests; this keeps asking until the server says it has finished.
 */
import { useCallback, useState, type FormEvent } from 'react';
import type { Problem } from '../api/problem';
import {
  finishTraining,
  getTraining,
  startTraining,
  TRAINING_CHANGED_EVENT,
  type TrainingEntry,
} from '../api/training';
import { useLoaded } from '../admin/use-loaded';
import { AdminProblem } from '../components/admin-problem';
import { formatUkDateTime } from '../formatting/uk-date-time';
import { incidentPaths } from '../incidents/incident-paths';
import { Link } from '../routing/link';
import './training.css';

function announce() {
  window.dispatchEvent(new Event(TRAINING_CHANGED_EVENT));
}

function describe(entry: TrainingEntry): string {
  const what = entry.actionId ? `Action on incident ${entry.number}` : `Incident ${entry.number}`;
  return `${what}, added by ${entry.recordedBy.name} on ${formatUkDateTime(entry.recordedAt)}`;
}

export function TrainingModeSection() {
  const load = useCallback((signal: AbortSignal) => getTraining(signal), []);
  const { state, reload } = useLoaded(load);
  const [discard, setDiscard] = useState<ReadonlySet<string> | undefined>();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [done, setDone] = useState<string | undefined>();

  if (state.phase === 'loading') return <p className="loading">Loading training mode…</p>;
  if (state.phase === 'failed') return <AdminProblem problem={state.problem} />;
  const status = state.value;
  const incidents = [...new Set(status.entries.map((entry) => entry.incidentId))];
  const ticked = discard ?? new Set(incidents);

  async function start() {
    setBusy(true);
    const result = await startTraining();
    setBusy(false);
    if (!result.ok) return setProblem(result.problem);
    setProblem(undefined);
    setDone(undefined);
    announce();
    reload();
  }

  async function finish(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const keep = incidents.filter((incidentId) => !ticked.has(incidentId));
    let kept = 0;
    let discarded = 0;
    for (;;) {
      const result = await finishTraining(name, keep);
      if (!result.ok) {
        setBusy(false);
        setProblem(result.problem);
        return;
      }
      kept += result.value.kept;
      discarded += result.value.discarded;
      if (result.value.finished) break;
    }
    setBusy(false);
    setProblem(undefined);
    setName('');
    setDiscard(undefined);
    setDone(`Training mode is off. ${discarded} discarded, ${kept} kept as ordinary records.`);
    announce();
    reload();
  }

  function toggle(incidentId: string, checked: boolean) {
    const next = new Set(ticked);
    if (checked) next.add(incidentId);
    else next.delete(incidentId);
    setDiscard(next);
  }

  return (
    <section className="training-review" aria-labelledby="training-heading">
      <h2 id="training-heading">Training mode</h2>
      {done && (
        <p className="notice notice--success" role="status">
          {done}
        </p>
      )}
      {problem && <AdminProblem problem={problem} />}
      {!status.trainingMode ? (
        <>
          <p>
            While training mode is on, every page shows a banner, and incidents and actions added are marked
            as training. When you switch it off you review them, keep any that were genuine, and the rest are
            discarded. Alerts are still sent while it is on.
          </p>
          <button
            type="button"
            className="button"
            onClick={() => void start()}
            aria-disabled={busy || undefined}
          >
            Switch training mode on
          </button>
        </>
      ) : (
        <form onSubmit={(event) => void finish(event)} noValidate>
          <p>
            Training mode is on. These were added while it was on: ticked ones will be discarded. Untick any
            genuine incident to keep it as an ordinary record.
          </p>
          {incidents.length === 0 ? (
            <p>Nothing has been added in training mode.</p>
          ) : (
            <ul className="training-review__list">
              {incidents.map((incidentId) => {
                const group = status.entries.filter((entry) => entry.incidentId === incidentId);
                const first = group[0]!;
                return (
                  <li key={incidentId} className="checkbox">
                    <input
                      className="checkbox__input"
                      type="checkbox"
                      id={`training-${incidentId}`}
                      checked={ticked.has(incidentId)}
                      onChange={(event) => toggle(incidentId, event.target.checked)}
                    />
                    <label className="checkbox__label" htmlFor={`training-${incidentId}`}>
                      Discard: {group.map(describe).join('; ')}
                    </label>{' '}
                    <Link href={incidentPaths.incident(incidentId, first.pupilId)}>Open</Link>
                  </li>
                );
              })}
            </ul>
          )}
          <div className="field">
            <label className="field__label" htmlFor="training-school-name">
              Type the school’s full name to confirm: {status.schoolName}
            </label>
            <input
              id="training-school-name"
              className="field__input"
              value={name}
              autoComplete="off"
              onChange={(event) => setName(event.target.value)}
            />
          </div>
          <button type="submit" className="button button--warning" aria-disabled={busy || undefined}>
            {busy ? 'Switching off…' : 'Switch training mode off'}
          </button>
        </form>
      )}
    </section>
  );
}

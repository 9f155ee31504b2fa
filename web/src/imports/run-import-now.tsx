/**
 * "Run import now": asks first (the newest extract is applied straight away instead of at night),
 * then says when the run starts. A refusal (409: nothing received yet, or a run under way) shows the
 * API's own explanation.
 */
import { useState } from 'react';
import { runMisImportNow } from '../api/mis-imports';
import { ActionNotice, type ActionOutcome } from '../components/action-notice';
import { formatUkTime } from '../formatting/uk-date-time';

export function RunImportNow({ onRequested }: { onRequested?: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ActionOutcome | undefined>();

  async function run() {
    if (busy) return;
    setBusy(true);
    const result = await runMisImportNow();
    setBusy(false);
    setConfirming(false);
    setOutcome(
      result.ok
        ? {
            kind: 'done',
            text: `The import starts at ${formatUkTime(result.value.startsAt)}; refresh to see it.`,
          }
        : { kind: 'failed', problem: result.problem },
    );
    if (result.ok) onRequested?.();
  }

  return (
    <section className="admin-section" aria-labelledby="import-run-heading">
      <h2 className="section-title" id="import-run-heading">
        Run import now
      </h2>
      <p className="hint">
        Lantern applies the newest extract your MIS connector sent every night. Run it now if you cannot wait,
        for example after a pupil joins today.
      </p>
      <ActionNotice outcome={outcome} />
      {confirming ? (
        <div className="import-run">
          <p className="import-run__question">
            Apply the newest extract now? Pupils, classes, contacts and attendance change to match it.
          </p>
          <button
            className="button"
            type="button"
            onClick={() => void run()}
            aria-disabled={busy ? true : undefined}
          >
            {busy ? 'Starting…' : 'Yes, run the import now'}
          </button>
          <button className="button button--secondary" type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <div className="import-run">
          <button
            className="button"
            type="button"
            onClick={() => {
              setOutcome(undefined);
              setConfirming(true);
            }}
          >
            Run import now
          </button>
        </div>
      )}
    </section>
  );
}

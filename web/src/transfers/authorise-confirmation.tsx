/**
 * The step before "Authorise" (seed guide): it cannot be undone or re-sent; only incidents with a
 * category ticked in the transfer settings go (listed here from the settings and the category names);
 * check the pupil's incident text and document vault for names first.
 */
import { useCallback } from 'react';
import { listCategoryTree } from '../api/categories';
import { adminPaths } from '../admin/admin-routes';
import { bothLoaded, useLoaded } from '../admin/use-loaded';
import { AdminProblem } from '../components/admin-problem';
import { pupilPaths } from '../pupils/pupil-paths';
import { Link } from '../routing/link';
import { chosenLabels, transferCategoryOptions } from './transfer-categories';
import { fetchTransferSettings, type TransferView } from './transfers-api';

interface AuthoriseConfirmationProps {
  view: TransferView;
  busy: boolean;
  onConfirm: () => void;
  onBack: () => void;
}

export function AuthoriseConfirmation({ view, busy, onConfirm, onBack }: AuthoriseConfirmationProps) {
  const load = useCallback(
    (signal: AbortSignal) => bothLoaded(fetchTransferSettings(signal), listCategoryTree(signal)),
    [],
  );
  const { state } = useLoaded(load);
  const pupilId = view.from.pupilId;
  const labels =
    state.phase === 'loaded'
      ? chosenLabels(transferCategoryOptions(state.value[1]), state.value[0].categoryIds)
      : [];

  return (
    <div className="transfer-confirm" role="group" aria-labelledby="transfer-confirm-heading">
      <h3 className="subsection-title" id="transfer-confirm-heading">
        Authorise sending {view.from.pupilName}&apos;s records to {view.to.schoolName}?
      </h3>
      <p>
        <strong>This cannot be undone, and the records cannot be re-sent.</strong> Lantern copies the
        incidents, their actions and files, and the pupil&apos;s document vault under your transfer settings
        as they are now.
      </p>
      {state.phase === 'loading' && <p className="loading">Loading your transfer settings…</p>}
      {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
      {state.phase === 'loaded' &&
        (labels.length === 0 ? (
          <p className="notice notice--info" data-testid="transfer-confirm-categories">
            No categories are ticked in your transfer settings, so no incidents will be sent (only the
            document vault). <Link href={adminPaths.transferSettings}>Manage Transfer Settings</Link>
          </p>
        ) : (
          <div data-testid="transfer-confirm-categories">
            <p>Incidents with at least one of these categories will be sent:</p>
            <ul className="transfer-categories">
              {labels.map((label) => (
                <li key={label}>{label}</li>
              ))}
            </ul>
          </div>
        ))}
      <p>
        Incident text is sent exactly as written; staff names are replaced by your school&apos;s name and
        linked pupils&apos; names are hidden. Before authorising, check the pupil&apos;s{' '}
        <Link href={pupilPaths.tab(pupilId, 'chronology')}>incidents</Link> and{' '}
        <Link href={pupilPaths.tab(pupilId, 'vault')}>document vault</Link> for names that should not go, and
        edit them (for example to initials) if your procedures require it.
      </p>
      <div className="transfer-actions__buttons">
        <button
          className="button"
          type="button"
          onClick={() => {
            // Not before the categories that will go are on screen.
            if (!busy && state.phase !== 'loading') onConfirm();
          }}
          aria-disabled={busy || state.phase === 'loading' ? true : undefined}
        >
          {busy ? 'Authorising…' : 'Yes, authorise the transfer'}
        </button>
        <button className="button button--secondary" type="button" onClick={onBack}>
          Not now
        </button>
      </div>
    </div>
  );
}

/**
 * A user's automatic alerts (REC-5): "alert them to every new incident in this category". Only
 * categories their user group lets them see are accepted; the server says so otherwise. Rules about one
 * pupil or class are listed here too (they are set through the API for now).
 */
import { useCallback, useState, type FormEvent } from 'react';
import type { UserDetail } from '../../../api/admin-users';
import {
  addUserCategoryAlert,
  listUserAutoAlerts,
  removeUserAutoAlert,
  type AutoAlertRule,
} from '../../../api/auto-alerts';
import { listCategoryTree } from '../../../api/categories';
import { bothLoaded, useLoaded } from '../../../admin/use-loaded';
import type { ActionOutcome } from '../../../components/action-notice';
import { AdminProblem } from '../../../components/admin-problem';
import { SelectField } from '../../../components/select-field';

const KIND_NAMES: Readonly<Record<AutoAlertRule['kind'], string>> = {
  category: 'Category',
  pupil: 'Pupil',
  class: 'Class or group',
};

interface UserAutoAlertsSectionProps {
  user: UserDetail;
  onDone: (outcome: ActionOutcome) => void;
}

export function UserAutoAlertsSection({ user, onDone }: UserAutoAlertsSectionProps) {
  const load = useCallback(
    (signal: AbortSignal) => bothLoaded(listUserAutoAlerts(user.personId, signal), listCategoryTree(signal)),
    [user.personId],
  );
  const { state } = useLoaded(load);
  const [categoryId, setCategoryId] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!categoryId) return setError('Choose a category');
    setError(undefined);
    setBusy(true);
    const result = await addUserCategoryAlert(user.personId, categoryId);
    setBusy(false);
    onDone(
      result.ok
        ? {
            kind: 'done',
            text: `${user.displayName} will be alerted to every new ${result.value.targetName} incident.`,
          }
        : { kind: 'failed', problem: result.problem },
    );
  }

  async function remove(rule: AutoAlertRule) {
    const result = await removeUserAutoAlert(user.personId, rule.ruleId);
    onDone(
      result.ok
        ? { kind: 'done', text: `Removed the automatic alert for ${rule.targetName}.` }
        : { kind: 'failed', problem: result.problem },
    );
  }

  return (
    <section className="admin-section" aria-labelledby="user-auto-alerts-heading">
      <h2 className="section-title" id="user-auto-alerts-heading">
        Automatic alerts
      </h2>
      {state.phase === 'loading' && <p className="loading">Loading…</p>}
      {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
      {state.phase === 'loaded' && (
        <>
          {state.value[0].length === 0 ? (
            <p>{user.displayName} has no automatic alerts.</p>
          ) : (
            <ul>
              {state.value[0].map((rule) => (
                <li key={rule.ruleId}>
                  {KIND_NAMES[rule.kind]}: {rule.targetName}{' '}
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => void remove(rule)}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
          <form onSubmit={(event) => void add(event)} noValidate>
            <SelectField
              id="auto-alert-category"
              label="Alert them to every new incident in"
              placeholder="Choose a category"
              options={state.value[1].flatMap((top) => [
                { value: top.categoryId, label: top.name },
                ...top.subCategories.map((sub) => ({
                  value: sub.categoryId,
                  label: `${top.name} > ${sub.name}`,
                })),
              ])}
              value={categoryId}
              onChange={setCategoryId}
              error={error}
            />
            <button type="submit" className="button button--secondary" aria-disabled={busy || undefined}>
              Add automatic alert
            </button>
          </form>
        </>
      )}
    </section>
  );
}

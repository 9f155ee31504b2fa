/**
 * Manage Transfer Settings (TRF-3): which of this school's categories transfer when it authorises a
 * transfer out. None are ticked by default; the settings in force at the moment of authorisation apply,
 * so a category added later transfers only once it is ticked here. Saving sends the version read, so a
 * change made meanwhile is reported (409) instead of overwritten.
 */
import { useCallback, useState, type FormEvent } from 'react';
import { listCategoryTree } from '../api/categories';
import { adminPaths } from '../admin/admin-routes';
import { refusalState, useFormState, type FormFields } from '../admin/form-state';
import { bothLoaded, useLoaded } from '../admin/use-loaded';
import { ActionNotice, type ActionOutcome } from '../components/action-notice';
import { AdminPage } from '../components/admin-page';
import { AdminProblem } from '../components/admin-problem';
import { Checkbox } from '../components/checkbox';
import { FormProblems } from '../components/form-problems';
import { UkDateTime } from '../components/summary-row';
import { Link } from '../routing/link';
import { transferCategoryOptions, type TransferCategoryOption } from './transfer-categories';
import { fetchTransferSettings, saveTransferSettings, type TransferSettings } from './transfers-api';
import './transfers.css';

type Field = 'categoryIds';

const checkboxId = (categoryId: string) => `transfer-category-${categoryId}`;

interface SettingsFormProps {
  settings: TransferSettings;
  options: readonly TransferCategoryOption[];
  onSaved: (outcome: ActionOutcome) => void;
  onReload: () => void;
}

function SettingsForm({ settings, options, onSaved, onReload }: SettingsFormProps) {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(settings.categoryIds));
  const form = useFormState<Field>();
  const fields: FormFields<Field> = {
    categoryIds: { id: checkboxId(options[0]?.categoryId ?? 'none'), label: 'Categories' },
  };

  function toggle(categoryId: string, checked: boolean) {
    setChosen((current) => {
      const next = new Set(current);
      if (checked) next.add(categoryId);
      else next.delete(categoryId);
      return next;
    });
  }

  async function submit() {
    form.setState({ kind: 'submitting' });
    // In the tree's order, so the saved list reads as the page does.
    const categoryIds = options.map((option) => option.categoryId).filter((id) => chosen.has(id));
    const result = await saveTransferSettings(categoryIds, settings.version);
    if (!result.ok) {
      form.setState(refusalState(result.problem, fields));
      return;
    }
    form.setState({ kind: 'editing' });
    const count = result.value.categoryIds.length;
    onSaved({
      kind: 'done',
      text:
        count === 0
          ? 'Transfer settings updated: no categories transfer.'
          : `Transfer settings updated: ${count} ${count === 1 ? 'category transfers' : 'categories transfer'}.`,
    });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.submitting) void submit();
  }

  return (
    <>
      <FormProblems state={form.state} fields={fields} alertRef={form.alertRef} onReload={onReload} />
      <form className="form" noValidate onSubmit={handleSubmit} aria-busy={form.submitting}>
        <fieldset className="fieldset">
          <legend className="fieldset__legend">Categories that transfer</legend>
          {options.length === 0 ? (
            <p>
              This school has no categories yet.{' '}
              <Link href={adminPaths.categories}>Add them under Categories</Link>
            </p>
          ) : (
            <div className="checkbox-list transfer-category-list">
              {options.map((option) => (
                <div key={option.categoryId} className={option.isSub ? 'transfer-category--sub' : undefined}>
                  <Checkbox
                    id={checkboxId(option.categoryId)}
                    label={option.disabled ? `${option.label} (disabled)` : option.label}
                    checked={chosen.has(option.categoryId)}
                    onChange={(checked) => toggle(option.categoryId, checked)}
                    error={option === options[0] ? form.errors.categoryIds : undefined}
                  />
                </div>
              ))}
            </div>
          )}
        </fieldset>
        <button className="button" type="submit" aria-disabled={form.submitting ? true : undefined}>
          {form.submitting ? 'Updating…' : 'Update'}
        </button>
      </form>
    </>
  );
}

export function TransferSettingsPage() {
  const load = useCallback(
    (signal: AbortSignal) => bothLoaded(fetchTransferSettings(signal), listCategoryTree(signal)),
    [],
  );
  const { state, reload, answers } = useLoaded(load);
  const [outcome, setOutcome] = useState<ActionOutcome | undefined>();

  function handleSaved(next: ActionOutcome) {
    setOutcome(next);
    reload();
  }

  const settings = state.phase === 'loaded' ? state.value[0] : undefined;
  return (
    <AdminPage
      title="Manage Transfer Settings"
      lede="Tick the categories whose incidents may be sent to a pupil's new school. An incident transfers when at least one of its categories is ticked."
    >
      <p>
        <Link href={adminPaths.transfers}>Back to Transfers</Link>
      </p>
      <div className="transfer-settings-guidance">
        <p>
          None are ticked to begin with: if none are ticked when you authorise a transfer, the new school
          receives no incidents (only the pupil&apos;s document vault).
        </p>
        <p>
          The settings in force when you authorise a transfer are the ones that apply, so review them before
          authorising. When you add a category, tick it here if its incidents should transfer too.
        </p>
      </div>
      <ActionNotice outcome={outcome} />
      {state.phase === 'loading' && <p className="loading">Loading transfer settings…</p>}
      {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
      {state.phase === 'loaded' && (
        <SettingsForm
          key={answers}
          settings={state.value[0]}
          options={transferCategoryOptions(state.value[1])}
          onSaved={handleSaved}
          onReload={reload}
        />
      )}
      {settings?.updatedAt && (
        <p className="hint">
          Last updated <UkDateTime at={settings.updatedAt} />
          {settings.updatedBy ? ` by ${settings.updatedBy.name}` : ''}.
        </p>
      )}
    </AdminPage>
  );
}

/**
 * Automatic alert rules (REC-5): "alert me (or them) to every new incident and action in a category,
 * about a pupil, or about a pupil in a class or group". Lists the rules with Remove, and adds one by
 * category, by pupil (the pupil picker) or by class. Used for one's own rules (the Alert me page) and by
 * an admin for a user's (their user page); the API checks the rest (a category the person's user group
 * does not let them see is refused, naming the field).
 */
import { useCallback, useState, type FormEvent } from 'react';
import type { ApiResult } from '../api/api-result';
import {
  addAutoAlert,
  listAutoAlerts,
  removeAutoAlert,
  type AutoAlertOwner,
  type AutoAlertRule,
  type AutoAlertTarget,
} from '../api/auto-alerts';
import { listCategoryTree, type CategoryView } from '../api/categories';
import type { PupilRef } from '../api/incidents';
import type { Problem } from '../api/problem';
import { useLoaded } from '../admin/use-loaded';
import { ActionNotice, type ActionOutcome } from '../components/action-notice';
import { AdminProblem } from '../components/admin-problem';
import { SelectField } from '../components/select-field';
import { PupilPicker } from '../incidents/pupil-picker';
import { RadioChoice } from '../incidents/radio-choice';
import { PupilName } from '../pupils/pupil-name';
import './dashboard.css';

export interface ClassOption {
  classId: string;
  name: string;
}

type Kind = AutoAlertRule['kind'];

const KIND_NAMES: Readonly<Record<Kind, string>> = {
  category: 'Category',
  pupil: 'Pupil',
  class: 'Class or group',
};

interface Loaded {
  rules: AutoAlertRule[];
  tree: CategoryView[];
  /** Undefined when this person may not list classes: class rules cannot be chosen here then. */
  classes: ClassOption[] | undefined;
}

async function loadAll(
  owner: AutoAlertOwner,
  loadClasses: (signal: AbortSignal) => Promise<ApiResult<ClassOption[]>>,
  signal: AbortSignal,
): Promise<ApiResult<Loaded>> {
  const [rules, tree, classes] = await Promise.all([
    listAutoAlerts(owner, signal),
    listCategoryTree(signal),
    loadClasses(signal),
  ]);
  if (!rules.ok) return rules;
  if (!tree.ok) return tree;
  return {
    ok: true,
    value: { rules: rules.value, tree: tree.value, classes: classes.ok ? classes.value : undefined },
  };
}

function categoryOptions(tree: readonly CategoryView[]) {
  return tree.flatMap((top) => [
    { value: top.categoryId, label: top.name },
    ...top.subCategories.map((sub) => ({ value: sub.categoryId, label: `${top.name} > ${sub.name}` })),
  ]);
}

/** The words that differ between one's own rules and a user's. */
export interface RuleWording {
  /** "You have no automatic alerts." */
  none: string;
  /** "Alert me to every new incident and action" */
  lead: string;
  /** Why class rules are not offered, when the classes could not be listed. */
  noClasses: string;
}

interface AddRuleFormProps {
  idPrefix: string;
  wording: RuleWording;
  loaded: Loaded;
  onAdd: (target: AutoAlertTarget) => Promise<Problem | undefined>;
}

function AddRuleForm({ idPrefix, wording, loaded, onAdd }: AddRuleFormProps) {
  const [kind, setKind] = useState<Kind>('category');
  const [categoryId, setCategoryId] = useState('');
  const [pupil, setPupil] = useState<PupilRef | undefined>();
  const [classId, setClassId] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const kinds = [
    { value: 'category' as const, label: 'In a category' },
    { value: 'pupil' as const, label: 'About a pupil' },
    ...(loaded.classes ? [{ value: 'class' as const, label: 'About a pupil in a class or group' }] : []),
  ];

  function target(): AutoAlertTarget | string {
    switch (kind) {
      case 'category':
        return categoryId ? { kind, categoryId } : 'Choose a category';
      case 'pupil':
        return pupil ? { kind, pupilId: pupil.pupilId } : 'Choose a pupil';
      case 'class':
        return classId ? { kind, classId } : 'Choose a class or group';
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const chosen = target();
    if (typeof chosen === 'string') return setError(chosen);
    setError(undefined);
    setBusy(true);
    const problem = await onAdd(chosen);
    setBusy(false);
    // A refusal naming the target (a category they may not see) shows beside the field.
    const reason = problem?.errors?.find((entry) => entry.field.startsWith('body.target'))?.reason;
    if (reason) setError(`This ${KIND_NAMES[kind].toLowerCase()} cannot be chosen: ${reason}`);
  }

  return (
    <form className="form auto-alert-form" noValidate onSubmit={(event) => void submit(event)}>
      <RadioChoice
        id={`${idPrefix}-kind`}
        legend={`${wording.lead}…`}
        options={kinds}
        value={kind}
        onChange={(next) => {
          setKind(next);
          setError(undefined);
        }}
      />
      {kind === 'category' && (
        <SelectField
          id={`${idPrefix}-category`}
          label="Category"
          placeholder="Choose a category"
          options={categoryOptions(loaded.tree)}
          value={categoryId}
          onChange={setCategoryId}
          error={error}
        />
      )}
      {kind === 'pupil' && (
        <PupilPicker
          id={`${idPrefix}-pupil`}
          label="Pupil"
          chosen={pupil}
          onChoose={setPupil}
          error={error}
        />
      )}
      {kind === 'class' && loaded.classes && (
        <SelectField
          id={`${idPrefix}-class`}
          label="Class or group"
          placeholder="Choose a class or group"
          options={loaded.classes.map((choice) => ({ value: choice.classId, label: choice.name }))}
          value={classId}
          onChange={setClassId}
          error={error}
        />
      )}
      <button type="submit" className="button button--secondary" aria-disabled={busy || undefined}>
        Add automatic alert
      </button>
    </form>
  );
}

function RuleTarget({ rule }: { rule: AutoAlertRule }) {
  return rule.kind === 'pupil' ? <PupilName name={rule.targetName} /> : <>{rule.targetName}</>;
}

interface AutoAlertRulesEditorProps {
  owner: AutoAlertOwner;
  /** Ids in the page start with this, so two editors could share a page. */
  idPrefix: string;
  wording: RuleWording;
  /** The classes and groups a class rule may name; a refusal leaves class rules out. */
  loadClasses: (signal: AbortSignal) => Promise<ApiResult<ClassOption[]>>;
  /** Told every outcome instead of showing it here (the page shows it and loads this again). */
  onDone?: (outcome: ActionOutcome) => void;
}

export function AutoAlertRulesEditor({
  owner,
  idPrefix,
  wording,
  loadClasses,
  onDone,
}: AutoAlertRulesEditorProps) {
  // Loaded again when the owner is someone else, not when the page makes a new owner object.
  const personId = owner.kind === 'user' ? owner.personId : undefined;
  const load = useCallback(
    (signal: AbortSignal) =>
      loadAll(personId === undefined ? { kind: 'me' } : { kind: 'user', personId }, loadClasses, signal),
    [personId, loadClasses],
  );
  const { state, reload, answers } = useLoaded(load);
  const [outcome, setOutcome] = useState<ActionOutcome | undefined>();

  function done(next: ActionOutcome) {
    if (onDone) return onDone(next);
    setOutcome(next);
    if (next.kind === 'done') reload();
  }

  async function add(target: AutoAlertTarget): Promise<Problem | undefined> {
    const result = await addAutoAlert(owner, target);
    if (!result.ok) {
      if (!result.problem.errors?.some((entry) => entry.field.startsWith('body.target'))) {
        done({ kind: 'failed', problem: result.problem });
      }
      return result.problem;
    }
    // A pupil's name stays out of the notice, which "Hide names" does not reach.
    const what = result.value.kind === 'pupil' ? 'the chosen pupil' : result.value.targetName;
    done({ kind: 'done', text: `Added an automatic alert for ${what}.` });
    return undefined;
  }

  async function remove(rule: AutoAlertRule) {
    const result = await removeAutoAlert(owner, rule.ruleId);
    done(
      result.ok
        ? { kind: 'done', text: 'Removed the automatic alert.' }
        : { kind: 'failed', problem: result.problem },
    );
  }

  return (
    <>
      {!onDone && <ActionNotice outcome={outcome} onReload={reload} />}
      {state.phase === 'loading' && <p className="loading">Loading…</p>}
      {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
      {state.phase === 'loaded' && (
        <>
          {state.value.rules.length === 0 ? (
            <p>{wording.none}</p>
          ) : (
            <ul className="auto-alert-list" aria-label="Automatic alerts">
              {state.value.rules.map((rule) => (
                <li key={rule.ruleId} className="auto-alert-list__item">
                  <span>
                    {KIND_NAMES[rule.kind]}: <RuleTarget rule={rule} />
                  </span>{' '}
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() => void remove(rule)}
                  >
                    Remove
                    <span className="visually-hidden">
                      {' '}
                      the alert for <RuleTarget rule={rule} />
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {/* A fresh answer after a change starts the form again, empty. */}
          <AddRuleForm key={answers} idPrefix={idPrefix} wording={wording} loaded={state.value} onAdd={add} />
          {!state.value.classes && <p className="hint">{wording.noClasses}</p>}
        </>
      )}
    </>
  );
}

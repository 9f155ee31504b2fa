/**
 * Admin > Classes: whether class restrictions are on, the tutor and year groups (marking those whose
 * access nobody has set yet) and adding one by hand. The MIS import adds the rest in a later release.
 */
import { useState, type FormEvent } from 'react';
import {
  CLASS_KINDS,
  createClass,
  listClasses,
  type ClassGroup,
  type ClassKind,
} from '../../api/admin-classes';
import { noticeFor } from '../../admin/admin-notice';
import { adminPaths } from '../../admin/admin-routes';
import { refusalState, useFormState, type FieldErrors, type FormFields } from '../../admin/form-state';
import { useLoaded } from '../../admin/use-loaded';
import { ActionNotice, type ActionOutcome } from '../../components/action-notice';
import { AdminPage } from '../../components/admin-page';
import { AdminProblem } from '../../components/admin-problem';
import { FormProblems } from '../../components/form-problems';
import { TextField } from '../../components/text-field';
import { Link } from '../../routing/link';

type Field = 'name' | 'kind';

const FIELDS: FormFields<Field> = {
  name: { id: 'class-name', label: 'Name' },
  kind: { id: 'class-kind-tutor', label: 'Kind of class' },
};

const KIND_NAMES: Readonly<Record<ClassKind, string>> = { tutor: 'Tutor group', year: 'Year group' };

function accessSummary(classGroup: ClassGroup): string {
  const people = classGroup.access.personIds.length;
  const groups = classGroup.access.groupIds.length;
  if (people === 0 && groups === 0) return 'Nobody';
  const parts = [];
  if (groups > 0) parts.push(groups === 1 ? '1 user group' : `${groups} user groups`);
  if (people > 0) parts.push(people === 1 ? '1 user' : `${people} users`);
  return parts.join(', ');
}

function AddClassForm({ onAdded }: { onAdded: (outcome: ActionOutcome) => void }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ClassKind | ''>('');
  const form = useFormState<Field>();

  async function submit() {
    const trimmed = name.trim();
    const errors: FieldErrors<Field> = {};
    if (trimmed === '') errors.name = 'Enter the name of the class';
    if (kind === '') errors.kind = 'Choose whether it is a tutor group or a year group';
    if (Object.keys(errors).length > 0 || kind === '') {
      form.setState({ kind: 'invalid', errors });
      return;
    }
    form.setState({ kind: 'submitting' });
    const result = await createClass(trimmed, kind);
    if (!result.ok) {
      form.setState(refusalState(result.problem, FIELDS));
      return;
    }
    form.setState({ kind: 'editing' });
    setName('');
    setKind('');
    onAdded({
      kind: 'done',
      text: `Added the ${KIND_NAMES[result.value.kind].toLowerCase()} ${result.value.name}. Choose who may see its pupils next.`,
    });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.submitting) void submit();
  }

  return (
    <section className="admin-section" aria-labelledby="add-class-heading">
      <h2 className="section-title" id="add-class-heading">
        Add a class
      </h2>
      <FormProblems state={form.state} fields={FIELDS} alertRef={form.alertRef} />
      <form className="form" noValidate onSubmit={handleSubmit} aria-busy={form.submitting}>
        <TextField
          id={FIELDS.name.id}
          label="Name"
          hint="For example, 7R or Year 7"
          value={name}
          onChange={setName}
          error={form.errors.name}
        />
        <fieldset
          className={form.errors.kind ? 'fieldset field--error' : 'fieldset'}
          aria-describedby={form.errors.kind ? 'class-kind-error' : undefined}
        >
          <legend className="fieldset__legend">Kind of class</legend>
          {form.errors.kind && (
            <p className="field__error" id="class-kind-error">
              <span className="visually-hidden">Error: </span>
              {form.errors.kind}
            </p>
          )}
          <div className="radios">
            {CLASS_KINDS.map((option) => (
              <div className="radio" key={option}>
                <input
                  className="radio__input"
                  type="radio"
                  id={`class-kind-${option}`}
                  name="class-kind"
                  value={option}
                  checked={kind === option}
                  onChange={() => setKind(option)}
                />
                <label className="radio__label" htmlFor={`class-kind-${option}`}>
                  {KIND_NAMES[option]}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <button className="button" type="submit" aria-disabled={form.submitting ? true : undefined}>
          {form.submitting ? 'Adding…' : 'Add class'}
        </button>
      </form>
    </section>
  );
}

export function ClassesPage({ mayChangeSettings }: { mayChangeSettings: boolean }) {
  const { state, reload } = useLoaded(listClasses);
  const [outcome, setOutcome] = useState<ActionOutcome | undefined>();

  function handleAdded(next: ActionOutcome) {
    setOutcome(next);
    reload();
  }

  return (
    <AdminPage title="Classes" notice={noticeFor(adminPaths.classes)}>
      {state.phase === 'loaded' && (
        <div
          className={state.value.classRestrictionsEnabled ? 'notice notice--info' : 'notice notice--muted'}
        >
          <p className="notice__text">
            {state.value.classRestrictionsEnabled
              ? 'Class restrictions are on: key holders see only pupils in the classes they are given here.'
              : 'Class restrictions are off: who is given each class has no effect until they are turned on.'}
          </p>
          {mayChangeSettings && (
            <p className="notice__text">
              <Link href={adminPaths.settings}>Change this in Settings</Link>
            </p>
          )}
        </div>
      )}
      <ActionNotice outcome={outcome} />
      {state.phase === 'loading' && <p className="loading">Loading classes…</p>}
      {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
      {state.phase === 'loaded' && state.value.classes.length === 0 && <p>There are no classes yet.</p>}
      {state.phase === 'loaded' && state.value.classes.length > 0 && (
        <table className="table admin-table">
          <caption className="visually-hidden">Tutor and year groups</caption>
          <thead>
            <tr>
              <th scope="col">Class</th>
              <th scope="col">Kind</th>
              <th scope="col">Who may see its pupils</th>
            </tr>
          </thead>
          <tbody>
            {state.value.classes.map((classGroup) => (
              <tr key={classGroup.classId}>
                <th scope="row" className="admin-table__name">
                  <Link href={adminPaths.classAccess(classGroup.classId)}>{classGroup.name}</Link>
                </th>
                <td>{KIND_NAMES[classGroup.kind]}</td>
                <td>
                  {classGroup.awaitingAccess ? (
                    <span className="tag tag--awaiting">Awaiting access</span>
                  ) : (
                    accessSummary(classGroup)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AddClassForm onAdded={handleAdded} />
    </AdminPage>
  );
}

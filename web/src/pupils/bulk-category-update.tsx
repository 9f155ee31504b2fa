/**
 * "Update categories" on a class register (seed 8.12, bulk monitor): tick pupils, choose a category,
 * add or remove it, and from which date. Each pupil is changed on its own, so the outcome is reported
 * per pupil and sending again changes nothing more.
 */
import { useState, type FormEvent } from 'react';
import { bulkMonitoring, type BulkOutcome } from '../api/monitoring';
import type { CategoryChoice, PupilListItem } from '../api/pupils';
import { refusalState, useFormState, type FieldErrors, type FormFields } from '../admin/form-state';
import { FormProblems } from '../components/form-problems';
import { SelectField } from '../components/select-field';
import { TextField } from '../components/text-field';
import { PupilResults } from './pupil-results';

type Field = 'pupilIds' | 'categoryId' | 'operation' | 'date';

const FIELDS: FormFields<Field> = {
  pupilIds: { id: 'bulk-select-all', label: 'Pupils' },
  categoryId: { id: 'bulk-category', label: 'Category' },
  operation: { id: 'bulk-operation-add', label: 'Add or remove' },
  date: { id: 'bulk-date', label: 'Date' },
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function summary(outcomes: readonly { outcome: BulkOutcome }[], category: string, adding: boolean): string {
  const count = (outcome: BulkOutcome) => outcomes.filter((entry) => entry.outcome === outcome).length;
  const changed = count(adding ? 'started' : 'stopped');
  const parts = [
    `${adding ? 'Now monitoring' : 'Stopped monitoring'} ${changed} ${changed === 1 ? 'pupil' : 'pupils'} ${adding ? 'under' : 'for'} ${category}.`,
  ];
  if (count('unchanged') > 0) parts.push(`${count('unchanged')} already ${adding ? 'were' : 'were not'}.`);
  if (count('conflict') > 0) parts.push(`${count('conflict')} changed meanwhile: try them again.`);
  if (count('not-found') > 0) parts.push(`${count('not-found')} could not be found.`);
  return parts.join(' ');
}

interface BulkProps {
  pupils: readonly PupilListItem[];
  categories: readonly CategoryChoice[];
  onCancel: () => void;
  onDone: (summary: string) => void;
}

export function BulkCategoryUpdate({ pupils, categories, onCancel, onDone }: BulkProps) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [categoryId, setCategoryId] = useState('');
  const [operation, setOperation] = useState<'add' | 'remove' | ''>('');
  const [date, setDate] = useState('');
  const form = useFormState<Field>();
  const allSelected = pupils.length > 0 && selected.size === pupils.length;

  function toggle(pupilId: string, checked: boolean) {
    const next = new Set(selected);
    if (checked) next.add(pupilId);
    else next.delete(pupilId);
    setSelected(next);
  }

  async function submit() {
    const errors: FieldErrors<Field> = {};
    if (selected.size === 0) errors.pupilIds = 'Tick at least one pupil';
    if (!categoryId) errors.categoryId = 'Choose a category';
    if (!operation) errors.operation = 'Choose whether to add or remove the category';
    if (date.trim() && !ISO_DATE.test(date.trim()))
      errors.date = 'Enter the date as year-month-day, for example 2025-09-01';
    if (Object.keys(errors).length > 0 || !operation) {
      form.setState({ kind: 'invalid', errors });
      return;
    }
    form.setState({ kind: 'submitting' });
    const result = await bulkMonitoring({
      pupilIds: [...selected],
      categoryId,
      operation,
      ...(date.trim() ? { date: date.trim() } : {}),
    });
    if (!result.ok) {
      form.setState(refusalState(result.problem, FIELDS));
      return;
    }
    form.setState({ kind: 'editing' });
    const name = categories.find((category) => category.categoryId === categoryId)?.name ?? 'the category';
    onDone(summary(result.value, name, operation === 'add'));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.submitting) void submit();
  }

  return (
    <form className="form bulk-update" noValidate onSubmit={handleSubmit} aria-busy={form.submitting}>
      <FormProblems state={form.state} fields={FIELDS} alertRef={form.alertRef} />
      <fieldset className={form.errors.pupilIds ? 'fieldset field--error' : 'fieldset'}>
        <legend className="fieldset__legend">Pupils to update</legend>
        {form.errors.pupilIds && (
          <p className="field__error">
            <span className="visually-hidden">Error: </span>
            {form.errors.pupilIds}
          </p>
        )}
        <div className="checkbox">
          <input
            className="checkbox__input"
            type="checkbox"
            id={FIELDS.pupilIds.id}
            checked={allSelected}
            onChange={(event) =>
              setSelected(event.target.checked ? new Set(pupils.map((pupil) => pupil.pupilId)) : new Set())
            }
          />
          <label className="checkbox__label" htmlFor={FIELDS.pupilIds.id}>
            Select all {pupils.length} pupils
          </label>
        </div>
        <PupilResults items={pupils} selection={{ selected, onToggle: toggle }} />
      </fieldset>
      <SelectField
        id={FIELDS.categoryId.id}
        label="Category"
        placeholder="Choose a category"
        options={categories.map((category) => ({ value: category.categoryId, label: category.name }))}
        value={categoryId}
        onChange={setCategoryId}
        error={form.errors.categoryId}
      />
      <fieldset
        className={form.errors.operation ? 'fieldset field--error' : 'fieldset'}
        aria-describedby={form.errors.operation ? 'bulk-operation-error' : undefined}
      >
        <legend className="fieldset__legend">Add or remove</legend>
        {form.errors.operation && (
          <p className="field__error" id="bulk-operation-error">
            <span className="visually-hidden">Error: </span>
            {form.errors.operation}
          </p>
        )}
        <div className="radios">
          {(['add', 'remove'] as const).map((option) => (
            <div className="radio" key={option}>
              <input
                className="radio__input"
                type="radio"
                id={`bulk-operation-${option}`}
                name="bulk-operation"
                checked={operation === option}
                onChange={() => setOperation(option)}
              />
              <label className="radio__label" htmlFor={`bulk-operation-${option}`}>
                {option === 'add'
                  ? 'Start monitoring under this category'
                  : 'Stop monitoring under this category'}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <TextField
        id={FIELDS.date.id}
        label="Date (optional)"
        hint="When monitoring starts, or the last day monitored, as year-month-day. Leave empty for today."
        value={date}
        onChange={setDate}
        error={form.errors.date}
        narrow
      />
      <div className="button-group">
        <button className="button" type="submit" aria-disabled={form.submitting ? true : undefined}>
          {form.submitting
            ? 'Updating…'
            : `Update ${selected.size} ${selected.size === 1 ? 'pupil' : 'pupils'}`}
        </button>
        <button className="link-button" type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

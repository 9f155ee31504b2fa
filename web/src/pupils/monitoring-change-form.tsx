/**
 * Starting and stopping monitoring by hand (seed 8.12 "Monitoring Options"): tick the categories the
 * pupil should be monitored under; newly ticked ones start from the start date, unticked ones stop
 * with the end date. Both dates default to today.
 */
import { useState, type FormEvent } from 'react';
import { changeMonitoring, type MonitoringHistory } from '../api/monitoring';
import { refusalState, useFormState, type FieldErrors, type FormFields } from '../admin/form-state';
import { Checkbox } from '../components/checkbox';
import { FormProblems } from '../components/form-problems';
import { DateInput, isEmptyDate, isoDateOf, partsOf, type DateParts } from './date-input';

type Field = 'start' | 'startDate' | 'endDate';

const FIELDS: FormFields<Field> = {
  start: { id: 'monitoring-categories', label: 'Categories' },
  startDate: { id: 'monitoring-start-date', label: 'Start date' },
  endDate: { id: 'monitoring-end-date', label: 'End date' },
};

interface ChangeFormProps {
  pupilId: string;
  history: MonitoringHistory;
  onChanged: (summary: string) => void;
  onCancel: () => void;
}

export function MonitoringChangeForm({ pupilId, history, onChanged, onCancel }: ChangeFormProps) {
  const monitoredNow = new Set(
    history.entries.filter((entry) => entry.open).map((entry) => entry.categoryId),
  );
  const [ticked, setTicked] = useState<ReadonlySet<string>>(monitoredNow);
  const [startDate, setStartDate] = useState<DateParts>(partsOf(history.today));
  const [endDate, setEndDate] = useState<DateParts>(partsOf(history.today));
  const form = useFormState<Field>();
  const names = new Map(history.categories.map((category) => [category.categoryId, category.name]));
  const start = [...ticked].filter((categoryId) => !monitoredNow.has(categoryId));
  const stop = [...monitoredNow].filter((categoryId) => !ticked.has(categoryId) && names.has(categoryId));

  async function submit() {
    const errors: FieldErrors<Field> = {};
    if (start.length === 0 && stop.length === 0) errors.start = 'Tick or untick at least one category';
    const from = isEmptyDate(startDate) ? undefined : isoDateOf(startDate);
    const to = isEmptyDate(endDate) ? undefined : isoDateOf(endDate);
    if (from && 'problem' in from) errors.startDate = `Start date ${from.problem}`;
    if (to && 'problem' in to) errors.endDate = `End date ${to.problem}`;
    if (from && 'date' in from && from.date > history.today)
      errors.startDate = 'Start date must be today or in the past';
    if (to && 'date' in to && to.date > history.today)
      errors.endDate = 'End date must be today or in the past';
    if (Object.keys(errors).length > 0) {
      form.setState({ kind: 'invalid', errors });
      return;
    }
    form.setState({ kind: 'submitting' });
    const result = await changeMonitoring(pupilId, {
      start,
      stop,
      ...(start.length > 0 && from && 'date' in from ? { startDate: from.date } : {}),
      ...(stop.length > 0 && to && 'date' in to ? { endDate: to.date } : {}),
    });
    if (!result.ok) {
      form.setState(refusalState(result.problem, FIELDS));
      return;
    }
    form.setState({ kind: 'editing' });
    const list = (ids: readonly string[]) => ids.map((id) => names.get(id) ?? id).join(', ');
    const parts = [
      result.value.started.length > 0 && `Started monitoring under ${list(result.value.started)}.`,
      result.value.stopped.length > 0 && `Stopped monitoring under ${list(result.value.stopped)}.`,
    ].filter(Boolean);
    onChanged(parts.length > 0 ? parts.join(' ') : 'Monitoring was already as chosen.');
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.submitting) void submit();
  }

  return (
    <section className="admin-section" aria-labelledby="monitoring-change-heading">
      <h3 className="subsection-title" id="monitoring-change-heading">
        Change monitoring
      </h3>
      <FormProblems state={form.state} fields={FIELDS} alertRef={form.alertRef} />
      <form className="form" noValidate onSubmit={handleSubmit} aria-busy={form.submitting}>
        <fieldset
          className={form.errors.start ? 'fieldset field--error' : 'fieldset'}
          id={FIELDS.start.id}
          tabIndex={-1}
        >
          <legend className="fieldset__legend">Monitor this pupil under</legend>
          {form.errors.start && (
            <p className="field__error">
              <span className="visually-hidden">Error: </span>
              {form.errors.start}
            </p>
          )}
          {history.categories.map((category) => (
            <Checkbox
              key={category.categoryId}
              id={`monitor-${category.categoryId}`}
              label={category.name}
              checked={ticked.has(category.categoryId)}
              onChange={(checked) => {
                const next = new Set(ticked);
                if (checked) next.add(category.categoryId);
                else next.delete(category.categoryId);
                setTicked(next);
              }}
            />
          ))}
        </fieldset>
        {start.length > 0 && (
          <DateInput
            id={FIELDS.startDate.id}
            legend="Monitored from"
            hint="For the categories newly ticked"
            value={startDate}
            onChange={setStartDate}
            error={form.errors.startDate}
          />
        )}
        {stop.length > 0 && (
          <DateInput
            id={FIELDS.endDate.id}
            legend="Last day monitored"
            hint="For the categories unticked"
            value={endDate}
            onChange={setEndDate}
            error={form.errors.endDate}
          />
        )}
        <div className="button-group">
          <button className="button" type="submit" aria-disabled={form.submitting ? true : undefined}>
            {form.submitting ? 'Saving…' : 'Save monitoring'}
          </button>
          <button className="link-button" type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}

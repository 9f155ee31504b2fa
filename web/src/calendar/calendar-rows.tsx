/** The editable lists of Admin > Calendar: terms (name, first and last day) and closures (dates, reason). */
import type { CalendarErrors, ClosureRow, TermRow } from './calendar-draft';
import { fieldId, newRowId } from './calendar-draft';
import { DateBox, TextBox } from './calendar-fields';

interface ListProps<R> {
  rows: R[];
  errors: CalendarErrors;
  onChange: (rows: R[]) => void;
}

function replaced<R>(rows: R[], index: number, row: R): R[] {
  return rows.map((existing, at) => (at === index ? row : existing));
}

export function TermRows({ rows, errors, onChange }: ListProps<TermRow>) {
  return (
    <fieldset className="fieldset" id={fieldId('terms')} tabIndex={-1}>
      <legend className="fieldset__legend">Terms</legend>
      {rows.length === 0 && (
        <p className="calendar__note">
          No terms entered: every weekday except bank holidays counts as a school day.
        </p>
      )}
      {rows.map((term, index) => (
        <fieldset key={term.rowId} className="calendar__row">
          <legend className="calendar__row-legend">Term {index + 1}</legend>
          <TextBox
            path={`terms.${index}.name`}
            label="Name"
            maxLength={60}
            value={term.name}
            onChange={(name) => onChange(replaced(rows, index, { ...term, name }))}
            error={errors[`terms.${index}.name`]}
          />
          <DateBox
            path={`terms.${index}.startsOn`}
            label="First day"
            value={term.startsOn}
            onChange={(startsOn) => onChange(replaced(rows, index, { ...term, startsOn }))}
            error={errors[`terms.${index}.startsOn`]}
          />
          <DateBox
            path={`terms.${index}.endsOn`}
            label="Last day"
            value={term.endsOn}
            onChange={(endsOn) => onChange(replaced(rows, index, { ...term, endsOn }))}
            error={errors[`terms.${index}.endsOn`]}
          />
          <button
            type="button"
            className="link-button calendar__remove"
            onClick={() => onChange(rows.filter((_, at) => at !== index))}
          >
            Remove<span className="visually-hidden"> term {index + 1}</span>
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => onChange([...rows, { rowId: newRowId(), name: '', startsOn: '', endsOn: '' }])}
      >
        Add a term
      </button>
    </fieldset>
  );
}

export function ClosureRows({ rows, errors, onChange }: ListProps<ClosureRow>) {
  return (
    <fieldset className="fieldset" id={fieldId('closures')} tabIndex={-1}>
      <legend className="fieldset__legend">Closures</legend>
      <p className="calendar__note">
        Days the school is shut in term time: INSET days, a half-term entered inside a term, a one-off bank
        holiday. For one day, give the same first and last day.
      </p>
      {rows.map((closure, index) => (
        <fieldset key={closure.rowId} className="calendar__row">
          <legend className="calendar__row-legend">Closure {index + 1}</legend>
          <DateBox
            path={`closures.${index}.startsOn`}
            label="First day"
            value={closure.startsOn}
            onChange={(startsOn) => onChange(replaced(rows, index, { ...closure, startsOn }))}
            error={errors[`closures.${index}.startsOn`]}
          />
          <DateBox
            path={`closures.${index}.endsOn`}
            label="Last day"
            value={closure.endsOn}
            onChange={(endsOn) => onChange(replaced(rows, index, { ...closure, endsOn }))}
            error={errors[`closures.${index}.endsOn`]}
          />
          <TextBox
            path={`closures.${index}.reason`}
            label="Reason"
            maxLength={120}
            value={closure.reason}
            onChange={(reason) => onChange(replaced(rows, index, { ...closure, reason }))}
            error={errors[`closures.${index}.reason`]}
          />
          <button
            type="button"
            className="link-button calendar__remove"
            onClick={() => onChange(rows.filter((_, at) => at !== index))}
          >
            Remove<span className="visually-hidden"> closure {index + 1}</span>
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => onChange([...rows, { rowId: newRowId(), startsOn: '', endsOn: '', reason: '' }])}
      >
        Add a closure
      </button>
    </fieldset>
  );
}

/**
 * A GOV.UK-style date: day, month and year boxes in one group, with one hint and one error. The value
 * is kept as the three texts typed; isoDateOf turns them into YYYY-MM-DD, or says what is wrong.
 */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export const EMPTY_DATE: DateParts = { day: '', month: '', year: '' };

export function isEmptyDate(parts: DateParts): boolean {
  return !parts.day.trim() && !parts.month.trim() && !parts.year.trim();
}

/** The date as YYYY-MM-DD, or the reason it is not a real date. */
export function isoDateOf(parts: DateParts): { date: string } | { problem: string } {
  const [day, month, year] = [parts.day, parts.month, parts.year].map((part) => part.trim());
  if (!day || !month || !year) return { problem: 'must include a day, month and year' };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { problem: 'must be a real date, for example 27 3 2016' };
  }
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    return { problem: 'must be a real date, for example 27 3 2016' };
  }
  return { date };
}

/** The parts of a YYYY-MM-DD date, for starting a form from today. */
export function partsOf(isoDate: string): DateParts {
  const [year = '', month = '', day = ''] = isoDate.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

interface DateInputProps {
  /** The id of the day box (the error summary links to it); the others add -month and -year. */
  id: string;
  legend: string;
  hint?: string;
  value: DateParts;
  onChange: (value: DateParts) => void;
  error?: string | undefined;
}

export function DateInput({ id, legend, hint, value, onChange, error }: DateInputProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const box = (part: keyof DateParts, label: string, wide: boolean) => {
    const boxId = part === 'day' ? id : `${id}-${part}`;
    return (
      <div className="date-input__item">
        <label className="field__label date-input__label" htmlFor={boxId}>
          {label}
        </label>
        <input
          className={wide ? 'field__input date-input__year' : 'field__input date-input__box'}
          id={boxId}
          name={boxId}
          inputMode="numeric"
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          value={value[part]}
          onChange={(event) => onChange({ ...value, [part]: event.target.value })}
        />
      </div>
    );
  };
  return (
    <fieldset className={error ? 'fieldset field--error' : 'fieldset'} aria-describedby={describedBy}>
      <legend className="fieldset__legend">{legend}</legend>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      <div className="date-input">
        {box('day', 'Day', false)}
        {box('month', 'Month', false)}
        {box('year', 'Year', true)}
      </div>
    </fieldset>
  );
}

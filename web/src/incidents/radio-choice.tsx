/** A set of radio buttons under a legend, with an optional hint and error. */
import type { ReactNode } from 'react';

interface RadioChoiceProps<V extends string> {
  id: string;
  legend: string;
  options: readonly { value: V; label: string }[];
  value: V;
  onChange: (value: V) => void;
  hint?: ReactNode;
  error?: string | undefined;
}

export function RadioChoice<V extends string>({
  id,
  legend,
  options,
  value,
  onChange,
  hint,
  error,
}: RadioChoiceProps<V>) {
  return (
    <fieldset className={error ? 'fieldset field--error' : 'fieldset'} id={id} tabIndex={-1}>
      <legend className="fieldset__legend">{legend}</legend>
      {hint && <p className="field__hint">{hint}</p>}
      {error && (
        <p className="field__error">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      <div className="radios">
        {options.map((option) => (
          <div className="radio" key={option.value}>
            <input
              className="radio__input"
              type="radio"
              id={`${id}-${option.value}`}
              name={id}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <label className="radio__label" htmlFor={`${id}-${option.value}`}>
              {option.label}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** One checkbox with its label to the right and an optional hint under the label. */
import type { ReactNode } from 'react';

interface CheckboxProps {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ReactNode;
  error?: string | undefined;
  name?: string;
  value?: string;
}

export function Checkbox({ id, label, checked, onChange, hint, error, name, value }: CheckboxProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div className={error ? 'checkbox checkbox--error' : 'checkbox'}>
      {error && (
        <p className="field__error checkbox__error" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      <input
        className="checkbox__input"
        type="checkbox"
        id={id}
        name={name ?? id}
        value={value}
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={describedBy || undefined}
        aria-invalid={error ? true : undefined}
      />
      <label className="checkbox__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="checkbox__hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}

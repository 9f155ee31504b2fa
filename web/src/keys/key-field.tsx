/**
 * A labelled text input for the key forms, in the app's field pattern: hint, errors read out with the
 * field (aria-describedby), the error styling on the whole field.
 */
import type { InputHTMLAttributes } from 'react';

interface KeyFieldProps {
  id: string;
  label: string;
  hint?: string;
  errors?: readonly string[] | undefined;
  value: string;
  onChange: (value: string) => void;
  inputProps?: Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'className'>;
}

export function KeyField({ id, label, hint, errors, value, onChange, inputProps }: KeyFieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hasErrors = errors !== undefined && errors.length > 0;
  const describedBy = [hint ? hintId : '', hasErrors ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div className={hasErrors ? 'field field--error' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {hasErrors && (
        <div id={errorId}>
          {errors.map((reason) => (
            <p className="field__error" key={reason}>
              <span className="visually-hidden">Error: </span>
              {reason}
            </p>
          ))}
        </div>
      )}
      <input
        className="field__input"
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={hasErrors ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...inputProps}
      />
    </div>
  );
}

/** The six-digit code an authenticator app shows: a numeric keypad on phones, and autofill of one-time codes. */
export const ONE_TIME_CODE_INPUT = {
  name: 'one-time-code',
  type: 'text',
  inputMode: 'numeric',
  autoComplete: 'one-time-code',
  spellCheck: false,
  maxLength: 7,
} as const;

/** What is wrong with a typed code before it is sent, or undefined if it looks right. */
export function codeProblem(code: string): string | undefined {
  if (code.trim() === '') return 'Enter the 6-digit code from your authenticator app';
  return /^\s*\d{3}\s?\d{3}\s*$/.test(code) ? undefined : 'The code must be 6 digits, like 123456';
}

/** What is wrong with a key name before it is sent, or undefined if it will do. */
export function keyNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'Enter a name for the key, such as Work phone';
  return name.trim().length > 60 ? 'The name must be 60 characters or fewer' : undefined;
}

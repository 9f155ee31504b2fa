/** A labelled one-line text input (name, email, number, time of day) with an optional hint and error. */
import type { HTMLAttributes, ReactNode } from 'react';
import { FieldFrame } from './field-frame';

interface TextFieldProps {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | undefined;
  type?: 'text' | 'email' | 'time';
  name?: string;
  autoComplete?: string;
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  disabled?: boolean;
  /** A narrow box for short values such as a number of minutes. */
  narrow?: boolean;
}

export function TextField({
  id,
  label,
  value,
  onChange,
  hint,
  error,
  type = 'text',
  name,
  autoComplete,
  inputMode,
  disabled,
  narrow,
}: TextFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      {(control) => (
        <input
          {...control}
          className={narrow ? 'field__input field__input--narrow' : 'field__input'}
          type={type}
          name={name ?? id}
          autoComplete={autoComplete ?? 'off'}
          inputMode={inputMode}
          spellCheck={type === 'email' ? false : undefined}
          autoCapitalize={type === 'email' ? 'none' : undefined}
          disabled={disabled}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FieldFrame>
  );
}

/** A labelled drop-down list. With a placeholder, nothing is chosen until the person picks an option. */
import type { ReactNode } from 'react';
import { FieldFrame } from './field-frame';

export interface SelectOption {
  value: string;
  label: string;
}

interface SelectFieldProps {
  id: string;
  label: ReactNode;
  options: readonly SelectOption[];
  value: string;
  onChange: (value: string) => void;
  /** The first, empty option's text, such as "Choose a user group". */
  placeholder?: string;
  hint?: ReactNode;
  error?: string | undefined;
}

export function SelectField({
  id,
  label,
  options,
  value,
  onChange,
  placeholder,
  hint,
  error,
}: SelectFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      {(control) => (
        <select
          {...control}
          className="field__input field__select"
          name={id}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        >
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

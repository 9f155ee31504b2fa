/** A labelled multi-line text box with an optional hint and error. */
import type { ReactNode } from 'react';
import { FieldFrame } from './field-frame';

interface TextareaFieldProps {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | undefined;
  rows?: number;
}

export function TextareaField({ id, label, value, onChange, hint, error, rows = 4 }: TextareaFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      {(control) => (
        <textarea
          {...control}
          className="field__input field__textarea"
          name={id}
          rows={rows}
          spellCheck={false}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FieldFrame>
  );
}

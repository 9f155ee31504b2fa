/** The boxes of one term or closure row: a date box (the browser's date picker) and a text box. */
import { FieldFrame } from '../components/field-frame';
import { fieldId } from './calendar-draft';

interface BoxProps {
  /** The field's path in the body, e.g. "terms.0.startsOn": it names the input and its error. */
  path: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}

export function DateBox({ path, label, value, onChange, error }: BoxProps) {
  return (
    <FieldFrame id={fieldId(path)} label={label} error={error}>
      {(control) => (
        <input
          {...control}
          className="field__input"
          type="date"
          name={fieldId(path)}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FieldFrame>
  );
}

export function TextBox({
  path,
  label,
  value,
  onChange,
  error,
  maxLength,
}: BoxProps & { maxLength: number }) {
  return (
    <FieldFrame id={fieldId(path)} label={label} error={error}>
      {(control) => (
        <input
          {...control}
          className="field__input"
          type="text"
          name={fieldId(path)}
          autoComplete="off"
          maxLength={maxLength}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FieldFrame>
  );
}

/**
 * A category's colour: the browser's colour picker, and a list of the colours other categories use so
 * a sub-category can take its parent's (or a near) colour.
 */
import type { AdminCategory } from '../api/categories';
import { FieldFrame } from '../components/field-frame';
import { SelectField } from '../components/select-field';

interface ColourFieldProps {
  id: string;
  value: string;
  onChange: (colour: string) => void;
  /** The categories whose colours can be copied. */
  categories: readonly AdminCategory[];
  error?: string | undefined;
}

export function ColourField({ id, value, onChange, categories, error }: ColourFieldProps) {
  const options = categories.map((category) => ({
    value: category.categoryId,
    label: `${category.name} (${category.colour})`,
  }));
  return (
    <div className="colour-field">
      <FieldFrame id={id} label="Colour" hint="The colour of the category's lozenge." error={error}>
        {(control) => (
          <input
            {...control}
            className="colour-field__picker"
            type="color"
            name={id}
            value={value}
            onChange={(event) => onChange(event.target.value.toLowerCase())}
          />
        )}
      </FieldFrame>
      {options.length > 0 && (
        <SelectField
          id={`${id}-copy`}
          label="Copy a category colour"
          placeholder="Choose a category"
          options={options}
          value=""
          onChange={(categoryId) => {
            const source = categories.find((category) => category.categoryId === categoryId);
            if (source) onChange(source.colour);
          }}
        />
      )}
    </div>
  );
}

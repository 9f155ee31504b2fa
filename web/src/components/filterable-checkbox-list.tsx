/**
 * A group of checkboxes with a filter box above it, for choosing people or groups from a long list.
 * Filtering only hides options: what is already ticked stays ticked, and the count says how many are.
 */
import { useId, useState } from 'react';
import { Checkbox } from './checkbox';

export interface CheckboxOption {
  value: string;
  label: string;
  /** Shown under the label and searched by the filter too (an email address, say). */
  hint?: string | undefined;
}

interface FilterableCheckboxListProps {
  legend: string;
  options: readonly CheckboxOption[];
  selected: ReadonlySet<string>;
  onChange: (selected: Set<string>) => void;
  /** What the filter box is for, such as "Filter users by name or email". */
  filterLabel: string;
  hint?: string;
  /** Said when there is nothing to choose from at all. */
  emptyText: string;
}

function matches(option: CheckboxOption, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const text = `${option.label} ${option.hint ?? ''}`.toLowerCase();
  return words.every((word) => text.includes(word));
}

export function FilterableCheckboxList({
  legend,
  options,
  selected,
  onChange,
  filterLabel,
  hint,
  emptyText,
}: FilterableCheckboxListProps) {
  const baseId = useId();
  const [filter, setFilter] = useState('');
  const shown = options.filter((option) => matches(option, filter));
  const hintId = `${baseId}-hint`;

  function toggle(value: string, checked: boolean) {
    const next = new Set(selected);
    if (checked) next.add(value);
    else next.delete(value);
    onChange(next);
  }

  return (
    <fieldset className="fieldset" aria-describedby={hint ? hintId : undefined}>
      <legend className="fieldset__legend">{legend}</legend>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {options.length === 0 ? (
        <p>{emptyText}</p>
      ) : (
        <>
          <div className="field checkbox-filter">
            <label className="field__label" htmlFor={`${baseId}-filter`}>
              {filterLabel}
            </label>
            <input
              className="field__input"
              id={`${baseId}-filter`}
              type="search"
              autoComplete="off"
              spellCheck={false}
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
            />
          </div>
          <p className="checkbox-filter__count" role="status">
            {selected.size} selected
            {shown.length < options.length ? `; showing ${shown.length} of ${options.length}` : ''}
          </p>
          <div className="checkbox-list">
            {shown.map((option) => (
              <Checkbox
                key={option.value}
                id={`${baseId}-${option.value}`}
                label={option.label}
                hint={option.hint}
                checked={selected.has(option.value)}
                onChange={(checked) => toggle(option.value, checked)}
              />
            ))}
            {shown.length === 0 && <p>Nothing matches the filter.</p>}
          </div>
        </>
      )}
    </fieldset>
  );
}

/**
 * Choosing categories: the top-level categories this person may record in, each revealing its
 * sub-categories once ticked (un-ticking it clears them). A category that may not take new incidents
 * (disabled, or not allowed to this person) is not offered.
 */
import type { CategoryView } from '../api/categories';
import { Checkbox } from '../components/checkbox';

interface CategoryChoiceProps {
  id: string;
  legend: string;
  tree: readonly CategoryView[];
  selected: ReadonlySet<string>;
  onChange: (selected: Set<string>) => void;
  error?: string | undefined;
  hint?: string;
}

function offered(category: { disabled: boolean; mayAdd: boolean }): boolean {
  return category.mayAdd && !category.disabled;
}

export function CategoryChoice({ id, legend, tree, selected, onChange, error, hint }: CategoryChoiceProps) {
  const parents = tree.filter((parent) => offered(parent) || parent.subCategories.some(offered));

  function toggle(categoryId: string, on: boolean, children: readonly string[] = []) {
    const next = new Set(selected);
    if (on) next.add(categoryId);
    else for (const removed of [categoryId, ...children]) next.delete(removed);
    onChange(next);
  }

  return (
    <fieldset
      className={error ? 'fieldset field--error category-choice' : 'fieldset category-choice'}
      id={id}
      tabIndex={-1}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend className="fieldset__legend">{legend}</legend>
      {hint && <p className="field__hint">{hint}</p>}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      {parents.length === 0 && <p>There is no category you may record in.</p>}
      <ul className="category-choice__list">
        {parents.map((parent) => {
          const subs = parent.subCategories.filter(offered);
          const open = selected.has(parent.categoryId) || !offered(parent);
          return (
            <li key={parent.categoryId}>
              {offered(parent) ? (
                <Checkbox
                  id={`${id}-${parent.categoryId}`}
                  label={parent.name}
                  checked={selected.has(parent.categoryId)}
                  onChange={(on) =>
                    toggle(
                      parent.categoryId,
                      on,
                      subs.map((sub) => sub.categoryId),
                    )
                  }
                />
              ) : (
                <p className="category-choice__heading">{parent.name}</p>
              )}
              {open && subs.length > 0 && (
                <ul className="category-choice__subs" aria-label={`${parent.name}: sub-categories`}>
                  {subs.map((sub) => (
                    <li key={sub.categoryId}>
                      <Checkbox
                        id={`${id}-${sub.categoryId}`}
                        label={sub.name}
                        checked={selected.has(sub.categoryId)}
                        onChange={(on) => toggle(sub.categoryId, on)}
                      />
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

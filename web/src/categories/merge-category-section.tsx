/**
 * Merging a category into another, from its change page: irreversible, so the admin chooses the
 * category to merge into and types this one's exact name. A big category moves over several requests;
 * the form keeps asking until the API says it is done, and a merge left half-way carries on here.
 */
import { useState, type FormEvent } from 'react';
import { mergeCategory, type AdminCategory } from '../api/categories';
import { noticeForNextPage } from '../admin/admin-notice';
import { adminPaths } from '../admin/admin-routes';
import { refusalState, useFormState, type FormFields } from '../admin/form-state';
import { FormProblems } from '../components/form-problems';
import { SelectField } from '../components/select-field';
import { TextField } from '../components/text-field';
import { navigate } from '../routing/router';
import { adminCategoryTree } from './category-hierarchy';

type Field = 'intoCategoryId' | 'confirm';

const FIELDS: FormFields<Field> = {
  intoCategoryId: { id: 'merge-into', label: 'Category to merge into' },
  confirm: { id: 'merge-confirm', label: 'Confirmation' },
};

/** Requests one merge may take before the page stops and says to try again. */
const MAX_STEPS = 200;

interface MergeCategorySectionProps {
  category: AdminCategory;
  categories: readonly AdminCategory[];
  onReload: () => void;
}

export function MergeCategorySection({ category, categories, onReload }: MergeCategorySectionProps) {
  const { categoryId, name } = category;
  const [intoCategoryId, setIntoCategoryId] = useState(category.mergingInto ?? '');
  const [confirm, setConfirm] = useState('');
  const [moving, setMoving] = useState(false);
  const form = useFormState<Field>();
  const hasSubCategories = categories.some((other) => other.parentId === categoryId);
  const targets = adminCategoryTree(categories).flatMap((parent) => [
    parent,
    ...parent.subCategories.map((sub) => ({ ...sub, name: `${parent.name} › ${sub.name}` })),
  ]);
  const options = targets
    .filter(
      (target) => target.categoryId !== categoryId && target.parentId !== categoryId && !target.mergingInto,
    )
    .map((target) => ({ value: target.categoryId, label: target.name }));

  async function submit() {
    const errors: Partial<Record<Field, string>> = {};
    if (intoCategoryId === '') errors.intoCategoryId = 'Choose the category to merge into';
    if (confirm !== name) errors.confirm = `Type ${name} exactly as it is written to confirm`;
    if (Object.keys(errors).length > 0) {
      form.setState({ kind: 'invalid', errors });
      return;
    }
    form.setState({ kind: 'submitting' });
    for (let step = 0; step < MAX_STEPS; step += 1) {
      const result = await mergeCategory(categoryId, intoCategoryId, confirm);
      if (!result.ok) {
        setMoving(false);
        form.setState(refusalState(result.problem, FIELDS));
        return;
      }
      if (result.value.done) {
        const into = options.find((option) => option.value === intoCategoryId)?.label ?? 'the other category';
        noticeForNextPage(adminPaths.categories, `${name} has been merged into ${into}.`);
        navigate(adminPaths.categories);
        return;
      }
      setMoving(true);
    }
    setMoving(false);
    form.setState({
      kind: 'refused',
      problem: {
        title: 'The merge is not finished yet',
        detail: `Part of ${name} has moved. Merge it again to carry on from where it stopped.`,
      },
    });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.submitting) void submit();
  }

  return (
    <section className="admin-section" aria-labelledby="category-merge-heading">
      <h2 className="section-title" id="category-merge-heading">
        Merge
      </h2>
      {hasSubCategories ? (
        <p>{name} has sub-categories. Merge or delete them first, then merge it.</p>
      ) : (
        <>
          <div className="merge-warning">
            <p>
              <strong>Merging cannot be undone.</strong> Every incident in {name} moves to the category you
              choose, pupils monitored under {name} become monitored under it, and {name} is removed.
            </p>
            {category.mergingInto && (
              <p>A merge of {name} has started but not finished. Merge it again to finish it.</p>
            )}
          </div>
          <FormProblems state={form.state} fields={FIELDS} alertRef={form.alertRef} onReload={onReload} />
          <form className="form" noValidate onSubmit={handleSubmit} aria-busy={form.submitting}>
            <SelectField
              id={FIELDS.intoCategoryId.id}
              label="Category to merge into"
              placeholder="Choose a category"
              options={options}
              value={intoCategoryId}
              onChange={setIntoCategoryId}
              error={form.errors.intoCategoryId}
            />
            <TextField
              id={FIELDS.confirm.id}
              label={`To confirm, type the name of this category: ${name}`}
              value={confirm}
              onChange={setConfirm}
              error={form.errors.confirm}
            />
            {moving && (
              <p className="notice notice--info" role="status">
                Still moving incidents and monitored pupils…
              </p>
            )}
            <button
              className="button button--warning"
              type="submit"
              aria-disabled={form.submitting ? true : undefined}
            >
              {form.submitting ? 'Merging…' : `Merge ${name}`}
            </button>
          </form>
        </>
      )}
    </section>
  );
}

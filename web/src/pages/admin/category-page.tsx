/**
 * Admin > Categories > one category: rename or recolour it (against the version read, so someone
 * else's change meanwhile is reported, not overwritten), disable or enable it, delete it if it has
 * never been used, or merge it into another. A new name shows on every past incident, so it should keep
 * the category's meaning.
 */
import { useCallback, useState, type FormEvent } from 'react';
import type { ApiResult } from '../../api/api-result';
import {
  deleteCategory,
  disableCategory,
  enableCategory,
  listAdminCategories,
  updateCategory,
  type AdminCategory,
} from '../../api/categories';
import type { Problem } from '../../api/problem';
import { noticeForNextPage } from '../../admin/admin-notice';
import { adminPaths } from '../../admin/admin-routes';
import { refusalState, useFormState, type FormFields } from '../../admin/form-state';
import { useLoaded } from '../../admin/use-loaded';
import { ColourField } from '../../categories/colour-field';
import { MergeCategorySection } from '../../categories/merge-category-section';
import { useRowAction } from '../../categories/use-row-action';
import '../../categories/categories.css';
import { ActionNotice } from '../../components/action-notice';
import { AdminPage } from '../../components/admin-page';
import { AdminProblem } from '../../components/admin-problem';
import { FormProblems } from '../../components/form-problems';
import { TextField } from '../../components/text-field';
import { CategoryTag } from '../../pupils/category-tag';
import { Link } from '../../routing/link';
import { navigate } from '../../routing/router';

type Field = 'name' | 'colour';

const FIELDS: FormFields<Field> = {
  name: { id: 'category-name', label: 'Name' },
  colour: { id: 'category-colour', label: 'Colour' },
};

const notFound: Problem = {
  title: 'No such category',
  detail: 'It may have been deleted or merged. Go back to the categories to see those there are.',
  status: 404,
};

interface Loaded {
  category: AdminCategory;
  parent: AdminCategory | undefined;
  categories: AdminCategory[];
}

function NameAndColourForm({ loaded, onReload }: { loaded: Loaded; onReload: () => void }) {
  const { category } = loaded;
  const [name, setName] = useState(category.name);
  const [colour, setColour] = useState(category.colour);
  const form = useFormState<Field>();

  async function submit() {
    const trimmed = name.trim();
    if (trimmed === '') {
      form.setState({ kind: 'invalid', errors: { name: 'Enter a name for the category' } });
      return;
    }
    form.setState({ kind: 'submitting' });
    const result = await updateCategory(category.categoryId, { name: trimmed, colour }, category.version);
    if (!result.ok) {
      form.setState(refusalState(result.problem, FIELDS));
      return;
    }
    noticeForNextPage(adminPaths.categories, `Saved the category ${result.value.name}.`);
    navigate(adminPaths.categories);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.submitting) void submit();
  }

  return (
    <section className="admin-section" aria-labelledby="category-name-heading">
      <h2 className="section-title" id="category-name-heading">
        Name and colour
      </h2>
      <FormProblems state={form.state} fields={FIELDS} alertRef={form.alertRef} onReload={onReload} />
      <form className="form" noValidate onSubmit={handleSubmit} aria-busy={form.submitting}>
        <TextField
          id={FIELDS.name.id}
          label="Name"
          hint="Past incidents and monitoring show the new name, so correct the name without changing what it means."
          value={name}
          onChange={setName}
          error={form.errors.name}
        />
        <ColourField
          id={FIELDS.colour.id}
          value={colour}
          onChange={setColour}
          categories={loaded.categories.filter((other) => other.categoryId !== category.categoryId)}
          error={form.errors.colour}
        />
        <button className="button" type="submit" aria-disabled={form.submitting ? true : undefined}>
          {form.submitting ? 'Saving…' : 'Save category'}
        </button>
      </form>
    </section>
  );
}

function DisableAndDeleteSections({ loaded, onReload }: { loaded: Loaded; onReload: () => void }) {
  const { category, parent } = loaded;
  const { categoryId, name } = category;
  const action = useRowAction(onReload);
  const [deleting, setDeleting] = useState(false);
  const [deleteProblem, setDeleteProblem] = useState<Problem | undefined>();
  const hasSubCategories = loaded.categories.some((other) => other.parentId === categoryId);

  async function remove() {
    if (deleting) return;
    setDeleting(true);
    const result = await deleteCategory(categoryId);
    setDeleting(false);
    if (!result.ok) {
      setDeleteProblem(result.problem);
      return;
    }
    noticeForNextPage(adminPaths.categories, `${name} has been deleted.`);
    navigate(adminPaths.categories);
  }

  return (
    <>
      <section className="admin-section" aria-labelledby="category-disable-heading">
        <h2 className="section-title" id="category-disable-heading">
          {category.disabled ? 'Enable' : 'Disable'}
        </h2>
        <ActionNotice outcome={action.outcome} />
        {category.disabled ? (
          <p>
            {name} is disabled: staff cannot record new incidents in it.
            {parent?.disabled ? ` Enable ${parent.name} first: ${name} is one of its sub-categories.` : ''}
          </p>
        ) : (
          <p>
            Disabled categories take no new incidents but stay on past incidents and in reports.
            {hasSubCategories ? ' Its sub-categories are disabled with it.' : ''}
          </p>
        )}
        <button
          className="button button--secondary"
          type="button"
          aria-disabled={action.busy ? true : undefined}
          onClick={() =>
            void (category.disabled
              ? action.run(() => enableCategory(categoryId), `${name} has been enabled.`)
              : action.run(() => disableCategory(categoryId), `${name} has been disabled.`))
          }
        >
          {category.disabled ? `Enable ${name}` : `Disable ${name}`}
        </button>
      </section>
      <section className="admin-section" aria-labelledby="category-delete-heading">
        <h2 className="section-title" id="category-delete-heading">
          Delete
        </h2>
        {deleteProblem && <AdminProblem problem={deleteProblem} />}
        <p>
          Only a category that has never been used for an incident or for monitoring, and has no
          sub-categories, can be deleted. Otherwise, disable it.
        </p>
        <button
          className="button button--warning"
          type="button"
          aria-disabled={deleting ? true : undefined}
          onClick={() => void remove()}
        >
          {deleting ? 'Deleting…' : `Delete ${name}`}
        </button>
      </section>
    </>
  );
}

export function CategoryPage({ categoryId }: { categoryId: string }) {
  const load = useCallback(
    async (signal: AbortSignal): Promise<ApiResult<Loaded>> => {
      const list = await listAdminCategories(signal);
      if (!list.ok) return list;
      const { categories } = list.value;
      const category = categories.find((candidate) => candidate.categoryId === categoryId);
      if (!category) return { ok: false, problem: notFound };
      const parent = categories.find((candidate) => candidate.categoryId === category.parentId);
      return { ok: true, value: { category, parent, categories } };
    },
    [categoryId],
  );
  const { state, reload, answers } = useLoaded(load);
  const loaded = state.phase === 'loaded' ? state.value : undefined;

  return (
    <AdminPage title={loaded ? `Change ${loaded.category.name}` : 'Change category'}>
      <p>
        <Link href={adminPaths.categories}>Back to categories</Link>
      </p>
      {state.phase === 'loading' && <p className="loading">Loading…</p>}
      {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
      {loaded && (
        <>
          <p>
            <CategoryTag name={loaded.category.name} colour={loaded.category.colour} />
            {loaded.parent ? ` A sub-category of ${loaded.parent.name}.` : ' A top-level category.'}
          </p>
          <div className="admin-sections">
            {/* Half-way through a merge, only finishing it may change the category. */}
            {!loaded.category.mergingInto && (
              <>
                <NameAndColourForm key={answers} loaded={loaded} onReload={reload} />
                <DisableAndDeleteSections loaded={loaded} onReload={reload} />
              </>
            )}
            <MergeCategorySection
              key={`merge-${answers}`}
              category={loaded.category}
              categories={loaded.categories}
              onReload={reload}
            />
          </div>
        </>
      )}
    </AdminPage>
  );
}

/**
 * Admin > Categories > create a category or sub-category: its name, colour (or another category's),
 * parent, and what each user group may do in it, starting from each group's default for new categories.
 */
import { useState, type FormEvent } from 'react';
import type { CategoryPermission } from '../../api/admin-user-groups';
import { createCategory, listAdminCategories, type AdminCategoryList } from '../../api/categories';
import { noticeForNextPage } from '../../admin/admin-notice';
import { adminPaths } from '../../admin/admin-routes';
import { refreshMyAccess } from '../../admin/my-access-store';
import { refusalState, useFormState, type FormFields } from '../../admin/form-state';
import { useLoaded } from '../../admin/use-loaded';
import { adminCategoryTree } from '../../categories/category-hierarchy';
import { ColourField } from '../../categories/colour-field';
import '../../categories/categories.css';
import { AdminPage } from '../../components/admin-page';
import { AdminProblem } from '../../components/admin-problem';
import { CategoryPermissionGrid } from '../../components/category-permission-grid';
import { FormProblems } from '../../components/form-problems';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { Link } from '../../routing/link';
import { navigate } from '../../routing/router';

type Field = 'name' | 'colour' | 'parentId';

const FIELDS: FormFields<Field> = {
  name: { id: 'category-name', label: 'Name' },
  colour: { id: 'category-colour', label: 'Colour' },
  parentId: { id: 'category-parent', label: 'Parent category' },
};

const STARTING_COLOUR = '#e91e63';

function NewCategoryForm({ list, onReload }: { list: AdminCategoryList; onReload: () => void }) {
  const [name, setName] = useState('');
  const [colour, setColour] = useState(STARTING_COLOUR);
  const [parentId, setParentId] = useState('');
  const [permissions, setPermissions] = useState<Record<string, CategoryPermission>>(() =>
    Object.fromEntries(list.groups.map((group) => [group.groupId, group.newCategoryDefault])),
  );
  const form = useFormState<Field>();
  const parents = adminCategoryTree(list.categories);

  async function submit() {
    const trimmed = name.trim();
    if (trimmed === '') {
      form.setState({ kind: 'invalid', errors: { name: 'Enter a name for the category' } });
      return;
    }
    form.setState({ kind: 'submitting' });
    const result = await createCategory({
      name: trimmed,
      colour,
      ...(parentId === '' ? {} : { parentId }),
      groupPermissions: permissions,
    });
    if (!result.ok) {
      form.setState(refusalState(result.problem, FIELDS));
      return;
    }
    // The admin's own group may now see or record in the new category.
    refreshMyAccess();
    noticeForNextPage(adminPaths.categories, `Created the category ${result.value.name}.`);
    navigate(adminPaths.categories);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.submitting) void submit();
  }

  return (
    <>
      <FormProblems state={form.state} fields={FIELDS} alertRef={form.alertRef} onReload={onReload} />
      <form className="form" noValidate onSubmit={handleSubmit} aria-busy={form.submitting}>
        <TextField
          id={FIELDS.name.id}
          label="Name"
          value={name}
          onChange={setName}
          error={form.errors.name}
        />
        <ColourField
          id={FIELDS.colour.id}
          value={colour}
          onChange={setColour}
          categories={list.categories}
          error={form.errors.colour}
        />
        <SelectField
          id={FIELDS.parentId.id}
          label="Parent category"
          hint="To make a sub-category, choose the category it belongs under. Leave empty for a top-level category."
          placeholder="None: a top-level category"
          options={parents.map((parent) => ({ value: parent.categoryId, label: parent.name }))}
          value={parentId}
          onChange={setParentId}
          error={form.errors.parentId}
        />
        <div className="permission-grid__frame">
          <CategoryPermissionGrid
            caption="User group permissions"
            rowHeading="User group"
            rows={list.groups.map((group) => ({
              key: group.groupId,
              label: group.name,
              permission: permissions[group.groupId] ?? group.newCategoryDefault,
            }))}
            onChange={(groupId, permission) =>
              setPermissions((current) => ({ ...current, [groupId]: permission }))
            }
          />
          <p className="hint">
            View students: see pupils monitored for this category. View incidents: see incidents recorded in
            it. Add incidents: record new incidents in it. Each group starts with its setting for new
            categories.
          </p>
        </div>
        <button className="button" type="submit" aria-disabled={form.submitting ? true : undefined}>
          {form.submitting ? 'Saving…' : 'Save category'}
        </button>
      </form>
    </>
  );
}

export function NewCategoryPage() {
  const { state, reload, answers } = useLoaded(listAdminCategories);
  return (
    <AdminPage title="Create a category">
      <p>
        <Link href={adminPaths.categories}>Back to categories</Link>
      </p>
      {state.phase === 'loading' && <p className="loading">Loading…</p>}
      {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
      {state.phase === 'loaded' && <NewCategoryForm key={answers} list={state.value} onReload={reload} />}
    </AdminPage>
  );
}

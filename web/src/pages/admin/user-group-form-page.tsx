/**
 * Admin > User groups > create or change a group: its name and description, the system permissions it
 * grants (those needing a key say so), and its category permissions. Changes send the version that was
 * read, so someone else's change in the meantime is reported rather than overwritten.
 */
import { useCallback, useState, type FormEvent } from 'react';
import {
  createUserGroup,
  getUserGroup,
  listUserGroups,
  NO_CATEGORY_ACCESS,
  updateUserGroup,
  userGroupSettings,
  type CategoryPermission,
  type SystemPermissionInfo,
  type UserGroup,
  type UserGroupSettings,
} from '../../api/admin-user-groups';
import type { ApiResult } from '../../api/api-result';
import { listCategoryTree, type CategoryView } from '../../api/categories';
import { noticeForNextPage } from '../../admin/admin-notice';
import { adminPaths } from '../../admin/admin-routes';
import { refreshMyAccess } from '../../admin/my-access-store';
import { refusalState, useFormState, type FormFields } from '../../admin/form-state';
import { useLoaded } from '../../admin/use-loaded';
import { categoryGridRows } from '../../categories/category-hierarchy';
import { AdminPage } from '../../components/admin-page';
import { AdminProblem } from '../../components/admin-problem';
import {
  CategoryPermissionGrid,
  NEW_CATEGORY_ROW,
  type CategoryRow,
} from '../../components/category-permission-grid';
import { Checkbox } from '../../components/checkbox';
import { FormProblems } from '../../components/form-problems';
import { TextareaField } from '../../components/textarea-field';
import { TextField } from '../../components/text-field';
import { Link } from '../../routing/link';
import { navigate } from '../../routing/router';

type Field = 'name' | 'description';

const FIELDS: FormFields<Field> = {
  name: { id: 'group-name', label: 'Name' },
  description: { id: 'group-description', label: 'Description' },
};

const EMPTY_GROUP: UserGroupSettings = {
  name: '',
  description: '',
  systemPermissions: [],
  categoryPermissions: {},
  newCategoryDefault: NO_CATEGORY_ACCESS,
};

interface Loaded {
  group?: UserGroup | undefined;
  catalogue: SystemPermissionInfo[];
  categories: CategoryView[];
}

interface UserGroupFormProps {
  group: UserGroup | undefined;
  catalogue: readonly SystemPermissionInfo[];
  /** The school's categories, each top-level one followed by its sub-categories. */
  categories: readonly CategoryView[];
  onReload: () => void;
}

function UserGroupForm({ group, catalogue, categories, onReload }: UserGroupFormProps) {
  const [settings, setSettings] = useState<UserGroupSettings>(() =>
    group ? userGroupSettings(group) : EMPTY_GROUP,
  );
  const form = useFormState<Field>();

  function togglePermission(id: string, granted: boolean) {
    setSettings((current) => ({
      ...current,
      systemPermissions: granted
        ? [...current.systemPermissions, id]
        : current.systemPermissions.filter((permission) => permission !== id),
    }));
  }

  function changeCategory(rowKey: string, permission: CategoryPermission) {
    setSettings((current) =>
      rowKey === NEW_CATEGORY_ROW
        ? { ...current, newCategoryDefault: permission }
        : { ...current, categoryPermissions: { ...current.categoryPermissions, [rowKey]: permission } },
    );
  }

  async function submit() {
    const name = settings.name.trim();
    if (name === '') {
      form.setState({ kind: 'invalid', errors: { name: 'Enter a name for the user group' } });
      return;
    }
    form.setState({ kind: 'submitting' });
    const sent = { ...settings, name, description: settings.description.trim() };
    const result = group
      ? await updateUserGroup(group.groupId, sent, group.version)
      : await createUserGroup(sent);
    if (!result.ok) {
      form.setState(refusalState(result.problem, FIELDS));
      return;
    }
    // The admin may have changed their own group's permissions.
    refreshMyAccess();
    noticeForNextPage(
      adminPaths.userGroups,
      group ? `Saved the user group ${result.value.name}.` : `Created the user group ${result.value.name}.`,
    );
    navigate(adminPaths.userGroups);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.submitting) void submit();
  }

  const rows: CategoryRow[] = [
    { key: NEW_CATEGORY_ROW, label: 'New categories (default)', permission: settings.newCategoryDefault },
    ...categoryGridRows(categories, settings.categoryPermissions),
  ];

  return (
    <>
      <FormProblems state={form.state} fields={FIELDS} alertRef={form.alertRef} onReload={onReload} />
      <form className="form" noValidate onSubmit={handleSubmit} aria-busy={form.submitting}>
        <TextField
          id={FIELDS.name.id}
          label="Name"
          value={settings.name}
          onChange={(name) => setSettings((current) => ({ ...current, name }))}
          error={form.errors.name}
        />
        <TextareaField
          id={FIELDS.description.id}
          label="Description (optional)"
          hint="Who belongs in this group, in a sentence."
          rows={2}
          value={settings.description}
          onChange={(description) => setSettings((current) => ({ ...current, description }))}
          error={form.errors.description}
        />
        <fieldset className="fieldset" aria-describedby="group-permissions-hint">
          <legend className="fieldset__legend">System permissions</legend>
          <p className="field__hint" id="group-permissions-hint">
            What members may use. Permissions marked &ldquo;needs a key&rdquo; apply only once a member has
            elevated their access with their key.
          </p>
          <div className="checkbox-list">
            {catalogue.map((permission) => (
              <Checkbox
                key={permission.id}
                id={`group-permission-${permission.id}`}
                value={permission.id}
                label={permission.label}
                hint={permission.needsKey ? 'Needs a key' : undefined}
                checked={settings.systemPermissions.includes(permission.id)}
                onChange={(checked) => togglePermission(permission.id, checked)}
              />
            ))}
          </div>
        </fieldset>
        <div className="permission-grid__frame">
          <CategoryPermissionGrid rows={rows} onChange={changeCategory} />
          <p className="hint">
            View students: see pupils monitored for the category. View incidents: see incidents recorded in
            it. Add incidents: record new incidents in it. Sub-categories are listed under their category;
            &ldquo;New categories&rdquo; is what this group gets in each category created from now on.
          </p>
        </div>
        <button className="button" type="submit" aria-disabled={form.submitting ? true : undefined}>
          {form.submitting ? 'Saving…' : group ? 'Save user group' : 'Create user group'}
        </button>
      </form>
    </>
  );
}

export function UserGroupFormPage({ groupId }: { groupId?: string }) {
  const load = useCallback(
    async (signal: AbortSignal): Promise<ApiResult<Loaded>> => {
      const [list, group, categories] = await Promise.all([
        listUserGroups(signal),
        groupId ? getUserGroup(groupId, signal) : Promise.resolve(undefined),
        listCategoryTree(signal),
      ]);
      if (!list.ok) return list;
      if (group && !group.ok) return group;
      if (!categories.ok) return categories;
      return {
        ok: true,
        value: { group: group?.value, catalogue: list.value.systemPermissions, categories: categories.value },
      };
    },
    [groupId],
  );
  const { state, reload, answers } = useLoaded(load);
  const group = state.phase === 'loaded' ? state.value.group : undefined;
  const title = groupId ? (group ? `Change ${group.name}` : 'Change user group') : 'Create a user group';

  return (
    <AdminPage title={title}>
      <p>
        <Link href={adminPaths.userGroups}>Back to user groups</Link>
      </p>
      {group && (
        <p>This group has {group.memberCount === 1 ? '1 member' : `${group.memberCount} members`}.</p>
      )}
      {state.phase === 'loading' && <p className="loading">Loading…</p>}
      {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
      {state.phase === 'loaded' && (
        <UserGroupForm
          key={answers}
          group={group}
          catalogue={state.value.catalogue}
          categories={state.value.categories}
          onReload={reload}
        />
      )}
    </AdminPage>
  );
}

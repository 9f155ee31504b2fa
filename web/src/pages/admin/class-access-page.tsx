/**
 * Admin > Classes > one class's access: the user groups and people who may see its pupils when class
 * restrictions are on. Saving sends the version read, so a change made meanwhile is reported.
 */
import { useCallback, useState, type FormEvent } from 'react';
import { listClasses, updateClassAccess, type ClassGroup } from '../../api/admin-classes';
import { listUsers, type UserSummary } from '../../api/admin-users';
import { listUserGroups, type UserGroup } from '../../api/admin-user-groups';
import type { ApiResult } from '../../api/api-result';
import type { Problem } from '../../api/problem';
import { noticeForNextPage } from '../../admin/admin-notice';
import { adminPaths } from '../../admin/admin-routes';
import { useFormState } from '../../admin/form-state';
import { bothLoaded, useLoaded } from '../../admin/use-loaded';
import { AdminPage } from '../../components/admin-page';
import { AdminProblem } from '../../components/admin-problem';
import { FilterableCheckboxList } from '../../components/filterable-checkbox-list';
import { FormProblems } from '../../components/form-problems';
import { Link } from '../../routing/link';
import { navigate } from '../../routing/router';

interface Loaded {
  classGroup: ClassGroup;
  restricted: boolean;
  users: UserSummary[];
  groups: UserGroup[];
}

const notFound: Problem = {
  title: 'No such class',
  detail: 'Go back to the classes to see those there are.',
  status: 404,
};

function ClassAccessForm({ loaded, onReload }: { loaded: Loaded; onReload: () => void }) {
  const { classGroup } = loaded;
  const [groupIds, setGroupIds] = useState<Set<string>>(() => new Set(classGroup.access.groupIds));
  const [personIds, setPersonIds] = useState<Set<string>>(() => new Set(classGroup.access.personIds));
  const form = useFormState<never>();

  async function submit() {
    form.setState({ kind: 'submitting' });
    const result = await updateClassAccess(
      classGroup.classId,
      { groupIds: [...groupIds], personIds: [...personIds] },
      classGroup.version,
    );
    if (!result.ok) {
      form.setState({ kind: 'refused', problem: result.problem });
      return;
    }
    noticeForNextPage(adminPaths.classes, `Saved who may see the pupils in ${classGroup.name}.`);
    navigate(adminPaths.classes);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.submitting) void submit();
  }

  return (
    <>
      <FormProblems state={form.state} fields={{}} alertRef={form.alertRef} onReload={onReload} />
      <form className="form" noValidate onSubmit={handleSubmit} aria-busy={form.submitting}>
        <FilterableCheckboxList
          legend="User groups"
          hint="Everyone in a chosen group may see this class's pupils."
          filterLabel="Filter user groups"
          emptyText="This school has no user groups."
          options={loaded.groups.map((group) => ({ value: group.groupId, label: group.name }))}
          selected={groupIds}
          onChange={setGroupIds}
        />
        <FilterableCheckboxList
          legend="Users"
          hint="People given this class themselves, whatever their group."
          filterLabel="Filter users by name or email"
          emptyText="This school has no active users."
          options={loaded.users.map((user) => ({
            value: user.personId,
            label: user.displayName,
            hint: user.email,
          }))}
          selected={personIds}
          onChange={setPersonIds}
        />
        <button className="button" type="submit" aria-disabled={form.submitting ? true : undefined}>
          {form.submitting ? 'Saving…' : 'Save access'}
        </button>
      </form>
    </>
  );
}

export function ClassAccessPage({ classId }: { classId: string }) {
  const load = useCallback(
    async (signal: AbortSignal): Promise<ApiResult<Loaded>> => {
      const [classes, people] = await Promise.all([
        listClasses(signal),
        bothLoaded(listUsers('active', signal), listUserGroups(signal)),
      ]);
      if (!classes.ok) return classes;
      if (!people.ok) return people;
      const classGroup = classes.value.classes.find((candidate) => candidate.classId === classId);
      if (!classGroup) return { ok: false, problem: notFound };
      const [users, groups] = people.value;
      return {
        ok: true,
        value: {
          classGroup,
          restricted: classes.value.classRestrictionsEnabled,
          users,
          groups: groups.groups,
        },
      };
    },
    [classId],
  );
  const { state, reload, answers } = useLoaded(load);
  const classGroup = state.phase === 'loaded' ? state.value.classGroup : undefined;

  return (
    <AdminPage title={classGroup ? `Who may see ${classGroup.name}` : 'Class access'}>
      <p>
        <Link href={adminPaths.classes}>Back to classes</Link>
      </p>
      {state.phase === 'loaded' && !state.value.restricted && (
        <p className="notice notice--muted">
          Class restrictions are off, so this has no effect until they are turned on in Settings.
        </p>
      )}
      {state.phase === 'loading' && <p className="loading">Loading…</p>}
      {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
      {state.phase === 'loaded' && <ClassAccessForm key={answers} loaded={state.value} onReload={reload} />}
    </AdminPage>
  );
}

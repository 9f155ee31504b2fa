/**
 * Admin > Alert groups > create or change one: its name and its members, chosen from the school's
 * active users with a filter. The API has no single-group read, so the group comes from the list.
 */
import { useCallback, useState, type FormEvent } from 'react';
import {
  createAlertGroup,
  listAlertGroups,
  updateAlertGroup,
  type AlertGroup,
} from '../../api/admin-alert-groups';
import { listUsers, type UserSummary } from '../../api/admin-users';
import type { ApiResult } from '../../api/api-result';
import type { Problem } from '../../api/problem';
import { noticeForNextPage } from '../../admin/admin-notice';
import { adminPaths } from '../../admin/admin-routes';
import { refusalState, useFormState, type FormFields } from '../../admin/form-state';
import { bothLoaded, useLoaded } from '../../admin/use-loaded';
import { AdminPage } from '../../components/admin-page';
import { AdminProblem } from '../../components/admin-problem';
import { FilterableCheckboxList } from '../../components/filterable-checkbox-list';
import { FormProblems } from '../../components/form-problems';
import { TextField } from '../../components/text-field';
import { Link } from '../../routing/link';
import { navigate } from '../../routing/router';

type Field = 'name';

const FIELDS: FormFields<Field> = { name: { id: 'alert-group-name', label: 'Name' } };

const notFound: Problem = {
  title: 'No such alert group',
  detail: 'It may have been deleted. Go back to the alert groups to see those there are.',
  status: 404,
};

interface AlertGroupFormProps {
  group: AlertGroup | undefined;
  users: readonly UserSummary[];
  onReload: () => void;
}

function AlertGroupForm({ group, users, onReload }: AlertGroupFormProps) {
  const [name, setName] = useState(group?.name ?? '');
  const [members, setMembers] = useState<Set<string>>(() => new Set(group?.personIds ?? []));
  const form = useFormState<Field>();

  async function submit() {
    const trimmed = name.trim();
    if (trimmed === '') {
      form.setState({ kind: 'invalid', errors: { name: 'Enter a name for the alert group' } });
      return;
    }
    form.setState({ kind: 'submitting' });
    const input = { name: trimmed, personIds: [...members] };
    const result = group
      ? await updateAlertGroup(group.alertGroupId, input, group.version)
      : await createAlertGroup(input);
    if (!result.ok) {
      form.setState(refusalState(result.problem, FIELDS));
      return;
    }
    noticeForNextPage(
      adminPaths.alertGroups,
      group ? `Saved the alert group ${result.value.name}.` : `Created the alert group ${result.value.name}.`,
    );
    navigate(adminPaths.alertGroups);
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
          hint="For example, Safeguarding team"
          value={name}
          onChange={setName}
          error={form.errors.name}
        />
        <FilterableCheckboxList
          legend="Members"
          hint="Active users of this school."
          filterLabel="Filter users by name or email"
          emptyText="This school has no active users."
          options={users.map((user) => ({ value: user.personId, label: user.displayName, hint: user.email }))}
          selected={members}
          onChange={setMembers}
        />
        <button className="button" type="submit" aria-disabled={form.submitting ? true : undefined}>
          {form.submitting ? 'Saving…' : group ? 'Save alert group' : 'Create alert group'}
        </button>
      </form>
    </>
  );
}

export function AlertGroupFormPage({ alertGroupId }: { alertGroupId?: string }) {
  const load = useCallback(
    async (signal: AbortSignal): Promise<ApiResult<{ group?: AlertGroup; users: UserSummary[] }>> => {
      const result = await bothLoaded(listAlertGroups(signal), listUsers('active', signal));
      if (!result.ok) return result;
      const [groups, users] = result.value;
      if (!alertGroupId) return { ok: true, value: { users } };
      const group = groups.find((candidate) => candidate.alertGroupId === alertGroupId);
      return group ? { ok: true, value: { group, users } } : { ok: false, problem: notFound };
    },
    [alertGroupId],
  );
  const { state, reload, answers } = useLoaded(load);
  const group = state.phase === 'loaded' ? state.value.group : undefined;
  const title = alertGroupId
    ? group
      ? `Change ${group.name}`
      : 'Change alert group'
    : 'Create an alert group';

  return (
    <AdminPage title={title}>
      <p>
        <Link href={adminPaths.alertGroups}>Back to alert groups</Link>
      </p>
      {state.phase === 'loading' && <p className="loading">Loading…</p>}
      {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
      {state.phase === 'loaded' && (
        <AlertGroupForm key={answers} group={group} users={state.value.users} onReload={reload} />
      )}
    </AdminPage>
  );
}

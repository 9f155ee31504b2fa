/**
 * Choosing a user's group: moving an active user, or reactivating a deactivated one into a group
 * (deactivation clears the group, so reactivating always asks for one).
 */
import { useState, type FormEvent } from 'react';
import { reactivateUser, updateUser, type UserDetail } from '../../../api/admin-users';
import type { UserGroup } from '../../../api/admin-user-groups';
import { refusalState, useFormState, type FormFields } from '../../../admin/form-state';
import type { ActionOutcome } from '../../../components/action-notice';
import { FormProblems } from '../../../components/form-problems';
import { SelectField } from '../../../components/select-field';

type Field = 'groupId';

const FIELDS: FormFields<Field> = { groupId: { id: 'user-group', label: 'User group' } };

interface UserGroupFormProps {
  user: UserDetail;
  groups: readonly UserGroup[];
  onChanged: (outcome: ActionOutcome) => void;
}

export function UserGroupForm({ user, groups, onChanged }: UserGroupFormProps) {
  const reactivating = user.status === 'deactivated';
  const [groupId, setGroupId] = useState(user.groupId ?? '');
  const form = useFormState<Field>();
  const groupName = (id: string) => groups.find((group) => group.groupId === id)?.name ?? 'the group';

  async function submit() {
    if (groupId === '') {
      form.setState({ kind: 'invalid', errors: { groupId: 'Choose a user group' } });
      return;
    }
    if (!reactivating && groupId === user.groupId) {
      form.setState({ kind: 'editing' });
      onChanged({ kind: 'done', text: `${user.displayName} is already in ${groupName(groupId)}.` });
      return;
    }
    form.setState({ kind: 'submitting' });
    const result = reactivating
      ? await reactivateUser(user.personId, groupId)
      : await updateUser(user.personId, { groupId });
    if (!result.ok) {
      form.setState(refusalState(result.problem, FIELDS));
      return;
    }
    form.setState({ kind: 'editing' });
    onChanged({
      kind: 'done',
      text: reactivating
        ? `${user.displayName} is active again, in ${groupName(groupId)}.`
        : `${user.displayName} is now in ${groupName(groupId)}.`,
    });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.submitting) void submit();
  }

  return (
    <section className="admin-section" aria-labelledby="user-group-heading">
      <h2 className="section-title" id="user-group-heading">
        {reactivating ? 'Reactivate' : 'User group'}
      </h2>
      {reactivating && (
        <p>
          {user.displayName} is deactivated and cannot sign in to this school. Reactivate them into a user
          group to let them back in.
        </p>
      )}
      <FormProblems state={form.state} fields={FIELDS} alertRef={form.alertRef} />
      <form className="form" noValidate onSubmit={handleSubmit} aria-busy={form.submitting}>
        <SelectField
          id={FIELDS.groupId.id}
          label="User group"
          hint="Their user group decides what they may see and do in this school."
          placeholder={reactivating ? 'Choose a user group' : undefined}
          options={groups.map((group) => ({ value: group.groupId, label: group.name }))}
          value={groupId}
          onChange={setGroupId}
          error={form.errors.groupId}
        />
        <button className="button" type="submit" aria-disabled={form.submitting ? true : undefined}>
          {reactivating ? 'Reactivate user' : 'Move to this group'}
        </button>
      </form>
    </section>
  );
}

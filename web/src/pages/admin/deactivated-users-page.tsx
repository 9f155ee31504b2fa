/**
 * Admin > Users > Deactivated users: people who no longer use Lantern here, each with a way to
 * reactivate them into a user group of the admin's choosing.
 */
import { useCallback, useState, type FormEvent } from 'react';
import { listUsers, reactivateUser, type UserSummary } from '../../api/admin-users';
import { listUserGroups, type UserGroup } from '../../api/admin-user-groups';
import { noticeFor } from '../../admin/admin-notice';
import { adminPaths } from '../../admin/admin-routes';
import { bothLoaded, useLoaded } from '../../admin/use-loaded';
import { ActionNotice, type ActionOutcome } from '../../components/action-notice';
import { AdminPage } from '../../components/admin-page';
import { AdminProblem } from '../../components/admin-problem';
import { Link } from '../../routing/link';

interface ReactivateRowProps {
  user: UserSummary;
  groups: readonly UserGroup[];
  onDone: (outcome: ActionOutcome) => void;
}

function ReactivateRow({ user, groups, onDone }: ReactivateRowProps) {
  const [groupId, setGroupId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const selectId = `reactivate-group-${user.personId}`;

  async function reactivate() {
    if (groupId === '') {
      setError(`Choose a user group for ${user.displayName}`);
      document.getElementById(selectId)?.focus();
      return;
    }
    setError(undefined);
    setBusy(true);
    const result = await reactivateUser(user.personId, groupId);
    setBusy(false);
    const group = groups.find((candidate) => candidate.groupId === groupId)?.name ?? 'their new group';
    onDone(
      result.ok
        ? { kind: 'done', text: `${user.displayName} is active again, in ${group}.` }
        : { kind: 'failed', problem: result.problem },
    );
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!busy) void reactivate();
  }

  return (
    <tr>
      <th scope="row" className="admin-table__name">
        <Link href={adminPaths.user(user.personId)}>{user.displayName}</Link>
      </th>
      <td className="admin-table__email">{user.email}</td>
      <td>
        <form className="inline-form" noValidate onSubmit={handleSubmit} aria-busy={busy}>
          <div className={error ? 'field field--error' : 'field'}>
            <label className="field__label visually-hidden" htmlFor={selectId}>
              User group for {user.displayName}
            </label>
            {error && (
              <p className="field__error" id={`${selectId}-error`}>
                <span className="visually-hidden">Error: </span>
                {error}
              </p>
            )}
            <select
              id={selectId}
              className="field__input field__select"
              value={groupId}
              onChange={(event) => setGroupId(event.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${selectId}-error` : undefined}
            >
              <option value="">Choose a user group</option>
              {groups.map((group) => (
                <option key={group.groupId} value={group.groupId}>
                  {group.name}
                </option>
              ))}
            </select>
          </div>
          <button
            className="button button--small button--secondary"
            type="submit"
            aria-disabled={busy ? true : undefined}
          >
            Reactivate<span className="visually-hidden"> {user.displayName}</span>
          </button>
        </form>
      </td>
    </tr>
  );
}

export function DeactivatedUsersPage() {
  const load = useCallback(
    (signal: AbortSignal) => bothLoaded(listUsers('deactivated', signal), listUserGroups(signal)),
    [],
  );
  const { state, reload } = useLoaded(load);
  const [outcome, setOutcome] = useState<ActionOutcome | undefined>();

  function handleDone(next: ActionOutcome) {
    setOutcome(next);
    reload();
  }

  return (
    <AdminPage
      title="Deactivated users"
      lede="They cannot sign in to this school. Reactivating someone puts them in the user group you choose."
      notice={noticeFor(adminPaths.deactivatedUsers)}
    >
      <p>
        <Link href={adminPaths.users}>Back to active users</Link>
      </p>
      <ActionNotice outcome={outcome} />
      {state.phase === 'loading' && <p className="loading">Loading deactivated users…</p>}
      {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
      {state.phase === 'loaded' && state.value[0].length === 0 && <p>There are no deactivated users.</p>}
      {state.phase === 'loaded' && state.value[0].length > 0 && (
        <table className="table admin-table">
          <caption className="visually-hidden">Deactivated users, by name</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Reactivate into</th>
            </tr>
          </thead>
          <tbody>
            {state.value[0].map((user) => (
              <ReactivateRow
                key={user.personId}
                user={user}
                groups={state.value[1].groups}
                onDone={handleDone}
              />
            ))}
          </tbody>
        </table>
      )}
    </AdminPage>
  );
}

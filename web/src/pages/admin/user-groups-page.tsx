/**
 * Admin > User groups: each group with its member count. A group can be deleted only once it has no
 * members; if someone joins it meanwhile the API refuses (409) and the page says why.
 */
import { deleteUserGroup, listUserGroups } from '../../api/admin-user-groups';
import { noticeFor } from '../../admin/admin-notice';
import { adminPaths } from '../../admin/admin-routes';
import { useDeleteFromList } from '../../admin/use-delete-from-list';
import { useLoaded } from '../../admin/use-loaded';
import { ActionNotice } from '../../components/action-notice';
import { AdminPage } from '../../components/admin-page';
import { AdminProblem } from '../../components/admin-problem';
import { Link } from '../../routing/link';

export function UserGroupsPage() {
  const { state, reload } = useLoaded(listUserGroups);
  const { outcome, deleting, remove } = useDeleteFromList('user group', deleteUserGroup, reload);

  return (
    <AdminPage
      title="User groups"
      lede="Everyone in the school is in one user group, which decides what they may see and do."
      notice={noticeFor(adminPaths.userGroups)}
    >
      <p>
        <Link href={adminPaths.newUserGroup} className="button">
          Create a user group
        </Link>
      </p>
      <ActionNotice outcome={outcome} />
      {state.phase === 'loading' && <p className="loading">Loading user groups…</p>}
      {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
      {state.phase === 'loaded' && (
        <table className="table admin-table">
          <caption className="visually-hidden">User groups</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Description</th>
              <th scope="col" className="numeric">
                Members
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {state.value.groups.map((group) => (
              <tr key={group.groupId}>
                <th scope="row" className="admin-table__name">
                  <Link href={adminPaths.userGroup(group.groupId)}>{group.name}</Link>
                </th>
                <td>{group.description}</td>
                <td className="numeric">{group.memberCount}</td>
                <td className="admin-table__actions">
                  {group.memberCount === 0 ? (
                    <button
                      className="button button--small button--warning"
                      type="button"
                      onClick={() => void remove(group.groupId, group.name)}
                      aria-disabled={deleting ? true : undefined}
                    >
                      Delete<span className="visually-hidden"> {group.name}</span>
                    </button>
                  ) : (
                    <span className="hint">Has members</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminPage>
  );
}

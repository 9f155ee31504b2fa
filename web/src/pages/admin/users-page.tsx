/** Admin > Users: the school's active users, with their group and markers, and the ways to add one. */
import { listUsers } from '../../api/admin-users';
import { noticeFor } from '../../admin/admin-notice';
import { adminPaths } from '../../admin/admin-routes';
import { useLoaded } from '../../admin/use-loaded';
import { AdminPage } from '../../components/admin-page';
import { AdminProblem } from '../../components/admin-problem';
import { UserMarkers } from '../../components/user-markers';
import { Link } from '../../routing/link';

export function UsersPage() {
  const { state } = useLoaded(loadActiveUsers);
  return (
    <AdminPage title="Users" notice={noticeFor(adminPaths.users)}>
      <ul className="action-links">
        <li>
          <Link href={adminPaths.addUser} className="button">
            Add a user
          </Link>
        </li>
        <li>
          <Link href={adminPaths.deactivatedUsers}>Deactivated users</Link>
        </li>
      </ul>
      {state.phase === 'loading' && <p className="loading">Loading users…</p>}
      {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
      {state.phase === 'loaded' && (
        <table className="table admin-table">
          <caption className="visually-hidden">Active users, by name</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">User group</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {state.value.map((user) => (
              <tr key={user.personId}>
                <th scope="row" className="admin-table__name">
                  <Link href={adminPaths.user(user.personId)}>{user.displayName}</Link>
                </th>
                <td className="admin-table__email">{user.email}</td>
                <td>{user.groupName ?? 'None'}</td>
                <td>
                  <UserMarkers user={user} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminPage>
  );
}

function loadActiveUsers(signal: AbortSignal) {
  return listUsers('active', signal);
}

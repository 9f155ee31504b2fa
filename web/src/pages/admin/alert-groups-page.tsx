/** Admin > Alert groups: named sets of staff to alert in one go, with their member counts. */
import { deleteAlertGroup, listAlertGroups } from '../../api/admin-alert-groups';
import { noticeFor } from '../../admin/admin-notice';
import { adminPaths } from '../../admin/admin-routes';
import { useDeleteFromList } from '../../admin/use-delete-from-list';
import { useLoaded } from '../../admin/use-loaded';
import { ActionNotice } from '../../components/action-notice';
import { AdminPage } from '../../components/admin-page';
import { AdminProblem } from '../../components/admin-problem';
import { Link } from '../../routing/link';

export function AlertGroupsPage() {
  const { state, reload } = useLoaded(listAlertGroups);
  const { outcome, deleting, remove } = useDeleteFromList('alert group', deleteAlertGroup, reload);

  return (
    <AdminPage
      title="Alert groups"
      lede="Alert a whole group of staff at once, such as the safeguarding team."
      notice={noticeFor(adminPaths.alertGroups)}
    >
      <p>
        <Link href={adminPaths.newAlertGroup} className="button">
          Create an alert group
        </Link>
      </p>
      <ActionNotice outcome={outcome} />
      {state.phase === 'loading' && <p className="loading">Loading alert groups…</p>}
      {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
      {state.phase === 'loaded' && state.value.length === 0 && <p>There are no alert groups yet.</p>}
      {state.phase === 'loaded' && state.value.length > 0 && (
        <table className="table admin-table">
          <caption className="visually-hidden">Alert groups</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col" className="numeric">
                Members
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {state.value.map((group) => (
              <tr key={group.alertGroupId}>
                <th scope="row" className="admin-table__name">
                  <Link href={adminPaths.alertGroup(group.alertGroupId)}>{group.name}</Link>
                </th>
                <td className="numeric">{group.personIds.length}</td>
                <td className="admin-table__actions">
                  <button
                    className="button button--small button--warning"
                    type="button"
                    onClick={() => void remove(group.alertGroupId, group.name)}
                    aria-disabled={deleting ? true : undefined}
                  >
                    Delete<span className="visually-hidden"> {group.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminPage>
  );
}

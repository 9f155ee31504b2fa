/**
 * Everything under /admin: the admin areas this session may use as tabs, and the screen for the
 * path. A screen the session may not use says why (elevate first, or not allowed) instead of
 * sending requests the API would refuse.
 */
import { useEffect } from 'react';
import type { SessionView } from '../../api/session-view';
import { areasFor, hasAdminAccess, mayUse, ADMIN_AREAS } from '../../admin/admin-areas';
import { forgetNoticesExceptFor } from '../../admin/admin-notice';
import { areaOf, resolveAdminScreen, type AdminScreen } from '../../admin/admin-routes';
import { useMyAccess } from '../../admin/my-access-store';
import type { MyAccess } from '../../api/my-access';
import { AdminAccessRefused } from '../../components/admin-access-refused';
import { AdminPage } from '../../components/admin-page';
import { AdminProblem } from '../../components/admin-problem';
import { AdminTabs } from '../../components/admin-tabs';
import { CalendarPage } from '../../calendar/calendar-page';
import { usePathname } from '../../routing/router';
import { TransferPage } from '../../transfers/transfer-page';
import { TransferSettingsPage } from '../../transfers/transfer-settings-page';
import { TransfersPage } from '../../transfers/transfers-page';
import { NotFoundPage } from '../not-found-page';
import { AddUserPage } from './add-user-page';
import { AdminOverviewPage } from './admin-overview-page';
import { AgenciesPage } from './agencies-page';
import { AgencyPage } from './agency-page';
import { AlertGroupFormPage } from './alert-group-form-page';
import { AlertGroupsPage } from './alert-groups-page';
import { CategoriesPage } from './categories-page';
import { CategoryPage } from './category-page';
import { ClassAccessPage } from './class-access-page';
import { ClassesPage } from './classes-page';
import { MisConnectionPage } from './mis-connection-page';
import { ImportPage } from './import-page';
import { ImportsPage } from './imports-page';
import { DeactivatedUsersPage } from './deactivated-users-page';
import { NewCategoryPage } from './new-category-page';
import { SettingsPage } from './settings-page';
import { UserGroupFormPage } from './user-group-form-page';
import { UserGroupsPage } from './user-groups-page';
import { UserPage } from './user-page';
import { UsersPage } from './users-page';

function screenFor(screen: AdminScreen, view: SessionView, access: MyAccess) {
  switch (screen.screen) {
    case 'overview':
      return <AdminOverviewPage areas={areasFor(access)} />;
    case 'users':
      return <UsersPage />;
    case 'deactivated-users':
      return <DeactivatedUsersPage />;
    case 'add-user':
      return <AddUserPage />;
    case 'user':
      return (
        <UserPage
          key={screen.personId}
          personId={screen.personId}
          view={view}
          mayReadAudit={mayUse(access, 'audit.view')}
        />
      );
    case 'user-groups':
      return <UserGroupsPage />;
    case 'new-user-group':
      return <UserGroupFormPage key="new" />;
    case 'user-group':
      return <UserGroupFormPage key={screen.groupId} groupId={screen.groupId} />;
    case 'alert-groups':
      return <AlertGroupsPage />;
    case 'new-alert-group':
      return <AlertGroupFormPage key="new" />;
    case 'alert-group':
      return <AlertGroupFormPage key={screen.alertGroupId} alertGroupId={screen.alertGroupId} />;
    case 'categories':
      return <CategoriesPage />;
    case 'new-category':
      return <NewCategoryPage />;
    case 'category':
      return <CategoryPage key={screen.categoryId} categoryId={screen.categoryId} />;
    case 'agencies':
      return <AgenciesPage />;
    case 'agency':
      return <AgencyPage key={screen.agencyId} agencyId={screen.agencyId} />;
    case 'classes':
      return <ClassesPage mayChangeSettings={mayUse(access, 'admin.settings')} />;
    case 'class-access':
      return <ClassAccessPage key={screen.classId} classId={screen.classId} />;
    case 'settings':
      return <SettingsPage />;
    case 'calendar':
      return <CalendarPage />;
    case 'mis-connection':
      return <MisConnectionPage />;
    case 'imports':
      return <ImportsPage />;
    case 'import':
      return <ImportPage key={screen.importId} importId={screen.importId} />;
    case 'transfers':
      return <TransfersPage />;
    case 'transfer-settings':
      return <TransferSettingsPage />;
    case 'transfer':
      return <TransferPage key={screen.transferId} transferId={screen.transferId} />;
    case 'not-found':
      return <NotFoundPage signedIn />;
  }
}

export function AdminArea({ view }: { view: SessionView }) {
  const pathname = usePathname();
  const access = useMyAccess(view);
  const screen = resolveAdminScreen(pathname);

  useEffect(() => forgetNoticesExceptFor(pathname), [pathname]);

  if (screen.screen === 'not-found') return <NotFoundPage signedIn />;
  if (access.phase === 'loading') {
    return (
      <AdminPage title="Admin">
        <p className="loading">Checking your access…</p>
      </AdminPage>
    );
  }
  if (access.phase === 'failed') {
    return (
      <AdminPage title="Admin">
        <AdminProblem problem={access.problem} />
      </AdminPage>
    );
  }
  const area = areaOf(screen);
  const permission = ADMIN_AREAS.find((candidate) => candidate.id === area)?.permission;
  const allowed = permission ? mayUse(access.access, permission) : hasAdminAccess(access.access);
  if (!allowed) return <AdminAccessRefused access={access.access} />;
  return (
    <div className="page-stack">
      <AdminTabs areas={areasFor(access.access)} current={area} />
      {screenFor(screen, view, access.access)}
    </div>
  );
}

/** Which admin screen each path under /admin shows, with the ids the path carries. */
import type { AdminAreaId } from './admin-areas';

export type AdminScreen =
  | { screen: 'overview' }
  | { screen: 'users' }
  | { screen: 'deactivated-users' }
  | { screen: 'add-user' }
  | { screen: 'user'; personId: string }
  | { screen: 'user-groups' }
  | { screen: 'new-user-group' }
  | { screen: 'user-group'; groupId: string }
  | { screen: 'alert-groups' }
  | { screen: 'new-alert-group' }
  | { screen: 'alert-group'; alertGroupId: string }
  | { screen: 'categories' }
  | { screen: 'new-category' }
  | { screen: 'category'; categoryId: string }
  | { screen: 'agencies' }
  | { screen: 'agency'; agencyId: string }
  | { screen: 'classes' }
  | { screen: 'class-access'; classId: string }
  | { screen: 'settings' }
  | { screen: 'calendar' }
  | { screen: 'mis-connection' }
  | { screen: 'imports' }
  | { screen: 'import'; importId: string }
  | { screen: 'transfers' }
  | { screen: 'transfer-settings' }
  | { screen: 'transfer'; transferId: string }
  | { screen: 'not-found' };

/** The paths under /admin the app knows, for links. */
export const adminPaths = {
  overview: '/admin',
  users: '/admin/users',
  deactivatedUsers: '/admin/users/deactivated',
  addUser: '/admin/users/new',
  user: (personId: string) => `/admin/users/${encodeURIComponent(personId)}`,
  userGroups: '/admin/user-groups',
  newUserGroup: '/admin/user-groups/new',
  userGroup: (groupId: string) => `/admin/user-groups/${encodeURIComponent(groupId)}`,
  alertGroups: '/admin/alert-groups',
  newAlertGroup: '/admin/alert-groups/new',
  alertGroup: (alertGroupId: string) => `/admin/alert-groups/${encodeURIComponent(alertGroupId)}`,
  categories: '/admin/categories',
  newCategory: '/admin/categories/new',
  category: (categoryId: string) => `/admin/categories/${encodeURIComponent(categoryId)}`,
  agencies: '/admin/agencies',
  agency: (agencyId: string) => `/admin/agencies/${encodeURIComponent(agencyId)}`,
  classes: '/admin/classes',
  classAccess: (classId: string) => `/admin/classes/${encodeURIComponent(classId)}`,
  settings: '/admin/settings',
  calendar: '/admin/calendar',
  misConnection: '/admin/mis-connection',
  imports: '/admin/imports',
  import: (importId: string) => `/admin/imports/${encodeURIComponent(importId)}`,
  transfers: '/admin/transfers',
  transferSettings: '/admin/transfers/settings',
  /** Where the transfer emails link to (lib/transfers/transfer-notifier.ts transferLink). */
  transfer: (transferId: string) => `/admin/transfers/${encodeURIComponent(transferId)}`,
} as const;

/** Ids in paths are UUIDs; anything else is a path the app does not know. */
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function resolveAdminScreen(pathname: string): AdminScreen {
  const [first, second, third, ...rest] = pathname.split('/').filter(Boolean);
  if (first !== 'admin' || rest.length > 0) return { screen: 'not-found' };
  const id = third !== undefined && ID.test(third) ? third : undefined;
  switch (second) {
    case undefined:
      return { screen: 'overview' };
    case 'users':
      if (third === undefined) return { screen: 'users' };
      if (third === 'deactivated') return { screen: 'deactivated-users' };
      if (third === 'new') return { screen: 'add-user' };
      return id ? { screen: 'user', personId: id } : { screen: 'not-found' };
    case 'user-groups':
      if (third === undefined) return { screen: 'user-groups' };
      if (third === 'new') return { screen: 'new-user-group' };
      return id ? { screen: 'user-group', groupId: id } : { screen: 'not-found' };
    case 'alert-groups':
      if (third === undefined) return { screen: 'alert-groups' };
      if (third === 'new') return { screen: 'new-alert-group' };
      return id ? { screen: 'alert-group', alertGroupId: id } : { screen: 'not-found' };
    case 'categories':
      if (third === undefined) return { screen: 'categories' };
      if (third === 'new') return { screen: 'new-category' };
      return id ? { screen: 'category', categoryId: id } : { screen: 'not-found' };
    case 'agencies':
      if (third === undefined) return { screen: 'agencies' };
      return id ? { screen: 'agency', agencyId: id } : { screen: 'not-found' };
    case 'classes':
      if (third === undefined) return { screen: 'classes' };
      return id ? { screen: 'class-access', classId: id } : { screen: 'not-found' };
    case 'settings':
      return third === undefined ? { screen: 'settings' } : { screen: 'not-found' };
    case 'calendar':
      return third === undefined ? { screen: 'calendar' } : { screen: 'not-found' };
    case 'mis-connection':
      return third === undefined ? { screen: 'mis-connection' } : { screen: 'not-found' };
    case 'imports':
      if (third === undefined) return { screen: 'imports' };
      return id ? { screen: 'import', importId: id } : { screen: 'not-found' };
    case 'transfers':
      if (third === undefined) return { screen: 'transfers' };
      if (third === 'settings') return { screen: 'transfer-settings' };
      return id ? { screen: 'transfer', transferId: id } : { screen: 'not-found' };
    default:
      return { screen: 'not-found' };
  }
}

/** The area (tab) a screen belongs to; undefined for the overview and unknown paths. */
export function areaOf(screen: AdminScreen): AdminAreaId | undefined {
  switch (screen.screen) {
    case 'users':
    case 'deactivated-users':
    case 'add-user':
    case 'user':
      return 'users';
    case 'user-groups':
    case 'new-user-group':
    case 'user-group':
      return 'user-groups';
    case 'alert-groups':
    case 'new-alert-group':
    case 'alert-group':
      return 'alert-groups';
    case 'categories':
    case 'new-category':
    case 'category':
      return 'categories';
    case 'agencies':
    case 'agency':
      return 'agencies';
    case 'classes':
    case 'class-access':
      return 'classes';
    case 'settings':
      return 'settings';
    case 'calendar':
      return 'calendar';
    case 'mis-connection':
      return 'mis-connection';
    case 'imports':
    case 'import':
      return 'imports';
    case 'transfers':
    case 'transfer-settings':
    case 'transfer':
      return 'transfers';
    case 'overview':
    case 'not-found':
      return undefined;
  }
}

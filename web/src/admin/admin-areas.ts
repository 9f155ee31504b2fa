/**
 * The admin areas, the permission each needs (lib/admin/admin-api.ts), and whether someone's access
 * (GET /api/access/me) reaches them. The API checks every request itself; this only decides what the
 * app offers.
 */
import type { MyAccess } from '../api/my-access';

export type AdminAreaId =
  | 'users'
  | 'user-groups'
  | 'alert-groups'
  | 'categories'
  | 'agencies'
  | 'classes'
  | 'settings'
  | 'calendar'
  | 'mis-connection'
  | 'imports'
  | 'transfers';

export interface AdminArea {
  readonly id: AdminAreaId;
  readonly href: string;
  readonly label: string;
  readonly description: string;
  readonly permission: string;
}

export const ADMIN_AREAS: readonly AdminArea[] = [
  {
    id: 'users',
    href: '/admin/users',
    label: 'Users',
    description: 'Add staff, change their user group, unlock them, send password links, remove lost keys.',
    permission: 'admin.users',
  },
  {
    id: 'user-groups',
    href: '/admin/user-groups',
    label: 'User groups',
    description: 'What each group of staff may see and do.',
    permission: 'admin.users',
  },
  {
    id: 'alert-groups',
    href: '/admin/alert-groups',
    label: 'Alert groups',
    description: 'Named sets of staff to alert in one go.',
    permission: 'admin.users',
  },
  {
    id: 'categories',
    href: '/admin/categories',
    label: 'Categories',
    description: 'The categories and sub-categories staff record under, their colours and who may use each.',
    permission: 'admin.categories',
  },
  {
    id: 'agencies',
    href: '/admin/agencies',
    label: 'Agencies',
    description: 'The agencies staff choose from when recording who was involved.',
    permission: 'admin.categories',
  },
  {
    id: 'classes',
    href: '/admin/classes',
    label: 'Classes',
    description: 'Tutor and year groups, and who may see their pupils when class restrictions are on.',
    permission: 'admin.classes',
  },
  {
    id: 'settings',
    href: '/admin/settings',
    label: 'Settings',
    description: 'Idle timeout, allowed email domains and class restrictions.',
    permission: 'admin.settings',
  },
  {
    id: 'calendar',
    href: '/admin/calendar',
    label: 'Calendar',
    description: 'Term dates, closures and bank holidays: the school days transfer deadlines count.',
    permission: 'admin.settings',
  },
  {
    id: 'mis-connection',
    href: '/admin/mis-connection',
    label: 'MIS connection',
    description: 'Credentials your MIS connector uses to send pupils, staff, classes and attendance.',
    permission: 'admin.imports',
  },
  {
    id: 'imports',
    href: '/admin/imports',
    label: 'Imports',
    description:
      'Whether the nightly MIS import is up to date, what each import did and what it skipped; run one now.',
    permission: 'admin.imports',
  },
  {
    id: 'transfers',
    href: '/admin/transfers',
    label: 'Transfers',
    description:
      'Records of pupils who moved between Lantern schools: request, authorise and confirm them; choose which categories transfer.',
    permission: 'admin.transfers',
  },
];

/** Permissions that open some part of the admin area (audit.view: a user's audit trail). */
const ADMIN_PERMISSIONS: ReadonlySet<string> = new Set([
  'admin.users',
  'admin.categories',
  'admin.classes',
  'admin.settings',
  'admin.imports',
  'admin.transfers',
  'audit.view',
]);

/**
 * Where "Elevate your access" lives. The second-factor pages own it; the API refuses admin requests
 * from a session that has not elevated (403, urn:lantern:problem:elevation-required).
 */
export const ELEVATE_PATH = '/elevate';

export const ELEVATION_REQUIRED_TYPE = 'urn:lantern:problem:elevation-required';

export function hasAdminAccess(access: MyAccess): boolean {
  return access.permissions.some((permission) => ADMIN_PERMISSIONS.has(permission));
}

export function mayUse(access: MyAccess, permission: string): boolean {
  return access.permissions.includes(permission);
}

export function areasFor(access: MyAccess): AdminArea[] {
  return ADMIN_AREAS.filter((area) => mayUse(access, area.permission));
}

/**
 * The permission catalogue. A user group grants system permissions (what parts of Lantern its
 * members may use) and per-category permissions (which safeguarding categories they may see or
 * record). Key holders get their group's permissions only after elevating with a key; until then a
 * session has the restricted, non-key subset, whatever the group grants.
 */
import { z } from 'zod';

export const SYSTEM_PERMISSIONS = [
  'students.list',
  'students.details',
  'students.withoutClass',
  'students.manage',
  'incidents.add',
  'incidents.edit',
  'reports.run',
  'planner',
  'library.view',
  'library.add',
  'files',
  'audit.view',
  'admin.settings',
  'admin.users',
  'admin.categories',
  'admin.classes',
  'admin.imports',
  'admin.transfers',
] as const;

export type SystemPermission = (typeof SYSTEM_PERMISSIONS)[number];

export const SystemPermissionSchema = z.enum(SYSTEM_PERMISSIONS);

/** What each permission allows, as the user-group screen explains it. */
export const SYSTEM_PERMISSION_LABELS: Readonly<Record<SystemPermission, string>> = {
  'students.list': 'View the pupil list',
  'students.details': "View a pupil's profile and chronology",
  'students.withoutClass': 'See pupils with no tutor or year group (when class restrictions are on)',
  'students.manage': 'Add pupils by hand and edit their details, contacts and links',
  'incidents.add': 'Add incidents and actions',
  'incidents.edit': 'Edit and delete incidents and actions',
  'reports.run': 'Run reports',
  planner: 'Use the planner',
  'library.view': 'View library files',
  'library.add': 'Add library files',
  files: 'Attach files to incidents and actions',
  'audit.view': "Read pupils' audit reports and users' audit trails",
  'admin.settings': 'Administer school settings',
  'admin.users': 'Administer users, user groups and alert groups',
  'admin.categories': 'Administer categories and agencies',
  'admin.classes': 'Administer class restrictions',
  'admin.imports': 'Administer MIS imports and connector credentials',
  'admin.transfers': 'Administer record transfers',
};

/**
 * What a session without a key may do, even if its group grants more: record a concern and use
 * the library. Everything that reveals pupil records needs a key (IAM-2).
 */
export const NON_KEY_SYSTEM_PERMISSIONS: ReadonlySet<SystemPermission> = new Set<SystemPermission>([
  'incidents.add',
  'files',
  'library.view',
  'library.add',
]);

export const CategoryPermissionSchema = z
  .object({
    /** See pupils monitored for this category. */
    viewStudents: z.boolean(),
    /** See incidents recorded in this category. */
    viewIncidents: z.boolean(),
    /** Record new incidents in this category. */
    addIncidents: z.boolean(),
  })
  .strict()
  .meta({ id: 'CategoryPermission' });

export type CategoryPermission = z.infer<typeof CategoryPermissionSchema>;

export const NO_CATEGORY_ACCESS: CategoryPermission = {
  viewStudents: false,
  viewIncidents: false,
  addIncidents: false,
};

/** A session without a key keeps only the right to record concerns in a category. */
export function nonKeyCategoryPermission(granted: CategoryPermission): CategoryPermission {
  return { viewStudents: false, viewIncidents: false, addIncidents: granted.addIncidents };
}

/** Category ids are the records issue's; any id of this shape is accepted and stored. */
export const CategoryIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a category id');

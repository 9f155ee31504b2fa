/** User groups (IAM-3): a named set of permissions every member of a school is placed in. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  CategoryIdSchema,
  CategoryPermissionSchema,
  NO_CATEGORY_ACCESS,
  SystemPermissionSchema,
  type CategoryPermission,
  type SystemPermission,
} from './permissions';

export const GroupNameSchema = z.string().trim().min(1, 'must not be empty').max(80);

export const UserGroupSettingsSchema = z
  .object({
    name: GroupNameSchema,
    description: z.string().trim().max(300).default(''),
    systemPermissions: z
      .array(SystemPermissionSchema)
      .max(50)
      .transform((permissions) => [...new Set(permissions)].sort()),
    /** Per category id (categories and sub-categories alike); a category not listed grants nothing. */
    categoryPermissions: z.record(CategoryIdSchema, CategoryPermissionSchema).default({}),
    /** Applied to this group when a new category is created, so a DSL group sees new categories at once. */
    newCategoryDefault: CategoryPermissionSchema.default(NO_CATEGORY_ACCESS),
  })
  .strict();

export const UserGroupSchema = UserGroupSettingsSchema.extend({
  groupId: z.string().uuid(),
  schoolId: z.string().uuid(),
  /** Active members; kept in the same transactions that move people in and out, so delete can rely on it. */
  memberCount: z.number().int().min(0),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.number().int().positive(),
})
  // Stored items carry their keys and item type too; the input schema's strictness stops here.
  .strip()
  .meta({ id: 'UserGroup' });

export type UserGroupSettings = z.output<typeof UserGroupSettingsSchema>;
export type UserGroup = z.output<typeof UserGroupSchema>;

const EVERYTHING: CategoryPermission = { viewStudents: true, viewIncidents: true, addIncidents: true };
const RECORD_ONLY: CategoryPermission = { viewStudents: false, viewIncidents: false, addIncidents: true };

interface DefaultGroup {
  readonly key: 'dsl' | 'slt' | 'teachers' | 'nonTeaching';
  readonly settings: UserGroupSettings;
}

const PUPIL_ACCESS: SystemPermission[] = ['students.list', 'students.details', 'incidents.add', 'files'];

/**
 * The groups a new school starts with. The safeguarding team sees and administers everything;
 * senior leaders see records but administer nothing; teachers and other staff record concerns.
 * Schools tune these on the user-group screen.
 */
export const DEFAULT_USER_GROUPS: readonly DefaultGroup[] = [
  {
    key: 'dsl',
    settings: {
      name: 'Designated Safeguarding Leads',
      description: 'The safeguarding team: every category, every pupil, and the admin areas.',
      systemPermissions: [
        ...PUPIL_ACCESS,
        'students.withoutClass',
        'students.manage',
        'incidents.edit',
        'reports.run',
        'planner',
        'library.view',
        'library.add',
        'audit.view',
        'admin.settings',
        'admin.users',
        'admin.categories',
        'admin.classes',
        'admin.imports',
        'admin.transfers',
      ].sort() as SystemPermission[],
      categoryPermissions: {},
      newCategoryDefault: EVERYTHING,
    },
  },
  {
    key: 'slt',
    settings: {
      name: 'Senior Leadership Team',
      description: 'Senior leaders: read pupil records and run reports; no admin areas.',
      systemPermissions: [
        ...PUPIL_ACCESS,
        'reports.run',
        'planner',
        'library.view',
        'library.add',
      ].sort() as SystemPermission[],
      categoryPermissions: {},
      newCategoryDefault: EVERYTHING,
    },
  },
  {
    key: 'teachers',
    settings: {
      name: 'Teachers',
      description: 'Record concerns and read library files.',
      systemPermissions: ['incidents.add', 'files', 'library.view'],
      categoryPermissions: {},
      newCategoryDefault: RECORD_ONLY,
    },
  },
  {
    key: 'nonTeaching',
    settings: {
      name: 'Non-teaching staff',
      description: 'Record concerns.',
      systemPermissions: ['incidents.add'],
      categoryPermissions: {},
      newCategoryDefault: RECORD_ONLY,
    },
  },
];

/** A new, empty group with these settings (version 1). */
export function newUserGroup(schoolId: string, settings: UserGroupSettings, at: string): UserGroup {
  return {
    ...UserGroupSettingsSchema.parse(settings),
    groupId: randomUUID(),
    schoolId,
    memberCount: 0,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

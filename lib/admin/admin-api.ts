/**
 * Admin endpoints (Admin > Users, User groups, Alert groups, Classes, Settings). Every one needs an
 * admin permission, which (like all but the non-key permissions) needs an elevated session.
 */
import { z } from 'zod';
import { AlertGroupInputSchema, AlertGroupSchema } from '../access/alert-group';
import { ClassAccessSchema, ClassGroupSchema, NewClassGroupSchema } from '../access/class-group';
import { SchoolSettingsInputSchema, SchoolSettingsSchema } from '../access/school-settings';
import { UserGroupSchema, UserGroupSettingsSchema } from '../access/user-group';
import { SecurityEventSchema } from '../identity/identity';
import { defineEndpoint } from '../platform/http/endpoint';
import {
  AlertGroupIdParams,
  ClassIdParams,
  GroupIdParams,
  NewUserSchema,
  PersonIdParams,
  ReactivateUserSchema,
  RemoveKeysSchema,
  SystemPermissionInfoSchema,
  UserChangesSchema,
  UserDetailSchema,
  UserSummarySchema,
  VersionSchema,
} from './admin-schemas';

const users = { kind: 'staff', permission: 'admin.users' } as const;
const classes = { kind: 'staff', permission: 'admin.classes' } as const;
const settings = { kind: 'staff', permission: 'admin.settings' } as const;
const tags = ['Admin'];

export const listUsers = defineEndpoint({
  operationId: 'listUsers',
  method: 'GET',
  path: '/api/admin/users',
  summary: "The school's users, active or deactivated, by name",
  tags,
  access: users,
  query: z.object({ status: z.enum(['active', 'deactivated']).default('active') }),
  successStatus: 200,
  response: z.object({ items: z.array(UserSummarySchema) }).meta({ id: 'UserList' }),
});

export const addUser = defineEndpoint({
  operationId: 'addUser',
  method: 'POST',
  path: '/api/admin/users',
  summary: 'Add a user to this school (someone who already works at another school keeps one sign-in)',
  tags,
  access: users,
  body: NewUserSchema,
  successStatus: 201,
  response: UserSummarySchema,
  otherProblemStatuses: [409],
});

export const getUser = defineEndpoint({
  operationId: 'getUser',
  method: 'GET',
  path: '/api/admin/users/{personId}',
  summary: "One user's details, group and keys",
  tags,
  access: users,
  params: PersonIdParams,
  successStatus: 200,
  response: UserDetailSchema,
});

export const updateUser = defineEndpoint({
  operationId: 'updateUser',
  method: 'PATCH',
  path: '/api/admin/users/{personId}',
  summary: "Change a user's email, name or user group",
  tags,
  access: users,
  params: PersonIdParams,
  body: UserChangesSchema,
  successStatus: 200,
  response: UserSummarySchema,
  otherProblemStatuses: [409],
});

export const deactivateUser = defineEndpoint({
  operationId: 'deactivateUser',
  method: 'POST',
  path: '/api/admin/users/{personId}/deactivate',
  summary: 'Deactivate a user here: their sessions in this school end at once',
  tags,
  access: users,
  params: PersonIdParams,
  successStatus: 200,
  response: UserSummarySchema,
  otherProblemStatuses: [409],
});

export const reactivateUser = defineEndpoint({
  operationId: 'reactivateUser',
  method: 'POST',
  path: '/api/admin/users/{personId}/reactivate',
  summary: 'Reactivate a deactivated user into a user group',
  tags,
  access: users,
  params: PersonIdParams,
  body: ReactivateUserSchema,
  successStatus: 200,
  response: UserSummarySchema,
  otherProblemStatuses: [409],
});

export const unlockUser = defineEndpoint({
  operationId: 'unlockUser',
  method: 'POST',
  path: '/api/admin/users/{personId}/unlock',
  summary: 'Clear a sign-in lockout after repeated failed passwords',
  tags,
  access: users,
  params: PersonIdParams,
  successStatus: 200,
  response: UserSummarySchema,
});

export const sendUserPasswordLink = defineEndpoint({
  operationId: 'sendUserPasswordLink',
  method: 'POST',
  path: '/api/admin/users/{personId}/password-link',
  summary: 'Email the user a link to set a password (works until midnight, school time)',
  tags,
  access: users,
  params: PersonIdParams,
  successStatus: 202,
  response: z.object({ message: z.string() }),
});

export const removeUserKeys = defineEndpoint({
  operationId: 'removeUserKeys',
  method: 'POST',
  path: '/api/admin/users/{personId}/remove-keys',
  summary: "Remove every key a user has (lost phone, lost security key); ends the user's sessions",
  tags,
  access: users,
  params: PersonIdParams,
  body: RemoveKeysSchema,
  successStatus: 200,
  response: z.object({ removed: z.number().int() }),
});

export const getUserSecurityLog = defineEndpoint({
  operationId: 'getUserSecurityLog',
  method: 'GET',
  path: '/api/admin/users/{personId}/security-log',
  summary: "A user's sign-ins, refusals, key use and elevations in this school, newest first",
  tags,
  access: users,
  params: PersonIdParams,
  query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }),
  successStatus: 200,
  response: z.object({ items: z.array(SecurityEventSchema) }).meta({ id: 'UserSecurityLog' }),
});

export const UserGroupListSchema = z
  .object({
    items: z.array(UserGroupSchema),
    /** The system permissions a group can grant, with their labels and whether they need a key. */
    systemPermissions: z.array(SystemPermissionInfoSchema),
  })
  .meta({ id: 'UserGroupList' });

export const listUserGroups = defineEndpoint({
  operationId: 'listUserGroups',
  method: 'GET',
  path: '/api/admin/user-groups',
  summary: "The school's user groups with their permissions and member counts",
  tags,
  access: users,
  successStatus: 200,
  response: UserGroupListSchema,
});

export const createUserGroup = defineEndpoint({
  operationId: 'createUserGroup',
  method: 'POST',
  path: '/api/admin/user-groups',
  summary: 'Create a user group',
  tags,
  access: users,
  body: UserGroupSettingsSchema,
  successStatus: 201,
  response: UserGroupSchema,
  otherProblemStatuses: [409],
});

export const getUserGroup = defineEndpoint({
  operationId: 'getUserGroup',
  method: 'GET',
  path: '/api/admin/user-groups/{groupId}',
  summary: 'One user group',
  tags,
  access: users,
  params: GroupIdParams,
  successStatus: 200,
  response: UserGroupSchema,
});

export const updateUserGroup = defineEndpoint({
  operationId: 'updateUserGroup',
  method: 'PUT',
  path: '/api/admin/user-groups/{groupId}',
  summary: "Replace a user group's name and permissions (send the version you read)",
  tags,
  access: users,
  params: GroupIdParams,
  body: UserGroupSettingsSchema.extend({ version: VersionSchema }).strict(),
  successStatus: 200,
  response: UserGroupSchema,
  otherProblemStatuses: [409],
});

export const deleteUserGroup = defineEndpoint({
  operationId: 'deleteUserGroup',
  method: 'DELETE',
  path: '/api/admin/user-groups/{groupId}',
  summary: 'Delete a user group that has no members',
  tags,
  access: users,
  params: GroupIdParams,
  successStatus: 204,
  response: z.undefined(),
  otherProblemStatuses: [409],
});

export const listAlertGroups = defineEndpoint({
  operationId: 'listAlertGroups',
  method: 'GET',
  path: '/api/admin/alert-groups',
  summary: "The school's alert groups",
  tags,
  access: users,
  successStatus: 200,
  response: z.object({ items: z.array(AlertGroupSchema) }).meta({ id: 'AlertGroupList' }),
});

export const createAlertGroup = defineEndpoint({
  operationId: 'createAlertGroup',
  method: 'POST',
  path: '/api/admin/alert-groups',
  summary: 'Create an alert group',
  tags,
  access: users,
  body: AlertGroupInputSchema,
  successStatus: 201,
  response: AlertGroupSchema,
});

export const updateAlertGroup = defineEndpoint({
  operationId: 'updateAlertGroup',
  method: 'PUT',
  path: '/api/admin/alert-groups/{alertGroupId}',
  summary: "Replace an alert group's name and members (send the version you read)",
  tags,
  access: users,
  params: AlertGroupIdParams,
  body: AlertGroupInputSchema.extend({ version: VersionSchema }).strict(),
  successStatus: 200,
  response: AlertGroupSchema,
  otherProblemStatuses: [409],
});

export const deleteAlertGroup = defineEndpoint({
  operationId: 'deleteAlertGroup',
  method: 'DELETE',
  path: '/api/admin/alert-groups/{alertGroupId}',
  summary: 'Delete an alert group',
  tags,
  access: users,
  params: AlertGroupIdParams,
  successStatus: 204,
  response: z.undefined(),
});

export const listClassGroups = defineEndpoint({
  operationId: 'listClassGroups',
  method: 'GET',
  path: '/api/admin/classes',
  summary: 'Tutor and year groups, with who may see their pupils when class restrictions are on',
  tags,
  access: classes,
  successStatus: 200,
  response: z
    .object({ items: z.array(ClassGroupSchema), classRestrictionsEnabled: z.boolean() })
    .meta({ id: 'ClassGroupList' }),
});

export const createClassGroup = defineEndpoint({
  operationId: 'createClassGroup',
  method: 'POST',
  path: '/api/admin/classes',
  summary: 'Add a tutor or year group by hand (the MIS import adds the rest)',
  tags,
  access: classes,
  body: NewClassGroupSchema,
  successStatus: 201,
  response: ClassGroupSchema,
});

export const updateClassAccess = defineEndpoint({
  operationId: 'updateClassAccess',
  method: 'PUT',
  path: '/api/admin/classes/{classId}/access',
  summary: "Replace who may see a class's pupils: people and whole user groups",
  tags,
  access: classes,
  params: ClassIdParams,
  body: ClassAccessSchema.extend({ version: VersionSchema }).strict(),
  successStatus: 200,
  response: ClassGroupSchema,
  otherProblemStatuses: [409],
});

export const getSchoolSettings = defineEndpoint({
  operationId: 'getSchoolSettings',
  method: 'GET',
  path: '/api/admin/settings',
  summary: "The school's settings: idle timeout, email domains, class restrictions",
  tags,
  access: settings,
  successStatus: 200,
  response: SchoolSettingsSchema,
});

export const updateSchoolSettings = defineEndpoint({
  operationId: 'updateSchoolSettings',
  method: 'PUT',
  path: '/api/admin/settings',
  summary: "Replace the school's settings (send the version you read; 0 if never saved)",
  tags,
  access: settings,
  body: SchoolSettingsInputSchema.extend({ version: z.number().int().min(0) }).strict(),
  successStatus: 200,
  response: SchoolSettingsSchema,
  otherProblemStatuses: [409],
});

export const ADMIN_ENDPOINTS = [
  listUsers,
  addUser,
  getUser,
  updateUser,
  deactivateUser,
  reactivateUser,
  unlockUser,
  sendUserPasswordLink,
  removeUserKeys,
  getUserSecurityLog,
  listUserGroups,
  createUserGroup,
  getUserGroup,
  updateUserGroup,
  deleteUserGroup,
  listAlertGroups,
  createAlertGroup,
  updateAlertGroup,
  deleteAlertGroup,
  listClassGroups,
  createClassGroup,
  updateClassAccess,
  getSchoolSettings,
  updateSchoolSettings,
] as const;

/**
 * Admin > User groups against /api/admin/user-groups (lib/access/user-group.ts UserGroup): the groups,
 * the catalogue of system permissions they can grant, and creating, changing and deleting them.
 */
import { getParsed, sendParsed, sendWithoutAnswer, type ApiResult } from './api-result';
import { itemsOf, listOf, positiveInteger, stringArray, wholeNumber } from './json-readers';
import { isNonEmptyString, isRecord } from './json-shapes';

/** What a group grants in one safeguarding category. */
export interface CategoryPermission {
  viewStudents: boolean;
  viewIncidents: boolean;
  addIncidents: boolean;
}

export interface UserGroupSettings {
  name: string;
  description: string;
  systemPermissions: string[];
  /** Per category id; a category not listed grants nothing. */
  categoryPermissions: Record<string, CategoryPermission>;
  /** Given to this group in each category created from now on. */
  newCategoryDefault: CategoryPermission;
}

export interface UserGroup extends UserGroupSettings {
  groupId: string;
  memberCount: number;
  version: number;
}

/** One system permission a group can grant, as the user-group screen explains it. */
export interface SystemPermissionInfo {
  id: string;
  label: string;
  /** Members have it only after elevating with a key. */
  needsKey: boolean;
}

export interface UserGroupList {
  groups: UserGroup[];
  systemPermissions: SystemPermissionInfo[];
}

export const NO_CATEGORY_ACCESS: CategoryPermission = {
  viewStudents: false,
  viewIncidents: false,
  addIncidents: false,
};

export function parseCategoryPermission(value: unknown): CategoryPermission | undefined {
  if (!isRecord(value)) return undefined;
  const { viewStudents, viewIncidents, addIncidents } = value;
  if (typeof viewStudents !== 'boolean' || typeof viewIncidents !== 'boolean') return undefined;
  return typeof addIncidents === 'boolean' ? { viewStudents, viewIncidents, addIncidents } : undefined;
}

function parseCategoryPermissions(value: unknown): Record<string, CategoryPermission> | undefined {
  if (!isRecord(value)) return undefined;
  const permissions: Record<string, CategoryPermission> = {};
  for (const [categoryId, granted] of Object.entries(value)) {
    const permission = parseCategoryPermission(granted);
    if (!permission) return undefined;
    permissions[categoryId] = permission;
  }
  return permissions;
}

export function parseUserGroup(value: unknown): UserGroup | undefined {
  if (!isRecord(value)) return undefined;
  const { groupId, name, description, memberCount, version } = value;
  const systemPermissions = stringArray(value.systemPermissions);
  const categoryPermissions = parseCategoryPermissions(value.categoryPermissions);
  const newCategoryDefault = parseCategoryPermission(value.newCategoryDefault);
  const members = wholeNumber(memberCount);
  const readVersion = positiveInteger(version);
  if (!isNonEmptyString(groupId) || typeof name !== 'string' || typeof description !== 'string') {
    return undefined;
  }
  if (!systemPermissions || !categoryPermissions || !newCategoryDefault) return undefined;
  if (members === undefined || readVersion === undefined) return undefined;
  return {
    groupId,
    name,
    description,
    systemPermissions,
    categoryPermissions,
    newCategoryDefault,
    memberCount: members,
    version: readVersion,
  };
}

function parsePermissionInfo(value: unknown): SystemPermissionInfo | undefined {
  if (!isRecord(value)) return undefined;
  const { id, label, needsKey } = value;
  return isNonEmptyString(id) && typeof label === 'string' && typeof needsKey === 'boolean'
    ? { id, label, needsKey }
    : undefined;
}

function parseUserGroupList(body: unknown): UserGroupList | undefined {
  const groups = itemsOf(body, parseUserGroup);
  const systemPermissions = isRecord(body) ? listOf(body.systemPermissions, parsePermissionInfo) : undefined;
  return groups && systemPermissions ? { groups, systemPermissions } : undefined;
}

/** Only a group's settings, as create and replace take them: the API refuses a body with anything else. */
export function userGroupSettings(group: UserGroupSettings): UserGroupSettings {
  const { name, description, systemPermissions, categoryPermissions, newCategoryDefault } = group;
  return { name, description, systemPermissions, categoryPermissions, newCategoryDefault };
}

function groupPath(groupId: string): `/api/${string}` {
  return `/api/admin/user-groups/${encodeURIComponent(groupId)}`;
}

export function listUserGroups(signal?: AbortSignal): Promise<ApiResult<UserGroupList>> {
  return getParsed('/api/admin/user-groups', parseUserGroupList, 'list of user groups', signal);
}

export function getUserGroup(groupId: string, signal?: AbortSignal): Promise<ApiResult<UserGroup>> {
  return getParsed(groupPath(groupId), parseUserGroup, 'user group', signal);
}

export function createUserGroup(settings: UserGroupSettings): Promise<ApiResult<UserGroup>> {
  return sendParsed(
    '/api/admin/user-groups',
    'POST',
    userGroupSettings(settings),
    parseUserGroup,
    'new user group',
  );
}

/** Replaces the group's settings; `version` is the one read, so a change made meanwhile is refused (409). */
export function updateUserGroup(
  groupId: string,
  settings: UserGroupSettings,
  version: number,
): Promise<ApiResult<UserGroup>> {
  return sendParsed(
    groupPath(groupId),
    'PUT',
    { ...userGroupSettings(settings), version },
    parseUserGroup,
    'changed user group',
  );
}

/** Refused (409) while the group has members. */
export function deleteUserGroup(groupId: string): Promise<ApiResult<true>> {
  return sendWithoutAnswer(groupPath(groupId), 'DELETE');
}

/**
 * Admin > Classes against /api/admin/classes (lib/access/class-group.ts ClassGroup): tutor and year
 * groups, and who may see their pupils when class restrictions are on.
 */
import { getParsed, sendParsed, type ApiResult } from './api-result';
import { itemsOf, oneOf, positiveInteger, stringArray } from './json-readers';
import { isNonEmptyString, isRecord } from './json-shapes';

export type ClassKind = 'tutor' | 'year';

export interface ClassAccess {
  personIds: string[];
  groupIds: string[];
}

export interface ClassGroup {
  classId: string;
  name: string;
  kind: ClassKind;
  access: ClassAccess;
  /** No admin has saved its access yet (new, or after a summer promotion). */
  awaitingAccess: boolean;
  version: number;
}

export interface ClassGroupList {
  classes: ClassGroup[];
  classRestrictionsEnabled: boolean;
}

export const CLASS_KINDS: readonly ClassKind[] = ['tutor', 'year'];

function parseAccess(value: unknown): ClassAccess | undefined {
  if (!isRecord(value)) return undefined;
  const personIds = stringArray(value.personIds);
  const groupIds = stringArray(value.groupIds);
  return personIds && groupIds ? { personIds, groupIds } : undefined;
}

function parseClassGroup(value: unknown): ClassGroup | undefined {
  if (!isRecord(value)) return undefined;
  const { classId, name, awaitingAccess } = value;
  const kind = oneOf(value.kind, CLASS_KINDS);
  const access = parseAccess(value.access);
  const version = positiveInteger(value.version);
  if (!isNonEmptyString(classId) || typeof name !== 'string' || !kind || !access) return undefined;
  if (typeof awaitingAccess !== 'boolean' || version === undefined) return undefined;
  return { classId, name, kind, access, awaitingAccess, version };
}

function parseClassGroupList(body: unknown): ClassGroupList | undefined {
  const classes = itemsOf(body, parseClassGroup);
  if (!classes || !isRecord(body) || typeof body.classRestrictionsEnabled !== 'boolean') return undefined;
  return { classes, classRestrictionsEnabled: body.classRestrictionsEnabled };
}

export function listClasses(signal?: AbortSignal): Promise<ApiResult<ClassGroupList>> {
  return getParsed('/api/admin/classes', parseClassGroupList, 'list of classes', signal);
}

export function createClass(name: string, kind: ClassKind): Promise<ApiResult<ClassGroup>> {
  return sendParsed('/api/admin/classes', 'POST', { name, kind }, parseClassGroup, 'new class');
}

/** Replaces who may see the class's pupils; `version` is the one read (a change meanwhile is a 409). */
export function updateClassAccess(
  classId: string,
  access: ClassAccess,
  version: number,
): Promise<ApiResult<ClassGroup>> {
  return sendParsed(
    `/api/admin/classes/${encodeURIComponent(classId)}/access`,
    'PUT',
    { ...access, version },
    parseClassGroup,
    "class's access",
  );
}

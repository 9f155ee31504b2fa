/**
 * What the signed-in person may do in this school in this session, from GET /api/access/me
 * (lib/access/access-api.ts MyAccess). The app decides which menus to offer from it; the API still
 * checks every request itself.
 */
import { getParsed, type ApiResult } from './api-result';
import { optionalString, stringArray } from './json-readers';
import { isRecord } from './json-shapes';

export interface MyAccess {
  groupName?: string | undefined;
  elevated: boolean;
  /** System permission ids in effect now (lib/access/permissions.ts SYSTEM_PERMISSIONS). */
  permissions: string[];
  /** The person's group grants more once they elevate with a key. */
  elevationWouldAdd: boolean;
  classRestricted: boolean;
}

export function parseMyAccess(body: unknown): MyAccess | undefined {
  if (!isRecord(body)) return undefined;
  const { groupName, elevated, permissions, elevationWouldAdd, classRestricted } = body;
  const granted = stringArray(permissions);
  if (!granted || typeof elevated !== 'boolean') return undefined;
  if (typeof elevationWouldAdd !== 'boolean' || typeof classRestricted !== 'boolean') return undefined;
  return {
    groupName: optionalString(groupName),
    elevated,
    permissions: granted,
    elevationWouldAdd,
    classRestricted,
  };
}

export function fetchMyAccess(signal?: AbortSignal): Promise<ApiResult<MyAccess>> {
  return getParsed('/api/access/me', parseMyAccess, 'details of your access', signal);
}

/** What the signed-in person may do here, now: the web app shows menus and offers elevation from this. */
import { z } from 'zod';
import { defineEndpoint } from '../platform/http/endpoint';
import type { AccessProfile } from './authorisation';
import { SystemPermissionSchema } from './permissions';

export const MyAccessSchema = z
  .object({
    groupName: z.string().optional(),
    elevated: z.boolean(),
    /** Effective now (a session without a key has only the non-key ones). */
    permissions: z.array(SystemPermissionSchema),
    /** The group grants more once the person elevates with a key. */
    elevationWouldAdd: z.boolean(),
    /** Class restrictions are on in this school. */
    classRestricted: z.boolean(),
  })
  .meta({ id: 'MyAccess' });

export const getMyAccess = defineEndpoint({
  operationId: 'getMyAccess',
  method: 'GET',
  path: '/api/access/me',
  summary: 'Your user group and what you may do in this school in this session',
  tags: ['Sign-in'],
  access: { kind: 'staff' },
  successStatus: 200,
  response: MyAccessSchema,
});

export function describeAccess(profile: AccessProfile): z.infer<typeof MyAccessSchema> {
  return {
    ...(profile.groupName ? { groupName: profile.groupName } : {}),
    elevated: profile.elevated,
    permissions: [...profile.system].sort(),
    elevationWouldAdd: profile.elevationWouldAdd,
    classRestricted: profile.classes.restricted,
  };
}

export const ACCESS_ENDPOINTS = [getMyAccess] as const;

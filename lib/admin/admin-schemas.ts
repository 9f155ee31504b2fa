/** Shapes the admin screens read and send; the services and the web app share these via OpenAPI. */
import { z } from 'zod';
import { SystemPermissionSchema } from '../access/permissions';
import { EmailSchema } from '../identity/identity';
import { KeyViewSchema } from '../identity/keys/second-factor-key';

export const PersonIdParams = z.object({ personId: z.string().uuid() });
export const GroupIdParams = z.object({ groupId: z.string().uuid() });
export const AlertGroupIdParams = z.object({ alertGroupId: z.string().uuid() });
export const ClassIdParams = z.object({ classId: z.string().uuid() });

export const VersionSchema = z.number().int().positive();

export const UserSummarySchema = z
  .object({
    personId: z.string().uuid(),
    displayName: z.string(),
    email: z.string(),
    status: z.enum(['active', 'deactivated']),
    groupId: z.string().uuid().optional(),
    groupName: z.string().optional(),
    /** Set while sign-in is locked after repeated failures; an admin can unlock sooner. */
    lockedUntil: z.iso.datetime().optional(),
    /** False until the person has set a first password through an emailed link. */
    hasPassword: z.boolean(),
    /** Whether the person has a key (second factor); shown as a shield on the users list. */
    hasKey: z.boolean(),
  })
  .meta({ id: 'UserSummary' });

export const UserDetailSchema = UserSummarySchema.extend({
  keys: z.array(KeyViewSchema),
  /** Other schools this person works at: their email can then only be changed by an operator. */
  worksAtOtherSchools: z.boolean(),
}).meta({ id: 'UserDetail' });

export const NewUserSchema = z
  .object({
    email: EmailSchema,
    displayName: z.string().trim().min(1, 'must not be empty').max(120),
    groupId: z.string().uuid(),
    /** Email a link to set a first password now. */
    sendPasswordEmail: z.boolean().default(true),
    /**
     * Adding from MIS staff (GET /api/admin/mis/staff): their MIS id, kept on the membership so the
     * import can deactivate them when the MIS stops listing them (if the school asks). Omit for a
     * user added by hand.
     */
    misStaffId: z.string().trim().min(1, 'must not be empty').max(64).optional(),
  })
  .strict()
  .meta({ id: 'NewUser' });

export const UserChangesSchema = z
  .object({
    email: EmailSchema.optional(),
    displayName: z.string().trim().min(1, 'must not be empty').max(120).optional(),
    groupId: z.string().uuid().optional(),
  })
  .strict()
  .refine((changes) => Object.keys(changes).length > 0, { message: 'name at least one change' })
  .meta({ id: 'UserChanges' });

export const ReactivateUserSchema = z.object({ groupId: z.string().uuid() }).strict();

export const RemoveKeysSchema = z
  .object({
    /** Must be true: removing keys stops the person elevating until they register a new one. */
    confirm: z.literal(true, { message: 'must be true to confirm removing every key' }),
  })
  .strict();

export const SystemPermissionInfoSchema = z
  .object({ id: SystemPermissionSchema, label: z.string(), needsKey: z.boolean() })
  .meta({ id: 'SystemPermissionInfo' });

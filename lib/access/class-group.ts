/**
 * Tutor and year groups, and who may see their pupils when class restrictions are on (IAM-4).
 * The MIS import creates and renames classes; admins may also add one by hand. Access is granted
 * to people directly or to whole user groups.
 */
import { z } from 'zod';

export const ClassKindSchema = z.enum(['tutor', 'year']);

export const ClassAccessSchema = z
  .object({
    personIds: z
      .array(z.string().uuid())
      .max(2000)
      .transform((ids) => [...new Set(ids)].sort()),
    groupIds: z
      .array(z.string().uuid())
      .max(200)
      .transform((ids) => [...new Set(ids)].sort()),
  })
  .strict()
  .meta({ id: 'ClassAccess' });

export const NewClassGroupSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(60),
    kind: ClassKindSchema,
  })
  .strict()
  .meta({ id: 'NewClassGroup' });

export const ClassGroupSchema = NewClassGroupSchema.extend({
  classId: z.string().uuid(),
  schoolId: z.string().uuid(),
  /** The MIS's own id for the class, when it came from an import. */
  misId: z.string().max(64).optional(),
  access: ClassAccessSchema,
  /** True until an admin has saved its access: the dashboard notice after a summer promotion. */
  awaitingAccess: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.number().int().positive(),
})
  // Stored items carry their keys and item type too; the input schema's strictness stops here.
  .strip()
  .meta({ id: 'ClassGroup' });

export type ClassAccess = z.output<typeof ClassAccessSchema>;
export type ClassGroup = z.output<typeof ClassGroupSchema>;
export type NewClassGroup = z.output<typeof NewClassGroupSchema>;

/** Whether a class's access list reaches this person, directly or through their user group. */
export function classAdmits(access: ClassAccess, personId: string, groupId: string | undefined): boolean {
  return access.personIds.includes(personId) || (groupId !== undefined && access.groupIds.includes(groupId));
}

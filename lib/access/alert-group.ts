/** Alert groups: named sets of staff to alert in one click (e.g. "DSLs", "All staff"). */
import { z } from 'zod';

export const AlertGroupInputSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(80),
    personIds: z
      .array(z.string().uuid())
      .max(2000)
      .transform((ids) => [...new Set(ids)].sort()),
  })
  .strict()
  .meta({ id: 'AlertGroupInput' });

export const AlertGroupSchema = AlertGroupInputSchema.extend({
  alertGroupId: z.string().uuid(),
  schoolId: z.string().uuid(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.number().int().positive(),
})
  // Stored items carry their keys and item type too; the input schema's strictness stops here.
  .strip()
  .meta({ id: 'AlertGroup' });

export type AlertGroupInput = z.output<typeof AlertGroupInputSchema>;
export type AlertGroup = z.output<typeof AlertGroupSchema>;

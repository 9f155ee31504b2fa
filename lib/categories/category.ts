/**
 * Categories and agencies (REC-2). Categories form a two-level hierarchy (a parent and its
 * sub-categories), each with a colour; what a user group may do in each is held on the group
 * (lib/access/user-group.ts) by category id. A used category can only be disabled; an unused one
 * can be deleted; merging is irreversible.
 */
import { z } from 'zod';

export const CategoryColourSchema = z
  .string()
  .regex(/^#[0-9a-f]{6}$/, 'must be a colour like #e91e63')
  .meta({ description: 'Lower-case hex colour of the category lozenge' });

export const CategoryNameSchema = z.string().trim().min(1, 'must not be empty').max(60);

export const CategorySchema = z
  .object({
    categoryId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    schoolId: z.string().uuid(),
    name: CategoryNameSchema,
    colour: CategoryColourSchema,
    /** Set for a sub-category; sub-categories have no sub-categories of their own. */
    parentId: z.string().optional(),
    /** Disabled categories take no new incidents but stay on past ones and in reports. */
    disabled: z.boolean(),
    /** Set once an incident or monitoring has used it: from then on it can be disabled, not deleted. */
    used: z.boolean(),
    /** Set when merged into another category: kept so old versions and audit entries still resolve. */
    mergedInto: z.string().optional(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int().positive(),
  })
  .strip()
  .meta({ id: 'Category' });

export type Category = z.output<typeof CategorySchema>;

export const AgencySchema = z
  .object({
    agencyId: z.string().uuid(),
    schoolId: z.string().uuid(),
    name: z.string().trim().min(1, 'must not be empty').max(80),
    disabled: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int().positive(),
  })
  .strip()
  .meta({ id: 'Agency' });

export type Agency = z.output<typeof AgencySchema>;

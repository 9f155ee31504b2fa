/**
 * Categories and agencies (REC-2). Categories form a two-level hierarchy (a parent and its
 * sub-categories), each with a colour; what a user group may do in each is held on the group
 * (lib/access/user-group.ts) by category id. A used category can only be disabled; an unused one
 * can be deleted; merging is irreversible. Whether a category was ever used is read from its
 * CategoryUse partition and the MonitoredPupil items, not kept as a flag on the category, so adding
 * an incident only checks the category (a ConditionCheck) and never writes to it.
 */
import { z } from 'zod';
import { CategoryIdSchema } from '../access/permissions';

export const CategoryColourSchema = z
  .string()
  .regex(/^#[0-9a-f]{6}$/, 'must be a colour like #e91e63')
  .meta({ description: 'Lower-case hex colour of the category lozenge' });

export const CategoryNameSchema = z.string().trim().min(1, 'must not be empty').max(60);

export const CategorySchema = z
  .object({
    categoryId: CategoryIdSchema,
    schoolId: z.string().uuid(),
    name: CategoryNameSchema,
    colour: CategoryColourSchema,
    /** Set for a sub-category; sub-categories have no sub-categories of their own. */
    parentId: CategoryIdSchema.optional(),
    /** Disabled categories take no new incidents but stay on past ones and in reports. */
    disabled: z.boolean(),
    /** Set when merged into another category: kept so old versions and audit entries still resolve. */
    mergedInto: CategoryIdSchema.optional(),
    /**
     * Set while a merge into that category is under way (the category is disabled meanwhile). A merge
     * moves incidents a page at a time; `mergeCursor` is the last incident id moved, so asking again
     * carries on from there.
     */
    mergingInto: CategoryIdSchema.optional(),
    mergeCursor: z.string().optional(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int().positive(),
  })
  .strip()
  .meta({ id: 'Category' });

export type Category = z.output<typeof CategorySchema>;

export const AgencyNameSchema = z.string().trim().min(1, 'must not be empty').max(80);

export const AgencySchema = z
  .object({
    agencyId: z.string().uuid(),
    schoolId: z.string().uuid(),
    name: AgencyNameSchema,
    disabled: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int().positive(),
  })
  .strip()
  .meta({ id: 'Agency' });

export type Agency = z.output<typeof AgencySchema>;

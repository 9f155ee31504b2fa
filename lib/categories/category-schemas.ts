/** What the category and agency screens send and read; the services and the web app share these via OpenAPI. */
import { z } from 'zod';
import { CategoryIdSchema, CategoryPermissionSchema } from '../access/permissions';
import { GroupNameSchema } from '../access/user-group';
import {
  AgencyNameSchema,
  AgencySchema,
  CategoryColourSchema,
  CategoryNameSchema,
  CategorySchema,
} from './category';

export const CategoryIdParams = z.object({ categoryId: CategoryIdSchema });
export const AgencyIdParams = z.object({ agencyId: z.string().uuid() });

const VersionSchema = z.number().int().positive();

/** Colours are stored lower-case; an admin may type or paste either case. */
const ColourInputSchema = z.string().trim().toLowerCase().pipe(CategoryColourSchema);

export const NewCategorySchema = z
  .object({
    name: CategoryNameSchema,
    colour: ColourInputSchema,
    /** A top-level category's id, to make this one of its sub-categories. */
    parentId: CategoryIdSchema.optional(),
    /** What each user group may do in the new category; a group not named gets its "new categories" default. */
    groupPermissions: z.record(z.string().uuid(), CategoryPermissionSchema).default({}),
  })
  .strict()
  .meta({ id: 'NewCategory' });

export type NewCategory = z.output<typeof NewCategorySchema>;

export const CategoryChangesSchema = z
  .object({
    name: CategoryNameSchema.optional(),
    colour: ColourInputSchema.optional(),
    version: VersionSchema,
  })
  .strict()
  .refine((changes) => changes.name !== undefined || changes.colour !== undefined, {
    message: 'name at least one change',
  })
  .meta({ id: 'CategoryChanges' });

export type CategoryChanges = z.output<typeof CategoryChangesSchema>;

export const MergeCategorySchema = z
  .object({
    intoCategoryId: CategoryIdSchema,
    /** The exact name of the category being merged away: merging cannot be undone. */
    confirm: z.string(),
  })
  .strict()
  .meta({ id: 'MergeCategory' });

export type MergeCategory = z.output<typeof MergeCategorySchema>;

export const MergeResultSchema = z
  .object({
    /** False while incidents or monitoring are still moving: send the same request again to carry on. */
    done: z.boolean(),
    category: CategorySchema,
  })
  .meta({ id: 'CategoryMergeResult' });

/** A user group as the new-category form shows it: its name and what a new category gives it unless changed. */
export const CategoryGroupDefaultSchema = z
  .object({
    groupId: z.string().uuid(),
    name: GroupNameSchema,
    newCategoryDefault: CategoryPermissionSchema,
  })
  .meta({ id: 'CategoryGroupDefault' });

export const AdminCategoryListSchema = z
  .object({
    /** Every category not merged away, disabled ones included, parents and sub-categories alike. */
    items: z.array(CategorySchema),
    groups: z.array(CategoryGroupDefaultSchema),
  })
  .meta({ id: 'AdminCategoryList' });

/** One category as a member of staff meets it, with what they may do in it. */
const CategoryViewFields = {
  categoryId: CategoryIdSchema,
  name: z.string(),
  colour: CategoryColourSchema,
  /** Disabled itself, or under a disabled parent: takes no new incidents. */
  disabled: z.boolean(),
  /** May record a new incident in it now. */
  mayAdd: z.boolean(),
  /** May see incidents recorded in it. */
  mayView: z.boolean(),
};

export const SubCategoryViewSchema = z.object(CategoryViewFields).meta({ id: 'SubCategoryView' });

export const CategoryViewSchema = z
  .object({ ...CategoryViewFields, subCategories: z.array(SubCategoryViewSchema) })
  .meta({ id: 'CategoryView' });

export type SubCategoryView = z.output<typeof SubCategoryViewSchema>;
export type CategoryView = z.output<typeof CategoryViewSchema>;

export const CategoryTreeSchema = z
  .object({ items: z.array(CategoryViewSchema) })
  .meta({ id: 'CategoryTree', description: 'Top-level categories by name, each with its sub-categories.' });

export const NewAgencySchema = z.object({ name: AgencyNameSchema }).strict().meta({ id: 'NewAgency' });

export const AgencyChangesSchema = z
  .object({ name: AgencyNameSchema, version: VersionSchema })
  .strict()
  .meta({ id: 'AgencyChanges' });

export const AgencyListSchema = z.object({ items: z.array(AgencySchema) }).meta({ id: 'AgencyList' });

/**
 * The category hierarchy as one member of staff meets it: top-level categories by name, each with its
 * sub-categories, and what this person may do in each (asked of lib/access/authorisation.ts). Merged
 * categories are gone from it. Without a key only recording matters, so such a session gets only the
 * categories it may record in (and the parents those sit under).
 */
import { authorisation, type AccessProfile } from '../access/authorisation';
import type { Category } from './category';
import type { CategoryView, SubCategoryView } from './category-schemas';

export function categoryTree(categories: readonly Category[], profile: AccessProfile): CategoryView[] {
  const live = categories.filter((category) => category.mergedInto === undefined);
  const viewable = authorisation.viewableCategoryIds(profile);
  const view = (category: Category, parentDisabled: boolean): SubCategoryView => {
    const disabled = category.disabled || parentDisabled;
    return {
      categoryId: category.categoryId,
      name: category.name,
      colour: category.colour,
      disabled,
      mayAdd: !disabled && authorisation.mayAddIncident(profile, [category.categoryId]),
      mayView: viewable.has(category.categoryId),
    };
  };
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'en-GB');
  const tree = live
    .filter((category) => category.parentId === undefined)
    .sort(byName)
    .map((parent) => ({
      ...view(parent, false),
      subCategories: live
        .filter((category) => category.parentId === parent.categoryId)
        .sort(byName)
        .map((sub) => view(sub, parent.disabled)),
    }));
  if (profile.elevated) return tree;
  return tree
    .map((parent) => ({ ...parent, subCategories: parent.subCategories.filter((sub) => sub.mayAdd) }))
    .filter((parent) => parent.mayAdd || parent.subCategories.length > 0);
}

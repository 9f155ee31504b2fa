/** The category hierarchy as the admin screens lay it out: each top-level category followed by its sub-categories. */
import { NO_CATEGORY_ACCESS, type CategoryPermission } from '../api/admin-user-groups';
import type { AdminCategory, CategoryView } from '../api/categories';
import type { CategoryRow } from '../components/category-permission-grid';

export interface AdminCategoryNode extends AdminCategory {
  subCategories: AdminCategory[];
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'en-GB');

/** Top-level categories by name, each with its sub-categories by name. */
export function adminCategoryTree(categories: readonly AdminCategory[]): AdminCategoryNode[] {
  return categories
    .filter((category) => category.parentId === undefined)
    .sort(byName)
    .map((parent) => ({
      ...parent,
      subCategories: categories.filter((category) => category.parentId === parent.categoryId).sort(byName),
    }));
}

/** A user group's grid rows, one per category in hierarchy order; a category it has no setting for grants nothing. */
export function categoryGridRows(
  tree: readonly CategoryView[],
  permissions: Readonly<Record<string, CategoryPermission>>,
): CategoryRow[] {
  const row = (category: { categoryId: string; name: string }, parentLabel?: string): CategoryRow => ({
    key: category.categoryId,
    label: category.name,
    ...(parentLabel === undefined ? {} : { parentLabel }),
    permission: permissions[category.categoryId] ?? NO_CATEGORY_ACCESS,
  });
  return tree.flatMap((parent) => [row(parent), ...parent.subCategories.map((sub) => row(sub, parent.name))]);
}

/**
 * The school's categories by id, for showing incidents: names, colours and each sub-category's parent.
 * Built from the category tree every member of staff may read (GET /api/categories).
 */
import type { CategoryView } from '../api/categories';

export interface IndexedCategory {
  categoryId: string;
  name: string;
  colour: string;
  parentId?: string;
}

export type CategoryIndex = ReadonlyMap<string, IndexedCategory>;

export function indexCategories(tree: readonly CategoryView[]): CategoryIndex {
  const index = new Map<string, IndexedCategory>();
  for (const parent of tree) {
    index.set(parent.categoryId, { categoryId: parent.categoryId, name: parent.name, colour: parent.colour });
    for (const sub of parent.subCategories) {
      index.set(sub.categoryId, {
        categoryId: sub.categoryId,
        name: sub.name,
        colour: sub.colour,
        parentId: parent.categoryId,
      });
    }
  }
  return index;
}

/**
 * The lozenges to show for an incident's categories. By default a parent is left out when one of its
 * sub-categories is there (the sub-category says more); with parents shown, every sub-category's parent
 * is shown before it.
 */
export function lozengesFor(
  categoryIds: readonly string[],
  index: CategoryIndex,
  showParents: boolean,
): IndexedCategory[] {
  const known = categoryIds.flatMap((categoryId) => index.get(categoryId) ?? []);
  const shown: IndexedCategory[] = [];
  const add = (category: IndexedCategory) => {
    if (!shown.some((existing) => existing.categoryId === category.categoryId)) shown.push(category);
  };
  for (const category of known) {
    if (category.parentId) {
      const parent = index.get(category.parentId);
      if (showParents && parent) add(parent);
      add(category);
    } else if (showParents || !known.some((other) => other.parentId === category.categoryId)) {
      add(category);
    }
  }
  return shown;
}

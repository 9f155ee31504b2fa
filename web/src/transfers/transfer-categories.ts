/** The school's category tree flattened for transfer settings: every category with its parent's name. */
import type { CategoryView } from '../api/categories';

export interface TransferCategoryOption {
  categoryId: string;
  /** "Bullying", or "Bullying – Online" for a sub-category. */
  label: string;
  /** Indented under its parent in the settings list. */
  isSub: boolean;
  disabled: boolean;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'en-GB');

export function transferCategoryOptions(tree: readonly CategoryView[]): TransferCategoryOption[] {
  return [...tree].sort(byName).flatMap((parent) => [
    { categoryId: parent.categoryId, label: parent.name, isSub: false, disabled: parent.disabled },
    ...[...parent.subCategories].sort(byName).map((sub) => ({
      categoryId: sub.categoryId,
      label: `${parent.name} – ${sub.name}`,
      isSub: true,
      disabled: sub.disabled,
    })),
  ]);
}

/** The labels of the chosen categories, in the tree's order; ids no longer in the tree are left out. */
export function chosenLabels(
  options: readonly TransferCategoryOption[],
  categoryIds: readonly string[],
): string[] {
  const chosen = new Set(categoryIds);
  return options.filter((option) => chosen.has(option.categoryId)).map((option) => option.label);
}

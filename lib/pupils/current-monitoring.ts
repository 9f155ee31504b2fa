/**
 * The categories a pupil is monitored under now, as a viewer may see them: only categories they may
 * see monitoring for (authorisation.maySeeMonitoring), named and coloured from the school's categories.
 */
import { authorisation, type AccessProfile } from '../access/authorisation';
import type { Category } from '../categories/category';
import type { CurrentMonitoring } from './pupil-schemas';

export interface OpenSpell {
  readonly categoryId: string;
  readonly since: string;
  readonly startedAt: string;
}

export function visibleMonitoring(
  access: AccessProfile,
  categories: ReadonlyMap<string, Category>,
  spells: readonly OpenSpell[],
): CurrentMonitoring[] {
  return spells
    .flatMap((spell): CurrentMonitoring[] => {
      const category = categories.get(spell.categoryId);
      if (!category || !authorisation.maySeeMonitoring(access, spell.categoryId)) return [];
      return [
        {
          categoryId: spell.categoryId,
          categoryName: category.name,
          colour: category.colour,
          since: spell.since,
          startedAt: spell.startedAt,
        },
      ];
    })
    .sort((a, b) => a.categoryName.localeCompare(b.categoryName, 'en-GB'));
}

export function categoriesById(categories: readonly Category[]): Map<string, Category> {
  return new Map(categories.map((category) => [category.categoryId, category]));
}

/**
 * The new school's Legacy categories (TRF-4): a disabled top-level "Legacy" category and, under it, one
 * disabled sub-category per previous-school category the moving records carry ("<parent>: <name>" for a
 * sub-category there). Found by their deterministic id or by name under Legacy before anything is
 * created, so later transfers, from any school, share them. Created through the category repository with
 * no group permission updates at all (not even a group's newCategoryDefault): a group with no entry for a
 * category has no access to it (lib/access/authorisation.ts), so nobody sees transferred records until an
 * admin grants it.
 */
import { createHash } from 'node:crypto';
import type { Category } from '../../categories/category';
import { CategoryNameTakenError, type CategoryRepository } from '../../categories/category-repository';

export const LEGACY_CATEGORY_ID = 'legacy';
export const LEGACY_CATEGORY_NAME = 'Legacy';
const LEGACY_COLOUR = '#9e9e9e';
/** CategoryNameSchema's limit. */
const MAX_NAME = 60;

export interface LegacyMapping {
  readonly parentId: string;
  /** Previous school's category id → the new school's Legacy sub-category id. */
  readonly categoryMap: Record<string, string>;
}

/** A previous-school category's name at the new school: a sub-category names its parent too. */
export function legacyNameOf(category: Category, previousCategories: ReadonlyMap<string, Category>): string {
  const parent = category.parentId ? previousCategories.get(category.parentId) : undefined;
  const full = parent ? `${parent.name}: ${category.name}` : category.name;
  return full.length <= MAX_NAME ? full : `${full.slice(0, MAX_NAME - 1).trimEnd()}…`;
}

/** The same name always gets the same id, whichever school it came from. */
export function legacyIdOf(name: string): string {
  const digest = createHash('sha256').update(name.trim().toLowerCase()).digest('hex');
  return `${LEGACY_CATEGORY_ID}-${digest.slice(0, 20)}`;
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const live = (category: Category) => category.mergedInto === undefined && category.mergingInto === undefined;

export class LegacyCategories {
  constructor(
    private readonly categories: CategoryRepository,
    private readonly now: () => Date,
  ) {}

  /**
   * Makes sure Legacy and a sub-category for each of `categoryIds` (the previous school's) exist at the new
   * school, and answers where each maps. A name taken meanwhile by another transfer is found on a re-read.
   */
  async ensure(
    fromSchoolId: string,
    toSchoolId: string,
    categoryIds: readonly string[],
  ): Promise<LegacyMapping> {
    const [previous, current] = await Promise.all([
      this.categories.list(fromSchoolId),
      this.categories.list(toSchoolId),
    ]);
    const previousById = new Map(previous.map((category) => [category.categoryId, category]));
    let known: readonly Category[] = current;
    const parent = await this.ensureOne(
      toSchoolId,
      LEGACY_CATEGORY_ID,
      LEGACY_CATEGORY_NAME,
      LEGACY_COLOUR,
      undefined,
      known,
    );
    known = parent.known;
    const categoryMap: Record<string, string> = {};
    for (const categoryId of categoryIds) {
      const source = previousById.get(categoryId);
      // A category the previous school no longer lists at all still gets a recognisable name.
      const name = source ? legacyNameOf(source, previousById) : `Category ${categoryId}`.slice(0, MAX_NAME);
      const sub = await this.ensureOne(
        toSchoolId,
        legacyIdOf(name),
        name,
        source?.colour ?? LEGACY_COLOUR,
        parent.categoryId,
        known,
      );
      known = sub.known;
      categoryMap[categoryId] = sub.categoryId;
    }
    return { parentId: parent.categoryId, categoryMap };
  }

  private async ensureOne(
    schoolId: string,
    categoryId: string,
    name: string,
    colour: string,
    parentId: string | undefined,
    known: readonly Category[],
  ): Promise<{ categoryId: string; known: readonly Category[] }> {
    const found = this.find(known, categoryId, name, parentId);
    if (found) return { categoryId: found.categoryId, known };
    const at = this.now().toISOString();
    const category: Category = {
      categoryId,
      schoolId,
      name,
      colour,
      ...(parentId === undefined ? {} : { parentId }),
      disabled: true,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    try {
      // No group updates: nobody may see or record in a Legacy category until an admin says so.
      await this.categories.create(category, []);
      return { categoryId, known: [...known, category] };
    } catch (error) {
      if (!(error instanceof CategoryNameTakenError)) throw error;
      const reread = await this.categories.list(schoolId);
      const raced = this.find(reread, categoryId, name, parentId);
      if (!raced) throw error;
      return { categoryId: raced.categoryId, known: reread };
    }
  }

  /** Ours by id (even if an admin renamed it since), else a live sibling with the same name. */
  private find(
    known: readonly Category[],
    categoryId: string,
    name: string,
    parentId: string | undefined,
  ): Category | undefined {
    return (
      known.find(
        (category) => category.categoryId === categoryId && category.parentId === parentId && live(category),
      ) ??
      known.find(
        (category) => category.parentId === parentId && live(category) && sameName(category.name, name),
      )
    );
  }
}

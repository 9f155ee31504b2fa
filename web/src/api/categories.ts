/**
 * Categories against /api/categories (the hierarchy every member of staff reads, with what they may do
 * in each) and /api/admin/categories (Admin > Categories: lib/categories/categories-api.ts).
 */
import { parseCategoryPermission, type CategoryPermission } from './admin-user-groups';
import { getParsed, sendParsed, sendWithoutAnswer, type ApiResult } from './api-result';
import { itemsOf, listOf, optionalString, positiveInteger } from './json-readers';
import { isNonEmptyString, isRecord } from './json-shapes';

/** A sub-category as a member of staff meets it. */
export interface SubCategoryView {
  categoryId: string;
  name: string;
  colour: string;
  /** Disabled itself or through its parent: takes no new incidents. */
  disabled: boolean;
  mayAdd: boolean;
  mayView: boolean;
}

/** A top-level category with its sub-categories. */
export interface CategoryView extends SubCategoryView {
  subCategories: SubCategoryView[];
}

/** A category as Admin > Categories edits it. */
export interface AdminCategory {
  categoryId: string;
  name: string;
  colour: string;
  /** Set for a sub-category. */
  parentId?: string;
  disabled: boolean;
  /** Set while a merge into that category is under way. */
  mergingInto?: string;
  version: number;
}

/** A user group as the new-category form offers it, with what a new category gives it unless changed. */
export interface CategoryGroupDefault {
  groupId: string;
  name: string;
  newCategoryDefault: CategoryPermission;
}

export interface AdminCategoryList {
  categories: AdminCategory[];
  groups: CategoryGroupDefault[];
}

export interface NewCategory {
  name: string;
  colour: string;
  parentId?: string;
  /** Per user group id; a group not listed gets its default for new categories. */
  groupPermissions: Record<string, CategoryPermission>;
}

export interface CategoryChanges {
  name?: string;
  colour?: string;
}

const COLOUR = /^#[0-9a-f]{6}$/;

function parseSubCategory(value: unknown): SubCategoryView | undefined {
  if (!isRecord(value)) return undefined;
  const { categoryId, name, colour, disabled, mayAdd, mayView } = value;
  if (!isNonEmptyString(categoryId) || typeof name !== 'string') return undefined;
  if (typeof colour !== 'string' || !COLOUR.test(colour)) return undefined;
  if (typeof disabled !== 'boolean' || typeof mayAdd !== 'boolean' || typeof mayView !== 'boolean') {
    return undefined;
  }
  return { categoryId, name, colour, disabled, mayAdd, mayView };
}

function parseCategoryView(value: unknown): CategoryView | undefined {
  const category = parseSubCategory(value);
  const subCategories = isRecord(value) ? listOf(value.subCategories, parseSubCategory) : undefined;
  return category && subCategories ? { ...category, subCategories } : undefined;
}

export function parseAdminCategory(value: unknown): AdminCategory | undefined {
  if (!isRecord(value)) return undefined;
  const { categoryId, name, colour, disabled } = value;
  const version = positiveInteger(value.version);
  const parentId = optionalString(value.parentId);
  const mergingInto = optionalString(value.mergingInto);
  if (!isNonEmptyString(categoryId) || typeof name !== 'string' || typeof disabled !== 'boolean') {
    return undefined;
  }
  if (typeof colour !== 'string' || !COLOUR.test(colour) || version === undefined) return undefined;
  return {
    categoryId,
    name,
    colour,
    ...(parentId ? { parentId } : {}),
    disabled,
    ...(mergingInto ? { mergingInto } : {}),
    version,
  };
}

function parseGroupDefault(value: unknown): CategoryGroupDefault | undefined {
  if (!isRecord(value)) return undefined;
  const { groupId, name } = value;
  const newCategoryDefault = parseCategoryPermission(value.newCategoryDefault);
  return isNonEmptyString(groupId) && typeof name === 'string' && newCategoryDefault
    ? { groupId, name, newCategoryDefault }
    : undefined;
}

function parseAdminCategoryList(body: unknown): AdminCategoryList | undefined {
  const categories = itemsOf(body, parseAdminCategory);
  const groups = isRecord(body) ? listOf(body.groups, parseGroupDefault) : undefined;
  return categories && groups ? { categories, groups } : undefined;
}

function categoryPath(categoryId: string, action?: 'disable' | 'enable'): `/api/${string}` {
  return `/api/admin/categories/${encodeURIComponent(categoryId)}${action ? `/${action}` : ''}`;
}

/** The hierarchy with what this session may do in each category (without a key: only where it may record). */
export function listCategoryTree(signal?: AbortSignal): Promise<ApiResult<CategoryView[]>> {
  return getParsed(
    '/api/categories',
    (body) => itemsOf(body, parseCategoryView),
    'list of categories',
    signal,
  );
}

export function listAdminCategories(signal?: AbortSignal): Promise<ApiResult<AdminCategoryList>> {
  return getParsed('/api/admin/categories', parseAdminCategoryList, 'list of categories', signal);
}

export function createCategory(input: NewCategory): Promise<ApiResult<AdminCategory>> {
  return sendParsed('/api/admin/categories', 'POST', input, parseAdminCategory, 'new category');
}

/** Renames or recolours; `version` is the one read, so a change made meanwhile is refused (409). */
export function updateCategory(
  categoryId: string,
  changes: CategoryChanges,
  version: number,
): Promise<ApiResult<AdminCategory>> {
  return sendParsed(
    categoryPath(categoryId),
    'PATCH',
    { ...changes, version },
    parseAdminCategory,
    'changed category',
  );
}

/** Disabling a parent disables its sub-categories too. */
export function disableCategory(categoryId: string): Promise<ApiResult<AdminCategory>> {
  return sendParsed(categoryPath(categoryId, 'disable'), 'POST', undefined, parseAdminCategory, 'category');
}

/** Refused (409) for a sub-category whose parent is disabled. */
export function enableCategory(categoryId: string): Promise<ApiResult<AdminCategory>> {
  return sendParsed(categoryPath(categoryId, 'enable'), 'POST', undefined, parseAdminCategory, 'category');
}

export interface MergeProgress {
  /** False while incidents or monitoring are still moving: ask again to carry on. */
  done: boolean;
  category: AdminCategory;
}

function parseMergeProgress(body: unknown): MergeProgress | undefined {
  if (!isRecord(body) || typeof body.done !== 'boolean') return undefined;
  const category = parseAdminCategory(body.category);
  return category ? { done: body.done, category } : undefined;
}

/**
 * Merges a category into another, irreversibly; `confirm` must be its exact name. A big category moves
 * over several requests: until `done`, send the same request again.
 */
export function mergeCategory(
  categoryId: string,
  intoCategoryId: string,
  confirm: string,
): Promise<ApiResult<MergeProgress>> {
  return sendParsed(
    `/api/admin/categories/${encodeURIComponent(categoryId)}/merge`,
    'POST',
    { intoCategoryId, confirm },
    parseMergeProgress,
    'merged category',
  );
}

/** Refused (409) once the category has been used or while it has sub-categories: disable it instead. */
export function deleteCategory(categoryId: string): Promise<ApiResult<true>> {
  return sendWithoutAnswer(categoryPath(categoryId), 'DELETE');
}

/**
 * Category administration (REC-2): create with every user group's permission in the same
 * transaction, rename and recolour by version, disable and enable, delete only when never used.
 * Every change is audited; every refusal changes nothing.
 */
import { randomUUID } from 'node:crypto';
import type { AccessProfile } from '../access/authorisation';
import type { CategoryPermission } from '../access/permissions';
import type { UserGroup } from '../access/user-group';
import type { UserGroupRepository } from '../access/user-group-repository';
import { AdminConflictError, AdminInvalidFieldError, AdminNotFoundError } from '../admin/admin-errors';
import { changedFields } from '../admin/changed-fields';
import type { AuditActor } from '../audit/audit-event';
import type { AuditLog } from '../audit/audit-log';
import type { Category } from './category';
import {
  CategoryGroupsChangedError,
  CategoryNameTakenError,
  CategoryParentUnavailableError,
  StaleCategoryError,
  type CategoryRepository,
} from './category-repository';
import type { CategoryChanges, CategoryView, NewCategory } from './category-schemas';
import { categoryTree } from './category-tree';
import type { CategoryUsage } from './category-usage';

export interface CategoryServiceDependencies {
  readonly categories: CategoryRepository;
  readonly usage: CategoryUsage;
  readonly groups: UserGroupRepository;
  readonly audit: AuditLog;
  readonly now?: () => Date;
}

export interface AdminCategoryList {
  readonly items: Category[];
  readonly groups: Pick<UserGroup, 'groupId' | 'name' | 'newCategoryDefault'>[];
}

const NAME_TAKEN = 'Another category here already has this name.';

export class CategoryService {
  private readonly now: () => Date;

  constructor(private readonly deps: CategoryServiceDependencies) {
    this.now = deps.now ?? (() => new Date());
  }

  /** The hierarchy with what this viewer may do in each category. */
  async tree(profile: AccessProfile): Promise<CategoryView[]> {
    return categoryTree(await this.deps.categories.list(profile.schoolId), profile);
  }

  /** Every category not merged away, and each group's default for new ones (for the new-category grid). */
  async adminList(schoolId: string): Promise<AdminCategoryList> {
    const [categories, groups] = await Promise.all([
      this.deps.categories.list(schoolId),
      this.deps.groups.list(schoolId),
    ]);
    return {
      items: categories.filter((category) => category.mergedInto === undefined),
      groups: groups.map(({ groupId, name, newCategoryDefault }) => ({ groupId, name, newCategoryDefault })),
    };
  }

  async create(actor: AuditActor, input: NewCategory): Promise<Category> {
    const { schoolId } = actor;
    const [categories, groups] = await Promise.all([
      this.deps.categories.list(schoolId),
      this.deps.groups.list(schoolId),
    ]);
    if (input.parentId !== undefined) requireTopLevelParent(categories, input.parentId);
    const unknownGroup = Object.keys(input.groupPermissions).find(
      (groupId) => !groups.some((group) => group.groupId === groupId),
    );
    if (unknownGroup !== undefined) {
      throw new AdminInvalidFieldError(
        `body.groupPermissions.${unknownGroup}`,
        'must be a user group of this school',
      );
    }
    if (siblingNamed(categories, input.parentId, input.name))
      throw new AdminConflictError(NAME_TAKEN, 'body.name');
    const at = this.now().toISOString();
    const category: Category = {
      categoryId: randomUUID(),
      schoolId,
      name: input.name,
      colour: input.colour,
      ...(input.parentId === undefined ? {} : { parentId: input.parentId }),
      disabled: false,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    const permissions = new Map<string, CategoryPermission>(
      groups.map((group) => [
        group.groupId,
        input.groupPermissions[group.groupId] ?? group.newCategoryDefault,
      ]),
    );
    try {
      await this.deps.categories.create(
        category,
        this.deps.groups.categoryPermissionUpdates(schoolId, category.categoryId, permissions, at),
      );
    } catch (error) {
      throw refusalOf(error);
    }
    await this.deps.audit.record(actor, {
      action: 'category.create',
      resourceType: 'category',
      resourceId: category.categoryId,
      detail: `created "${category.name}"${category.parentId === undefined ? '' : ' as a sub-category'}`,
    });
    return category;
  }

  async update(actor: AuditActor, categoryId: string, changes: CategoryChanges): Promise<Category> {
    const categories = await this.deps.categories.list(actor.schoolId);
    const stored = changeableCategory(categories, categoryId);
    if (stored.version !== changes.version) throw staleCategory();
    const next: Category = {
      ...stored,
      name: changes.name ?? stored.name,
      colour: changes.colour ?? stored.colour,
      updatedAt: this.now().toISOString(),
      version: stored.version + 1,
    };
    const clash = siblingNamed(categories, stored.parentId, next.name);
    if (clash !== undefined && clash.categoryId !== categoryId) {
      throw new AdminConflictError(NAME_TAKEN, 'body.name');
    }
    try {
      await this.deps.categories.update(stored, next);
    } catch (error) {
      throw refusalOf(error);
    }
    await this.deps.audit.record(actor, {
      action: 'category.update',
      resourceType: 'category',
      resourceId: categoryId,
      detail: `changed ${changedFields(stored, next, ['name', 'colour']).join(', ') || 'nothing'}`,
    });
    return next;
  }

  /**
   * Disables (no new incidents; past ones and reports keep it) or enables a category. Disabling a
   * parent disables its sub-categories with it; a sub-category is enabled only under an enabled parent.
   */
  async setDisabled(actor: AuditActor, categoryId: string, disabled: boolean): Promise<Category> {
    const categories = await this.deps.categories.list(actor.schoolId);
    const stored = changeableCategory(categories, categoryId);
    const parent = categories.find((category) => category.categoryId === stored.parentId);
    if (!disabled && parent?.disabled === true) {
      throw new AdminConflictError(`Enable "${parent.name}" first: this is one of its sub-categories.`);
    }
    const cascade = disabled
      ? categories.filter(
          (category) => category.parentId === categoryId && !category.disabled && !category.mergedInto,
        )
      : [];
    const targets = stored.disabled === disabled ? cascade : [stored, ...cascade];
    if (targets.length === 0) return stored;
    const at = this.now().toISOString();
    const changes = targets.map((previous) => ({
      previous,
      next: { ...previous, disabled, updatedAt: at, version: previous.version + 1 },
    }));
    try {
      await this.deps.categories.setDisabled(changes);
    } catch (error) {
      throw refusalOf(error);
    }
    await this.deps.audit.record(actor, {
      action: 'category.update',
      resourceType: 'category',
      resourceId: categoryId,
      detail: `${disabled ? 'disabled' : 'enabled'}${cascade.length > 0 ? ` with ${cascade.length} sub-categories` : ''}`,
    });
    return changes.find((change) => change.next.categoryId === categoryId)?.next ?? stored;
  }

  /** Deletes a category nothing has used and that has no sub-categories, and removes it from every group. */
  async delete(actor: AuditActor, categoryId: string): Promise<void> {
    const { schoolId } = actor;
    const [categories, groups, used] = await Promise.all([
      this.deps.categories.list(schoolId),
      this.deps.groups.list(schoolId),
      this.deps.usage.isUsed(schoolId, categoryId),
    ]);
    const category = changeableCategory(categories, categoryId);
    if (categories.some((candidate) => candidate.mergingInto === categoryId)) {
      throw new AdminConflictError(
        `Another category is being merged into "${category.name}". Finish that merge first.`,
      );
    }
    if (categories.some((candidate) => candidate.parentId === categoryId && !candidate.mergedInto)) {
      throw new AdminConflictError(
        `"${category.name}" has sub-categories. Delete or merge them first, or disable "${category.name}" instead.`,
      );
    }
    if (used) {
      throw new AdminConflictError(
        `"${category.name}" has been used for incidents or monitoring, so it cannot be deleted. Disable it instead: it then takes no new incidents.`,
      );
    }
    const holders = new Map<string, undefined>(
      groups
        .filter((group) => categoryId in group.categoryPermissions)
        .map((group) => [group.groupId, undefined]),
    );
    try {
      await this.deps.categories.delete(
        category,
        this.deps.groups.categoryPermissionUpdates(schoolId, categoryId, holders, this.now().toISOString()),
      );
    } catch (error) {
      throw refusalOf(error);
    }
    await this.deps.audit.record(actor, {
      action: 'category.delete',
      resourceType: 'category',
      resourceId: categoryId,
      detail: `deleted "${category.name}"`,
    });
  }
}

/** A category of this school that has not been merged away, or 404. */
export function liveCategory(categories: readonly Category[], categoryId: string): Category {
  const category = categories.find((candidate) => candidate.categoryId === categoryId);
  if (!category || category.mergedInto !== undefined) throw new AdminNotFoundError('category');
  return category;
}

/** A category that may be changed: not half-way through a merge, which only finishing it may change. */
function changeableCategory(categories: readonly Category[], categoryId: string): Category {
  const category = liveCategory(categories, categoryId);
  if (category.mergingInto !== undefined) {
    throw new AdminConflictError(`"${category.name}" is being merged. Finish the merge first.`);
  }
  return category;
}

function requireTopLevelParent(categories: readonly Category[], parentId: string): void {
  const parent = categories.find((category) => category.categoryId === parentId && !category.mergedInto);
  if (!parent) throw new AdminInvalidFieldError('body.parentId', 'must be a category of this school');
  if (parent.parentId !== undefined) {
    throw new AdminInvalidFieldError('body.parentId', 'is a sub-category: categories have only two levels');
  }
}

function siblingNamed(categories: readonly Category[], parentId: string | undefined, name: string) {
  const wanted = name.trim().toLowerCase();
  return categories.find(
    (category) =>
      category.parentId === parentId && !category.mergedInto && category.name.trim().toLowerCase() === wanted,
  );
}

function staleCategory(): AdminConflictError {
  return new AdminConflictError(
    'Someone else changed this category since you opened it. Reload it and make your change again.',
    'body.version',
  );
}

/** Turns the repository's refusals into admin conflicts; anything else passes through. */
function refusalOf(error: unknown): unknown {
  if (error instanceof CategoryNameTakenError) return new AdminConflictError(NAME_TAKEN, 'body.name');
  if (error instanceof StaleCategoryError) return staleCategory();
  if (error instanceof CategoryParentUnavailableError) {
    return new AdminConflictError(
      'The parent category changed meanwhile. Reload the page and try again.',
      'body.parentId',
    );
  }
  if (error instanceof CategoryGroupsChangedError) {
    return new AdminConflictError('The user groups changed meanwhile. Reload the page and try again.');
  }
  return error;
}

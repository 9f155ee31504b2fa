/**
 * Merging one category into another (REC-2, seed 17.2), irreversibly: its incidents are re-assigned
 * (lib/incidents/incident-category-rewrite.ts rewrites each incident, its pupils' copies and actions),
 * pupils monitored under it become monitored under the other (lib/monitoring/monitoring-writes.ts),
 * and it is marked merged and its name freed. User groups keep their permission for the merged
 * category, so monitoring history and earlier versions recorded under it stay visible to those who
 * could see them.
 *
 * A category can hold thousands of incidents, more than one request can move, so the merge runs in
 * steps: the first request disables the category and marks the merge (nothing new can be recorded in
 * it from then on); each request moves incidents a page at a time for a few seconds, remembering the
 * last one moved; once incidents and monitoring have moved, it finishes. Asking again carries on.
 */
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AdminConflictError, AdminInvalidFieldError } from '../admin/admin-errors';
import type { AuditActor } from '../audit/audit-event';
import type { AuditLog } from '../audit/audit-log';
import type { StaffRef } from '../incidents/incident';
import type { IncidentCategoryRewriter } from '../incidents/incident-category-rewrite';
import { TransactionRefusedError } from '../incidents/labelled-transaction';
import type { MonitoredPupils } from '../monitoring/monitored-pupils';
import { changeMonitoringWrites } from '../monitoring/monitoring-writes';
import { wallClock } from '../platform/zoned-time';
import type { PupilRepository } from '../pupils/pupil-repository';
import type { SchoolRepository } from '../schools/school-repository';
import type { Category } from './category';
import {
  CategoryMergeTargetUnavailableError,
  StaleCategoryError,
  type CategoryRepository,
} from './category-repository';
import type { MergeCategory } from './category-schemas';
import { liveCategory } from './category-service';
import type { CategoryUsage } from './category-usage';
import { failedConditions } from './transact-item';

/** Incidents read per page, and how many are rewritten at once. */
const PAGE_SIZE = 25;
const PARALLEL = 5;
/** Work per request, well inside the API functions' 10-second timeout. */
const DEFAULT_TIME_BUDGET_MS = 5_000;
const DEFAULT_TIME_ZONE = 'Europe/London';

export interface CategoryMergeDependencies {
  readonly dynamo: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly categories: CategoryRepository;
  readonly usage: CategoryUsage;
  /** The incidents issue's rewriter, recording the change as made by `by`. */
  readonly incidents: (by: StaffRef) => IncidentCategoryRewriter;
  readonly monitored: MonitoredPupils;
  readonly pupils: PupilRepository;
  readonly schools: SchoolRepository;
  readonly audit: AuditLog;
  readonly now?: () => Date;
  readonly timeBudgetMs?: number;
}

export interface MergeOutcome {
  /** False while incidents or monitoring are still to move: ask again to carry on. */
  readonly done: boolean;
  readonly category: Category;
}

export class CategoryMerge {
  private readonly now: () => Date;

  constructor(private readonly deps: CategoryMergeDependencies) {
    this.now = deps.now ?? (() => new Date());
  }

  async merge(actor: AuditActor, categoryId: string, input: MergeCategory): Promise<MergeOutcome> {
    const startedAt = this.now().getTime();
    const categories = await this.deps.categories.list(actor.schoolId);
    let source = liveCategory(categories, categoryId);
    const target = checkedTarget(categories, source, input);
    if (source.mergingInto === undefined) {
      const at = this.now().toISOString();
      try {
        await this.deps.categories.startMerge(source, target.categoryId, at);
      } catch (error) {
        throw refusalOf(error);
      }
      source = {
        ...source,
        disabled: true,
        mergingInto: target.categoryId,
        updatedAt: at,
        version: source.version + 1,
      };
      await this.deps.audit.record(actor, {
        action: 'category.merge',
        resourceType: 'category',
        resourceId: categoryId,
        detail: `started merging "${source.name}" into "${target.name}"`,
      });
    }
    const deadline = startedAt + (this.deps.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS);
    const by: StaffRef = { personId: actor.personId, name: actor.actorName };
    const incidentsMoved = await this.moveIncidents(source, target, by, deadline);
    if (!incidentsMoved || this.now().getTime() > deadline) return { done: false, category: source };
    if (!(await this.moveMonitoring(actor, source, target))) return { done: false, category: source };
    const at = this.now().toISOString();
    try {
      await this.deps.categories.finishMerge(source, at);
    } catch (error) {
      throw refusalOf(error);
    }
    const { mergingInto: _mergingInto, mergeCursor: _mergeCursor, ...rest } = source;
    const merged: Category = {
      ...rest,
      mergedInto: target.categoryId,
      updatedAt: at,
      version: source.version + 1,
    };
    await this.deps.audit.record(actor, {
      action: 'category.merge',
      resourceType: 'category',
      resourceId: categoryId,
      detail: `merged "${source.name}" into "${target.name}"`,
    });
    return { done: true, category: merged };
  }

  /**
   * Moves incidents a page at a time after the recorded cursor until none are left (true) or time is
   * up or an incident changed meanwhile (false: the next request carries on from the last one moved).
   */
  private async moveIncidents(source: Category, target: Category, by: StaffRef, deadline: number) {
    const rewriter = this.deps.incidents(by);
    let cursor = source.mergeCursor;
    for (;;) {
      const page = await this.deps.usage.incidentsAfter(
        source.schoolId,
        source.categoryId,
        cursor,
        PAGE_SIZE,
      );
      let moved = 0;
      let refused = false;
      for (let index = 0; index < page.incidentIds.length && !refused; index += PARALLEL) {
        const batch = page.incidentIds.slice(index, index + PARALLEL);
        const results = await Promise.allSettled(
          batch.map((incidentId) =>
            rewriter.replaceCategoryOnIncident(
              source.schoolId,
              incidentId,
              source.categoryId,
              target.categoryId,
            ),
          ),
        );
        const firstFailure = results.findIndex((result) => result.status === 'rejected');
        moved = index + (firstFailure === -1 ? batch.length : firstFailure);
        if (firstFailure !== -1) {
          const failure = results[firstFailure] as PromiseRejectedResult;
          if (!(failure.reason instanceof TransactionRefusedError)) throw failure.reason;
          refused = true;
        }
      }
      const lastMoved = page.incidentIds[moved - 1];
      if (lastMoved !== undefined) {
        cursor = lastMoved;
        await this.deps.categories.recordMergeCursor(source, cursor);
      }
      if (refused) return false;
      if (!page.more) return true;
      if (this.now().getTime() > deadline) return false;
    }
  }

  /** Moves each pupil monitored under the category to the target, one transaction per pupil; false if any changed meanwhile. */
  private async moveMonitoring(actor: AuditActor, source: Category, target: Category): Promise<boolean> {
    const spells = await this.deps.monitored.list(source.schoolId, source.categoryId);
    if (spells.length === 0) return true;
    const [pupils, today] = await Promise.all([
      this.deps.pupils.getMany(
        source.schoolId,
        spells.map((spell) => spell.pupilId),
      ),
      this.today(source.schoolId),
    ]);
    const byId = new Map(pupils.map((pupil) => [pupil.pupilId, pupil]));
    const at = this.now().toISOString();
    let allMoved = true;
    for (let index = 0; index < spells.length; index += PARALLEL) {
      const outcomes = await Promise.all(
        spells.slice(index, index + PARALLEL).map(async (spell) => {
          const pupil = byId.get(spell.pupilId);
          if (!pupil) return true;
          const writes = changeMonitoringWrites(this.deps.tableName, pupil, {
            start: {
              categoryIds: [target.categoryId],
              since: spell.since,
              at,
              startedBy: actor.personId,
              reason: 'manual',
            },
            stop: {
              openIntervals: [spell],
              until: today < spell.since ? spell.since : today,
              at,
              endedBy: actor.personId,
            },
          });
          if (writes.items.length === 0) return true;
          try {
            await this.deps.dynamo.send(new TransactWriteCommand({ TransactItems: writes.items }));
            return true;
          } catch (error) {
            if ((failedConditions(error) ?? []).length > 0) return false;
            throw error;
          }
        }),
      );
      if (outcomes.includes(false)) allMoved = false;
    }
    return allMoved;
  }

  /** Today's date where the school is (monitoring dates are school dates). */
  private async today(schoolId: string): Promise<string> {
    const school = await this.deps.schools.get(schoolId);
    const wall = wallClock(school?.timeZone ?? DEFAULT_TIME_ZONE, this.now().getTime());
    return `${wall.year}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
  }
}

/** The category to merge into, after every refusal the merge owes the admin. */
function checkedTarget(categories: readonly Category[], source: Category, input: MergeCategory): Category {
  if (input.confirm !== source.name) {
    throw new AdminInvalidFieldError(
      'body.confirm',
      `must be the exact name of the category, "${source.name}"`,
    );
  }
  if (input.intoCategoryId === source.categoryId) {
    throw new AdminInvalidFieldError(
      'body.intoCategoryId',
      'must be another category: a category cannot merge into itself',
    );
  }
  const target = categories.find((category) => category.categoryId === input.intoCategoryId);
  if (!target) throw new AdminInvalidFieldError('body.intoCategoryId', 'must be a category of this school');
  if (target.parentId === source.categoryId) {
    throw new AdminInvalidFieldError('body.intoCategoryId', `is a sub-category of "${source.name}"`);
  }
  if (target.mergedInto !== undefined || target.mergingInto !== undefined) {
    throw new AdminConflictError(
      `"${target.name}" has been merged into another category. Choose another.`,
      'body.intoCategoryId',
    );
  }
  if (source.mergingInto !== undefined && source.mergingInto !== target.categoryId) {
    const under = categories.find((category) => category.categoryId === source.mergingInto);
    throw new AdminConflictError(
      `"${source.name}" is already being merged into "${under?.name ?? 'another category'}". Finish that merge first.`,
      'body.intoCategoryId',
    );
  }
  if (
    categories.some(
      (category) => category.parentId === source.categoryId && category.mergedInto === undefined,
    )
  ) {
    throw new AdminConflictError(`"${source.name}" has sub-categories. Merge or delete them first.`);
  }
  return target;
}

function refusalOf(error: unknown): unknown {
  if (error instanceof StaleCategoryError) {
    return new AdminConflictError('Someone else changed this category meanwhile. Reload it and try again.');
  }
  if (error instanceof CategoryMergeTargetUnavailableError) {
    return new AdminConflictError(
      'The category to merge into changed meanwhile. Reload and choose again.',
      'body.intoCategoryId',
    );
  }
  return error;
}

/**
 * Monitoring by hand (REC-7, seed 8.12): a pupil's monitoring history with durations, starting and
 * stopping categories for one pupil, and the bulk "Update categories" of a class register. Changes
 * need incidents.edit (checked by the endpoint) and, per category, sight of its monitored pupils
 * (authorisation.maySeeMonitoring); only enabled categories can be started. Each pupil's change is one
 * transaction, so a retry finds it done and reports it unchanged.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { authorisation, type AccessProfile } from '../access/authorisation';
import type { AuditLog } from '../audit/audit-log';
import type { Category } from '../categories/category';
import type { CategoryRepository } from '../categories/category-repository';
import { wallClock } from '../platform/zoned-time';
import { pupilAccessFacts, type Pupil } from '../pupils/pupil';
import { PupilConflictError, PupilInvalidFieldError, PupilNotFoundError } from '../pupils/pupil-errors';
import type { PupilRecordReader } from '../pupils/pupil-record-reader';
import type { PupilRepository } from '../pupils/pupil-repository';
import type { Viewer } from '../pupils/viewer';
import type { SchoolRepository } from '../schools/school-repository';
import type { MonitoredPupils } from './monitored-pupils';
import type {
  BulkMonitoringInput,
  BulkOutcome,
  MonitoringCategoryChoice,
  MonitoringChangeInput,
  MonitoringHistory,
  MonitoringHistoryEntry,
} from './monitoring-schemas';
import { changeMonitoringWrites, type MonitoringChange } from './monitoring-writes';

const DAY_MS = 86_400_000;
const DEFAULT_TIME_ZONE = 'Europe/London';

export interface MonitoringDependencies {
  readonly dynamo: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly pupils: PupilRepository;
  readonly reader: PupilRecordReader;
  readonly monitored: MonitoredPupils;
  readonly categories: CategoryRepository;
  readonly schools: SchoolRepository;
  readonly audit: AuditLog;
  readonly now?: () => Date;
}

function daysBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS));
}

/** Categories the viewer may monitor under: visible to them, enabled and not merged away. */
function choicesFor(access: AccessProfile, categories: readonly Category[]): MonitoringCategoryChoice[] {
  return categories
    .filter(
      (category) =>
        !category.disabled &&
        category.mergedInto === undefined &&
        authorisation.maySeeMonitoring(access, category.categoryId),
    )
    .map((category) => ({
      categoryId: category.categoryId,
      name: category.name,
      colour: category.colour,
      ...(category.parentId === undefined ? {} : { parentId: category.parentId }),
    }));
}

function refusedByCondition(error: unknown): boolean {
  return (
    error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed')
  );
}

export class MonitoringService {
  constructor(private readonly deps: MonitoringDependencies) {}

  private now(): Date {
    return (this.deps.now ?? (() => new Date()))();
  }

  /** Today's date in the school's time zone (monitoring dates are school dates). */
  private async today(schoolId: string): Promise<string> {
    const school = await this.deps.schools.get(schoolId);
    const wall = wallClock(school?.timeZone ?? DEFAULT_TIME_ZONE, this.now().getTime());
    return `${wall.year}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
  }

  async history(viewer: Viewer, pupilId: string): Promise<MonitoringHistory> {
    const { access, actor } = viewer;
    const [read, categories, today] = await Promise.all([
      this.deps.reader.monitoring(actor.schoolId, pupilId),
      this.deps.categories.list(actor.schoolId),
      this.today(actor.schoolId),
    ]);
    if (!read || !authorisation.maySeePupil(access, pupilAccessFacts(read.pupil)))
      throw new PupilNotFoundError();
    const byId = new Map(categories.map((category) => [category.categoryId, category]));
    const entries = read.intervals
      .flatMap((interval): MonitoringHistoryEntry[] => {
        const category = byId.get(interval.categoryId);
        if (!category || !authorisation.maySeeMonitoring(access, interval.categoryId)) return [];
        const open = interval.endedAt === undefined;
        return [
          {
            categoryId: interval.categoryId,
            categoryName: category.name,
            colour: category.colour,
            since: interval.since,
            startedAt: interval.startedAt,
            ...(interval.until === undefined ? {} : { until: interval.until }),
            ...(interval.endedAt === undefined ? {} : { endedAt: interval.endedAt }),
            durationDays: daysBetween(interval.since, interval.until ?? today),
            open,
            reason: interval.reason,
          },
        ];
      })
      .sort((a, b) => b.since.localeCompare(a.since) || b.startedAt.localeCompare(a.startedAt));
    await this.deps.audit.record(actor, {
      action: 'pupil.monitoring.read',
      resourceType: 'pupil',
      resourceId: pupilId,
      pupilId,
    });
    return {
      pupilId,
      entries,
      today,
      mayChange: authorisation.mayDo(access, 'incidents.edit'),
      categories: choicesFor(access, categories),
    };
  }

  /** Starts and stops categories for one pupil in one transaction. */
  async change(
    viewer: Viewer,
    pupilId: string,
    input: MonitoringChangeInput,
  ): Promise<{ started: string[]; stopped: string[] }> {
    const { access, actor } = viewer;
    const overlap = input.start.find((categoryId) => input.stop.includes(categoryId));
    if (overlap !== undefined)
      throw new PupilInvalidFieldError('body.stop', 'a category cannot be started and stopped at once');
    const [read, categories, today] = await Promise.all([
      this.deps.reader.monitoring(actor.schoolId, pupilId),
      this.deps.categories.list(actor.schoolId),
      this.today(actor.schoolId),
    ]);
    if (!read || !authorisation.maySeePupil(access, pupilAccessFacts(read.pupil)))
      throw new PupilNotFoundError();
    this.checkCategories(access, categories, input.start, 'body.start', true);
    this.checkCategories(access, categories, input.stop, 'body.stop', false);
    const since = this.checkedDate(input.startDate, today, 'body.startDate');
    const until = this.checkedDate(input.endDate, today, 'body.endDate');
    const open = read.intervals.filter(
      (interval) => interval.endedAt === undefined && input.stop.includes(interval.categoryId),
    );
    const tooEarly = open.find((interval) => until < interval.since);
    if (tooEarly) throw new PupilInvalidFieldError('body.endDate', 'must not be before monitoring started');
    const writes = changeMonitoringWrites(this.deps.tableName, read.pupil, {
      start: {
        categoryIds: input.start,
        since,
        at: this.now().toISOString(),
        startedBy: actor.personId,
        reason: 'manual',
      },
      stop: { openIntervals: open, until, at: this.now().toISOString(), endedBy: actor.personId },
    });
    if (writes.items.length === 0) return { started: [], stopped: [] };
    try {
      await this.deps.dynamo.send(new TransactWriteCommand({ TransactItems: writes.items }));
    } catch (error) {
      if (refusedByCondition(error)) {
        throw new PupilConflictError('Monitoring for this pupil changed meanwhile. Reload and try again.');
      }
      throw error;
    }
    const started = writes.categoryIds.filter((categoryId) => input.start.includes(categoryId));
    const stopped = writes.categoryIds.filter((categoryId) => input.stop.includes(categoryId));
    await this.deps.audit.record(actor, {
      action: 'pupil.monitoring.update',
      resourceType: 'pupil',
      resourceId: pupilId,
      pupilId,
      detail: `started: ${started.join(', ') || 'none'}; stopped: ${stopped.join(', ') || 'none'}`,
    });
    return { started, stopped };
  }

  /**
   * Adds or removes one category for up to 100 pupils (a class register's "Update categories"): one
   * round of reads, one transaction per pupil sent together, one audit event per pupil changed.
   */
  async bulk(
    viewer: Viewer,
    input: BulkMonitoringInput,
  ): Promise<{ pupilId: string; outcome: BulkOutcome }[]> {
    const { access, actor } = viewer;
    const schoolId = actor.schoolId;
    const [pupils, categories, spells, today] = await Promise.all([
      this.deps.pupils.getMany(schoolId, input.pupilIds),
      this.deps.categories.list(schoolId),
      input.operation === 'remove'
        ? this.deps.monitored.list(schoolId, input.categoryId)
        : Promise.resolve([]),
      this.today(schoolId),
    ]);
    this.checkCategories(
      access,
      categories,
      [input.categoryId],
      'body.categoryId',
      input.operation === 'add',
    );
    const date = this.checkedDate(input.date, today, 'body.date');
    const byId = new Map(pupils.map((pupil) => [pupil.pupilId, pupil]));
    const openSince = new Map(spells.map((spell) => [spell.pupilId, spell]));
    const at = this.now().toISOString();
    const outcomes = await Promise.all(
      input.pupilIds.map(async (pupilId): Promise<{ pupilId: string; outcome: BulkOutcome }> => {
        const pupil = byId.get(pupilId);
        if (!pupil || !authorisation.maySeePupil(access, pupilAccessFacts(pupil)))
          return { pupilId, outcome: 'not-found' };
        const spell = openSince.get(pupilId);
        if (input.operation === 'remove' && spell && date < spell.since)
          return { pupilId, outcome: 'conflict' };
        const change: MonitoringChange =
          input.operation === 'add'
            ? {
                start: {
                  categoryIds: [input.categoryId],
                  since: date,
                  at,
                  startedBy: actor.personId,
                  reason: 'manual',
                },
              }
            : { stop: { openIntervals: spell ? [spell] : [], until: date, at, endedBy: actor.personId } };
        return { pupilId, outcome: await this.apply(pupil, change, input.operation) };
      }),
    );
    await Promise.all(
      outcomes
        .filter(({ outcome }) => outcome === 'started' || outcome === 'stopped')
        .map(({ pupilId, outcome }) =>
          this.deps.audit.record(actor, {
            action: 'pupil.monitoring.update',
            resourceType: 'pupil',
            resourceId: pupilId,
            pupilId,
            detail: `${outcome}: ${input.categoryId} (bulk)`,
          }),
        ),
    );
    return outcomes;
  }

  private async apply(
    pupil: Pupil,
    change: MonitoringChange,
    operation: 'add' | 'remove',
  ): Promise<BulkOutcome> {
    const writes = changeMonitoringWrites(this.deps.tableName, pupil, change);
    if (writes.items.length === 0) return 'unchanged';
    try {
      await this.deps.dynamo.send(new TransactWriteCommand({ TransactItems: writes.items }));
    } catch (error) {
      if (refusedByCondition(error)) return 'conflict';
      throw error;
    }
    return operation === 'add' ? 'started' : 'stopped';
  }

  private checkCategories(
    access: AccessProfile,
    categories: readonly Category[],
    categoryIds: readonly string[],
    field: string,
    starting: boolean,
  ): void {
    const usable = new Set(
      (starting
        ? choicesFor(access, categories)
        : categories.filter((c) => authorisation.maySeeMonitoring(access, c.categoryId))
      ).map((category) => category.categoryId),
    );
    if (categoryIds.some((categoryId) => !usable.has(categoryId))) {
      throw new PupilInvalidFieldError(
        field,
        starting
          ? 'no such enabled category you may monitor under'
          : 'no such category you may monitor under',
      );
    }
  }

  private checkedDate(date: string | undefined, today: string, field: string): string {
    if (date === undefined) return today;
    if (date > today) throw new PupilInvalidFieldError(field, 'must not be in the future');
    return date;
  }
}

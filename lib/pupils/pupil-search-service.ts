/**
 * The pupil list (seed 3, REC-10): quick search by any part of a name, a class register, and the
 * pupils monitored now (under any category the viewer may see, or one). Each screen is one round of
 * reads sent together (the directory page, the MONITORED partition and the categories) and one audit
 * write; no Scan. Every result passes authorisation.mayListPupil, so class restrictions hide pupils
 * outside the viewer's classes, and only categories the viewer may see are shown or filtered by.
 */
import type { ClassGroupRepository } from '../access/access-repositories';
import { authorisation } from '../access/authorisation';
import type { ClassGroup } from '../access/class-group';
import type { AuditLog } from '../audit/audit-log';
import type { CategoryRepository } from '../categories/category-repository';
import type { PupilDirectoryStatus } from '../data/keys';
import { decodeCursor, encodeCursor, type Page } from '../data/page-cursor';
import type { MonitoredPupil } from '../monitoring/monitoring';
import type { MonitoredPupils } from '../monitoring/monitored-pupils';
import type { MonitoringCategoryChoice } from '../monitoring/monitoring-schemas';
import { categoriesById, visibleMonitoring } from './current-monitoring';
import { isFirstFiling, matchesAllWords, planNameQuery, type NameQueryPlan } from './name-search';
import { PupilInvalidFieldError } from './pupil-errors';
import type { PupilSummary } from './pupil';
import type { DirectoryEntry, DirectoryPage, PupilDirectory } from './pupil-directory';
import type { PupilListItem, PupilListQuery } from './pupil-schemas';
import type { Viewer } from './viewer';

/** The pupil picker for recording a concern shows at most this many. */
const LOOKUP_LIMIT = 20;

/** A cursor over one or both name directories: each part is that directory's own cursor, '' when done. */
const CURSOR_PARTS = '.';

export interface PupilSearchDependencies {
  readonly directory: PupilDirectory;
  readonly classes: ClassGroupRepository;
  readonly monitored: MonitoredPupils;
  readonly categories: CategoryRepository;
  readonly audit: AuditLog;
}

type LookupItem = Omit<PupilSummary, 'classIds'>;

function monitoringByPupil(spells: readonly MonitoredPupil[]): Map<string, MonitoredPupil[]> {
  const byPupil = new Map<string, MonitoredPupil[]>();
  for (const spell of spells) byPupil.set(spell.pupilId, [...(byPupil.get(spell.pupilId) ?? []), spell]);
  return byPupil;
}

function describeFilters(query: PupilListQuery): string {
  const filters = [
    query.q !== undefined && 'name',
    query.classId !== undefined && 'class',
    query.monitored && 'monitored',
    query.categoryId !== undefined && 'category',
    query.includeArchived && 'archived included',
  ].filter(Boolean);
  return filters.length > 0 ? filters.join(', ') : 'none';
}

export class PupilSearchService {
  constructor(private readonly deps: PupilSearchDependencies) {}

  async list(viewer: Viewer, query: PupilListQuery): Promise<Page<PupilListItem>> {
    const { access, actor } = viewer;
    const schoolId = actor.schoolId;
    if (query.categoryId !== undefined && !authorisation.maySeeMonitoring(access, query.categoryId)) {
      throw new PupilInvalidFieldError('query.categoryId', 'no such category you may see monitoring for');
    }
    const plan = query.q === undefined ? undefined : planNameQuery(query.q);
    if (query.q !== undefined && !plan) {
      throw new PupilInvalidFieldError('query.q', 'give at least one letter or digit of a name');
    }
    if (!plan && query.classId === undefined && !query.monitored && query.categoryId === undefined) {
      throw new PupilInvalidFieldError(
        'query.q',
        'search by name, choose a class, or ask for monitored pupils',
      );
    }
    const [driven, spells, categories] = await Promise.all([
      plan
        ? this.byName(schoolId, plan, query)
        : query.classId !== undefined
          ? this.byClass(schoolId, query.classId, query)
          : undefined,
      this.deps.monitored.list(schoolId),
      this.deps.categories.list(schoolId),
    ]);
    const categoryMap = categoriesById(categories);
    const spellsByPupil = monitoringByPupil(spells);
    const toItem = (entry: PupilSummary): PupilListItem => ({
      pupilId: entry.pupilId,
      displayName: entry.displayName,
      sortName: entry.sortName,
      ...(entry.yearGroup === undefined ? {} : { yearGroup: entry.yearGroup }),
      ...(entry.tutorGroup === undefined ? {} : { tutorGroup: entry.tutorGroup }),
      classIds: entry.classIds,
      archived: entry.archived,
      monitoring: visibleMonitoring(access, categoryMap, spellsByPupil.get(entry.pupilId) ?? []),
    });
    const wanted = (item: PupilListItem): boolean => {
      if (!authorisation.mayListPupil(access, { schoolId, classIds: item.classIds })) return false;
      if (item.archived && !query.includeArchived) return false;
      if (query.classId !== undefined && !item.classIds.includes(query.classId)) return false;
      if (query.categoryId !== undefined)
        return item.monitoring.some((m) => m.categoryId === query.categoryId);
      return !query.monitored || item.monitoring.length > 0;
    };
    const page = driven
      ? { items: driven.entries.map(toItem).filter(wanted), nextCursor: driven.nextCursor }
      : this.monitoredPage(
          schoolId,
          [...spellsByPupil.values()].map((own) => toItem(own[0]!)).filter(wanted),
          query,
        );
    const { items, nextCursor } = page;
    await this.deps.audit.record(actor, {
      action: 'pupil.list',
      resourceType: 'pupil-list',
      resourceId: schoolId,
      detail: `${items.length} results; filters: ${describeFilters(query)}`,
    });
    return { items, ...(nextCursor === undefined ? {} : { nextCursor }) };
  }

  /** The classes whose registers the viewer may open, and the categories they may filter monitoring by. */
  async filters(viewer: Viewer): Promise<{
    classes: Pick<ClassGroup, 'classId' | 'name' | 'kind'>[];
    categories: MonitoringCategoryChoice[];
  }> {
    const { access } = viewer;
    const [classes, categories] = await Promise.all([
      this.deps.classes.list(viewer.actor.schoolId),
      this.deps.categories.list(viewer.actor.schoolId),
    ]);
    const scope = access.classes;
    return {
      classes: classes
        .filter((classGroup) => !scope.restricted || scope.visibleClassIds.has(classGroup.classId))
        .map(({ classId, name, kind }) => ({ classId, name, kind })),
      categories: categories
        .filter(
          (category) =>
            category.mergedInto === undefined && authorisation.maySeeMonitoring(access, category.categoryId),
        )
        .map((category) => ({
          categoryId: category.categoryId,
          name: category.name,
          colour: category.colour,
          ...(category.parentId === undefined ? {} : { parentId: category.parentId }),
        })),
    };
  }

  /**
   * The pupil picker of the add-incident form: active pupils only, at most 20, summary only. Any
   * member of staff may raise a concern about any pupil, so class restrictions do not apply here.
   */
  async lookup(viewer: Viewer, query: string): Promise<LookupItem[]> {
    const plan = planNameQuery(query);
    if (!plan) throw new PupilInvalidFieldError('query.q', 'give at least one letter or digit of a name');
    const page = await this.deps.directory.byNamePrefix(
      viewer.actor.schoolId,
      'ACTIVE',
      plan.prefix,
      LOOKUP_LIMIT * 2,
    );
    const items = this.nameMatches(page.entries, plan)
      .slice(0, LOOKUP_LIMIT)
      .map((entry): LookupItem => ({
        pupilId: entry.pupilId,
        displayName: entry.displayName,
        sortName: entry.sortName,
        ...(entry.yearGroup === undefined ? {} : { yearGroup: entry.yearGroup }),
        ...(entry.tutorGroup === undefined ? {} : { tutorGroup: entry.tutorGroup }),
        archived: entry.archived,
      }));
    await this.deps.audit.record(viewer.actor, {
      action: 'pupil.lookup',
      resourceType: 'pupil-list',
      resourceId: viewer.actor.schoolId,
      detail: `${items.length} results`,
    });
    return items;
  }

  private nameMatches(entries: readonly DirectoryEntry[], plan: NameQueryPlan): DirectoryEntry[] {
    return entries
      .filter(
        (entry) =>
          isFirstFiling(entry.filedUnder, entry.searchName, plan.prefix) &&
          matchesAllWords(entry.searchName, plan.words),
      )
      .sort((a, b) => a.sortName.localeCompare(b.sortName, 'en-GB'));
  }

  /** One page of each name directory asked for, read together; the cursor carries on each one. */
  private async byName(
    schoolId: string,
    plan: NameQueryPlan,
    query: PupilListQuery,
  ): Promise<{ entries: DirectoryEntry[]; nextCursor?: string }> {
    const statuses: PupilDirectoryStatus[] = query.includeArchived ? ['ACTIVE', 'ARCHIVED'] : ['ACTIVE'];
    const parts = query.cursor?.split(CURSOR_PARTS);
    if (parts !== undefined && parts.length !== statuses.length) {
      throw new PupilInvalidFieldError('query.cursor', 'not a cursor this list issued');
    }
    const pages = await Promise.all(
      statuses.map((status, index): Promise<DirectoryPage | undefined> => {
        const part = parts?.[index];
        // A finished directory has an empty part: nothing more to read there.
        if (part === '') return Promise.resolve(undefined);
        const startKey = decodeCursor(part, { PK: this.deps.directory.namePartition(schoolId, status) });
        return this.deps.directory.byNamePrefix(schoolId, status, plan.prefix, query.limit, startKey);
      }),
    );
    const entries = this.nameMatches(
      pages.flatMap((page) => page?.entries ?? []),
      plan,
    );
    const more = pages.some((page) => page?.lastKey !== undefined);
    return {
      entries,
      ...(more
        ? { nextCursor: pages.map((page) => encodeCursor(page?.lastKey) ?? '').join(CURSOR_PARTS) }
        : {}),
    };
  }

  private async byClass(
    schoolId: string,
    classId: string,
    query: PupilListQuery,
  ): Promise<{ entries: DirectoryEntry[]; nextCursor?: string }> {
    const startKey = decodeCursor(query.cursor, {
      PK: this.deps.directory.classPartition(schoolId, classId),
    });
    const page = await this.deps.directory.classMembers(schoolId, classId, query.limit, startKey);
    const nextCursor = encodeCursor(page.lastKey);
    return { entries: page.entries, ...(nextCursor === undefined ? {} : { nextCursor }) };
  }

  /**
   * Monitored pupils, from the MONITORED partition already read whole (it holds only open spells, so
   * it stays small): by sort name, paged after the last pupil of the previous page.
   */
  private monitoredPage(
    schoolId: string,
    items: readonly PupilListItem[],
    query: PupilListQuery,
  ): { items: PupilListItem[]; nextCursor?: string } {
    const partition = this.deps.monitored.partition(schoolId);
    const after = decodeCursor(query.cursor, { PK: partition })?.SK;
    const sortKey = (item: PupilListItem) => `${item.sortName}#${item.pupilId}`;
    const ordered = [...items]
      .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1))
      .filter((item) => after === undefined || sortKey(item) > after);
    const pageItems = ordered.slice(0, query.limit);
    const last = pageItems.at(-1);
    return {
      items: pageItems,
      ...(ordered.length > query.limit && last
        ? { nextCursor: encodeCursor({ PK: partition, SK: sortKey(last) }) }
        : {}),
    };
  }
}

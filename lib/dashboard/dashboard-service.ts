/**
 * Builds a person's dashboard (REC-10) from their DASH partition and the school's category names:
 * one Query each, in parallel, then one audit write. A session without a key gets the restricted
 * dashboard (alerts and my history), as the incumbent's non-key users do.
 */
import { authorisation } from '../access/authorisation';
import type { AuditActor } from '../audit/audit-event';
import type { AuditLog } from '../audit/audit-log';
import type { Category } from '../categories/category';
import type { AccessProfile } from '../access/authorisation';
import type { Dashboard, DashboardCategory } from './dashboard';
import {
  alertedDocumentId,
  type DashboardEntries,
  type StoredAlert,
  type StoredAssigned,
  type StoredViewed,
} from './dashboard-entries';
import { dashboardLinks } from './dashboard-links';
import type { DashboardRepository } from './dashboard-repository';

export const HISTORY_DAYS = 7;
export const RECENTLY_VIEWED_LIMIT = 10;
/** Entries read per row shown when class restrictions may hide some (one BatchGet holds 100). */
const CANDIDATES_PER_ROW = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Where a viewed pupil is now (lib/pupils' PupilRepository): their current classes. */
export interface CurrentPupils {
  getMany(schoolId: string, pupilIds: readonly string[]): Promise<{ pupilId: string; classIds: string[] }[]>;
}

export interface DashboardSources {
  readonly entries: Pick<DashboardRepository, 'read'>;
  readonly pupils: CurrentPupils;
  readonly categories: { list(schoolId: string): Promise<Category[]> };
  readonly audit: Pick<AuditLog, 'record'>;
  readonly now?: () => Date;
}

export class DashboardService {
  private readonly now: () => Date;

  constructor(private readonly sources: DashboardSources) {
    this.now = sources.now ?? (() => new Date());
  }

  async read(actor: AuditActor, access: AccessProfile): Promise<Dashboard> {
    const [entries, categories] = await Promise.all([
      this.sources.entries.read(actor.schoolId, actor.personId),
      this.sources.categories.list(actor.schoolId),
    ]);
    const viewed = await this.withCurrentClasses(actor.schoolId, access, entries.viewed);
    const dashboard = assemble({ ...entries, viewed }, namesOf(categories), access, this.now());
    await this.sources.audit.record(actor, {
      action: 'dashboard.read',
      resourceType: 'dashboard',
      resourceId: actor.personId,
      detail: countsOf(dashboard),
    });
    return dashboard;
  }

  /**
   * The classes a viewed entry carries are the pupil's when viewed; a pupil moved since (a class change,
   * the summer promotion) into a class this viewer may not see must drop out. So when class restrictions
   * are on, the newest entries' pupils are read (one BatchGet) and their current classes used; pupils no
   * longer held drop out too. Without restrictions the class rule admits everyone and nothing is read.
   */
  private async withCurrentClasses(
    schoolId: string,
    access: AccessProfile,
    viewed: readonly StoredViewed[],
  ): Promise<StoredViewed[]> {
    if (!access.elevated || !access.classes.restricted) return [...viewed];
    const newest = [...viewed]
      .sort(newestFirst((entry) => entry.viewedAt))
      .slice(0, RECENTLY_VIEWED_LIMIT * CANDIDATES_PER_ROW);
    if (newest.length === 0) return [];
    const current = new Map(
      (
        await this.sources.pupils.getMany(
          schoolId,
          newest.map((entry) => entry.pupilId),
        )
      ).map((pupil) => [pupil.pupilId, pupil.classIds]),
    );
    return newest.flatMap((entry) => {
      const classIds = current.get(entry.pupilId);
      return classIds === undefined ? [] : [{ ...entry, classIds }];
    });
  }
}

function namesOf(categories: readonly Category[]): ReadonlyMap<string, string> {
  return new Map(categories.map((category) => [category.categoryId, category.name]));
}

function assemble(
  entries: DashboardEntries,
  names: ReadonlyMap<string, string>,
  access: AccessProfile,
  now: Date,
): Dashboard {
  const named = (categoryIds: readonly string[]): DashboardCategory[] =>
    categoryIds.flatMap((categoryId) => {
      const name = names.get(categoryId);
      return name === undefined ? [] : [{ categoryId, name }];
    });
  const historySince = now.getTime() - HISTORY_DAYS * DAY_MS;
  const dashboard: Dashboard = {
    alerts: [...entries.alerts].sort(newestFirst((alert) => alert.alertedAt)).map((alert) => ({
      ...alertRow(alert),
      pupilId: alert.pupilId,
      pupilDisplayName: alert.pupilDisplayName,
      categories: named(alert.categoryIds),
      alertedBy: alert.alertedBy,
      alertedAt: alert.alertedAt,
    })),
    myHistory: entries.history
      .filter((entry) => Date.parse(entry.recordedAt) >= historySince)
      .sort(newestFirst((entry) => entry.recordedAt))
      .map((entry) => ({
        what: entry.what,
        incidentId: entry.incidentId,
        ...(entry.actionId === undefined ? {} : { actionId: entry.actionId }),
        number: entry.number,
        pupilId: entry.pupilId,
        pupilDisplayName: entry.pupilDisplayName,
        categories: named(entry.categoryIds),
        recordedAt: entry.recordedAt,
        link: dashboardLinks.incident(entry.incidentId, entry.pupilId),
      })),
  };
  if (!access.elevated) return dashboard;
  // An incident assigned to someone whose group may not view one of its categories stays hidden from
  // them, as everywhere else: its row would name the pupil and the category.
  const viewable = authorisation.viewableCategoryIds(access);
  const mayView = (entry: StoredAssigned) =>
    entry.categoryIds.length > 0 && entry.categoryIds.every((categoryId) => viewable.has(categoryId));
  return {
    ...dashboard,
    myAssigned: entries.assigned
      .filter(mayView)
      .sort(newestFirst((entry) => entry.assignedAt))
      .map((entry) => ({
        incidentId: entry.incidentId,
        number: entry.number,
        pupilId: entry.pupilId,
        pupilDisplayName: entry.pupilDisplayName,
        categories: named(entry.categoryIds),
        assignedBy: entry.assignedBy,
        assignedAt: entry.assignedAt,
        link: dashboardLinks.incident(entry.incidentId, entry.pupilId),
      })),
    recentlyViewed: entries.viewed
      .filter((entry) =>
        authorisation.mayListPupil(access, { schoolId: access.schoolId, classIds: entry.classIds }),
      )
      .sort(newestFirst((entry) => entry.viewedAt))
      .slice(0, RECENTLY_VIEWED_LIMIT)
      .map((entry) => ({
        pupilId: entry.pupilId,
        pupilDisplayName: entry.displayName,
        viewedAt: entry.viewedAt,
        link: dashboardLinks.pupil(entry.pupilId),
      })),
  };
}

function alertRow(alert: StoredAlert): Pick<Dashboard['alerts'][number], 'subject' | 'link'> {
  const documentId = alertedDocumentId(alert);
  if (documentId !== undefined) {
    return { subject: { kind: 'document', documentId }, link: dashboardLinks.vault(alert.pupilId) };
  }
  if (alert.incidentId === undefined) throw new Error('An incident alert without an incidentId');
  return {
    subject: {
      kind: 'incident',
      incidentId: alert.incidentId,
      ...(alert.actionId === undefined ? {} : { actionId: alert.actionId }),
    },
    link: dashboardLinks.incident(alert.incidentId, alert.pupilId),
  };
}

function newestFirst<T>(timeOf: (entry: T) => string): (a: T, b: T) => number {
  return (a, b) => timeOf(b).localeCompare(timeOf(a));
}

/** Counts only: the audit detail never names a pupil. */
function countsOf(dashboard: Dashboard): string {
  return [
    `alerts=${dashboard.alerts.length}`,
    `myHistory=${dashboard.myHistory.length}`,
    ...(dashboard.myAssigned ? [`myAssigned=${dashboard.myAssigned.length}`] : []),
    ...(dashboard.recentlyViewed ? [`recentlyViewed=${dashboard.recentlyViewed.length}`] : []),
  ].join(' ');
}

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
import { alertedDocumentId, type DashboardEntries, type StoredAlert } from './dashboard-entries';
import { dashboardLinks } from './dashboard-links';
import type { DashboardRepository } from './dashboard-repository';

export const HISTORY_DAYS = 7;
export const RECENTLY_VIEWED_LIMIT = 10;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface DashboardSources {
  readonly entries: Pick<DashboardRepository, 'read'>;
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
    const dashboard = assemble(entries, namesOf(categories), access, this.now());
    await this.sources.audit.record(actor, {
      action: 'dashboard.read',
      resourceType: 'dashboard',
      resourceId: actor.personId,
      detail: countsOf(dashboard),
    });
    return dashboard;
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
  return {
    ...dashboard,
    myAssigned: [...entries.assigned].sort(newestFirst((entry) => entry.assignedAt)).map((entry) => ({
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

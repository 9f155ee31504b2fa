/**
 * Reading one pupil's record (the pupil page): profile, contacts, links and current monitoring, in
 * one round of reads, then the audit event and the dashboard's "recently viewed" written together
 * before anything is returned. A pupil the viewer may not see is answered as unknown.
 */
import { authorisation } from '../access/authorisation';
import type { AuditLog } from '../audit/audit-log';
import type { CategoryRepository } from '../categories/category-repository';
import { categoriesById, visibleMonitoring } from './current-monitoring';
import { displayNameOf, pupilAccessFacts, summaryOf } from './pupil';
import { PupilNotFoundError } from './pupil-errors';
import type { PupilRecordReader } from './pupil-record-reader';
import type { PupilRecord } from './pupil-schemas';
import type { RecentlyViewed } from './recently-viewed';
import type { Viewer } from './viewer';

export interface PupilRecordDependencies {
  readonly reader: PupilRecordReader;
  readonly categories: CategoryRepository;
  readonly audit: AuditLog;
  readonly recentlyViewed: RecentlyViewed;
  readonly now?: () => Date;
}

export class PupilRecordService {
  constructor(private readonly deps: PupilRecordDependencies) {}

  async read(viewer: Viewer, pupilId: string): Promise<PupilRecord> {
    const { access, actor } = viewer;
    const [items, categories] = await Promise.all([
      this.deps.reader.record(actor.schoolId, pupilId),
      this.deps.categories.list(actor.schoolId),
    ]);
    if (!items || !authorisation.maySeePupil(access, pupilAccessFacts(items.pupil))) {
      throw new PupilNotFoundError();
    }
    const { pupil } = items;
    const open = items.intervals.filter(
      (interval) =>
        interval.endedAt === undefined && pupil.monitoredCategoryIds.includes(interval.categoryId),
    );
    const monitoring = visibleMonitoring(access, categoriesById(categories), open);
    await Promise.all([
      this.deps.audit.record(actor, {
        action: 'pupil.read',
        resourceType: 'pupil',
        resourceId: pupilId,
        pupilId,
      }),
      this.deps.recentlyViewed.record(
        actor.schoolId,
        actor.personId,
        summaryOf(pupil),
        (this.deps.now ?? (() => new Date()))(),
      ),
    ]);
    return {
      pupil: {
        ...pupil,
        displayName: displayNameOf(pupil),
        monitoredCategoryIds: monitoring.map((entry) => entry.categoryId),
      },
      contacts: [...items.contacts].sort(
        (a, b) => (a.priority ?? 99) - (b.priority ?? 99) || a.name.localeCompare(b.name, 'en-GB'),
      ),
      // A linked pupil outside the viewer's classes stays hidden, as in every list.
      links: items.links.filter((link) =>
        authorisation.mayListPupil(access, { schoolId: actor.schoolId, classIds: link.other.classIds }),
      ),
      monitoring,
    };
  }
}

/**
 * A pupil's summary (name, classes, archived) is copied into the items that show it elsewhere: the
 * other side of each link and each open MonitoredPupil item. Whoever changes the summary (an edit by
 * hand, the MIS import) puts these in the same transaction, so no list shows a stale name.
 */
import type { MonitoringInterval } from '../monitoring/monitoring';
import { monitoredSummaryRefreshes } from '../monitoring/monitoring-writes';
import { linkItem } from './link-repository';
import { summaryOf, type Pupil, type PupilLink } from './pupil';
import type { TransactWriteItem } from './transact-write-item';

export function summaryCompanions(
  tableName: string,
  next: Pupil,
  previous: Pupil,
  links: readonly PupilLink[],
  intervals: readonly MonitoringInterval[],
): TransactWriteItem[] {
  if (JSON.stringify(summaryOf(next)) === JSON.stringify(summaryOf(previous))) return [];
  return [
    ...links.map((link) => ({
      Put: {
        TableName: tableName,
        Item: linkItem(next.schoolId, {
          ...link,
          pupilId: link.otherPupilId,
          otherPupilId: next.pupilId,
          other: summaryOf(next),
        }),
      },
    })),
    ...monitoredSummaryRefreshes(
      tableName,
      next,
      intervals.filter((interval) => interval.endedAt === undefined),
    ),
  ];
}

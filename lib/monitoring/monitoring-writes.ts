/**
 * The transaction items that start and stop monitoring. They are returned rather than written so a
 * caller can put them in its own transaction: adding an incident starts monitoring in the same
 * TransactWrite as the incident (automatic monitoring, REC-7).
 *
 * The profile's monitoredCategoryIds is changed by an Update conditional on the category being
 * absent (start) or present at the expected position (stop), without a version bump, so it never
 * conflicts with an edit of the pupil's details; if another request started or stopped the same
 * category first, the condition refuses the whole transaction and nothing is written twice.
 */
import { monitoringKeys, pupilKeys } from '../data/keys';
import { summaryOf, type Pupil } from '../pupils/pupil';
import type { TransactWriteItem } from '../pupils/transact-write-item';
import type { MonitoredPupil, MonitoringInterval } from './monitoring';

export interface StartMonitoring {
  readonly tableName: string;
  /** The pupil as just read: its monitoredCategoryIds decide which categories are new. */
  readonly pupil: Pupil;
  readonly categoryIds: readonly string[];
  /** The date monitoring counts from (YYYY-MM-DD). */
  readonly since: string;
  /** Now, as an ISO date-time: the intervals' key. */
  readonly at: string;
  readonly startedBy: string;
  readonly reason: MonitoringInterval['reason'];
  readonly incidentId?: string;
}

export interface MonitoringWrites {
  readonly items: TransactWriteItem[];
  /** The categories these items start (or stop): empty when there is nothing to write. */
  readonly categoryIds: string[];
}

/**
 * Items that start monitoring `pupil` under each of `categoryIds` it is not monitored under yet:
 * per category a MonitoringInterval and a MonitoredPupil, and one Update of the profile.
 * At most 2 × categories + 1 items; none at all when every category is already monitored.
 */
export function startMonitoringWrites(start: StartMonitoring): MonitoringWrites {
  const { pupil, tableName } = start;
  const categoryIds = [...new Set(start.categoryIds)].filter(
    (categoryId) => !pupil.monitoredCategoryIds.includes(categoryId),
  );
  if (categoryIds.length === 0) return { items: [], categoryIds };
  const items: TransactWriteItem[] = [];
  const summary = summaryOf(pupil);
  for (const categoryId of categoryIds) {
    const interval: MonitoringInterval = {
      pupilId: pupil.pupilId,
      categoryId,
      startedAt: start.at,
      since: start.since,
      startedBy: start.startedBy,
      reason: start.reason,
      ...(start.incidentId === undefined ? {} : { incidentId: start.incidentId }),
    };
    const monitored: MonitoredPupil = { ...summary, categoryId, since: start.since, startedAt: start.at };
    items.push(
      {
        Put: {
          TableName: tableName,
          Item: {
            ...monitoringKeys.interval(pupil.schoolId, pupil.pupilId, categoryId, start.at),
            itemType: 'MonitoringInterval',
            ...interval,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      {
        Put: {
          TableName: tableName,
          Item: {
            ...monitoringKeys.monitored(pupil.schoolId, categoryId, pupil.pupilId),
            itemType: 'MonitoredPupil',
            ...monitored,
          },
        },
      },
    );
  }
  const values: Record<string, unknown> = { ':started': categoryIds };
  const absent = categoryIds.map((categoryId, index) => {
    values[`:c${index}`] = categoryId;
    return `NOT contains(monitoredCategoryIds, :c${index})`;
  });
  items.push({
    Update: {
      TableName: tableName,
      Key: pupilKeys.profile(pupil.schoolId, pupil.pupilId),
      UpdateExpression: 'SET monitoredCategoryIds = list_append(monitoredCategoryIds, :started)',
      ConditionExpression: ['attribute_exists(PK)', ...absent].join(' AND '),
      ExpressionAttributeValues: values,
    },
  });
  return { items, categoryIds };
}

export interface StopMonitoring {
  readonly tableName: string;
  readonly pupil: Pupil;
  /** The open interval of each category to stop (from the pupil's MONITOR# items). */
  readonly openIntervals: readonly MonitoringInterval[];
  /** The last date monitored (YYYY-MM-DD). */
  readonly until: string;
  readonly at: string;
  readonly endedBy: string;
}

/**
 * Items that stop monitoring under each open interval given: end the interval (only if still open),
 * delete the MonitoredPupil item, and take the categories out of the profile's monitoredCategoryIds
 * (conditional on each being where it was read). At most 2 × intervals + 1 items.
 */
export function stopMonitoringWrites(stop: StopMonitoring): MonitoringWrites {
  const { pupil, tableName } = stop;
  const intervals = stop.openIntervals.filter((interval) =>
    pupil.monitoredCategoryIds.includes(interval.categoryId),
  );
  if (intervals.length === 0) return { items: [], categoryIds: [] };
  const items: TransactWriteItem[] = [];
  for (const interval of intervals) {
    items.push(
      {
        Update: {
          TableName: tableName,
          Key: monitoringKeys.interval(
            pupil.schoolId,
            pupil.pupilId,
            interval.categoryId,
            interval.startedAt,
          ),
          UpdateExpression: 'SET endedAt = :at, #until = :until, endedBy = :by',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(endedAt)',
          ExpressionAttributeNames: { '#until': 'until' },
          ExpressionAttributeValues: { ':at': stop.at, ':until': stop.until, ':by': stop.endedBy },
        },
      },
      {
        Delete: {
          TableName: tableName,
          Key: monitoringKeys.monitored(pupil.schoolId, interval.categoryId, pupil.pupilId),
        },
      },
    );
  }
  const values: Record<string, unknown> = {};
  const positions = intervals.map((interval, index) => {
    const position = pupil.monitoredCategoryIds.indexOf(interval.categoryId);
    values[`:c${index}`] = interval.categoryId;
    return { position, condition: `monitoredCategoryIds[${position}] = :c${index}` };
  });
  items.push({
    Update: {
      TableName: tableName,
      Key: pupilKeys.profile(pupil.schoolId, pupil.pupilId),
      UpdateExpression: `REMOVE ${positions.map(({ position }) => `monitoredCategoryIds[${position}]`).join(', ')}`,
      ConditionExpression: ['attribute_exists(PK)', ...positions.map(({ condition }) => condition)].join(
        ' AND ',
      ),
      ExpressionAttributeValues: values,
    },
  });
  return { items, categoryIds: intervals.map((interval) => interval.categoryId) };
}

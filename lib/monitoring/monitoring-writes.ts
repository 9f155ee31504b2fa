/**
 * The transaction items that start and stop monitoring. They are returned rather than written so a
 * caller can put them in its own transaction: adding an incident starts monitoring in the same
 * TransactWrite as the incident (automatic monitoring, REC-7).
 *
 * The profile's monitoredCategoryIds changes by an Update without a version bump, so monitoring never
 * conflicts with an edit of the pupil's details. The Update's condition makes a second, concurrent
 * start or stop of the same category refuse the whole transaction, so nothing is written twice.
 */
import { monitoringKeys, pupilKeys } from '../data/keys';
import { summaryOf, type Pupil } from '../pupils/pupil';
import type { TransactWriteItem } from '../pupils/transact-write-item';
import type { MonitoredPupil, MonitoringInterval } from './monitoring';

/** Who starts monitoring, from when, and why. */
export interface MonitoringStart {
  /** The date monitoring counts from (YYYY-MM-DD). */
  readonly since: string;
  /** Now, as an ISO date-time: part of each new interval's key. */
  readonly at: string;
  readonly startedBy: string;
  readonly reason: MonitoringInterval['reason'];
  readonly incidentId?: string;
}

/** Who stops monitoring, and the last date monitored. */
export interface MonitoringStop {
  /** The last date monitored (YYYY-MM-DD). */
  readonly until: string;
  readonly at: string;
  readonly endedBy: string;
}

/** The key of an open interval: its MonitoredPupil item carries it, as does the interval itself. */
export type OpenInterval = Pick<MonitoringInterval, 'categoryId' | 'startedAt'>;

export interface MonitoringWrites {
  readonly items: TransactWriteItem[];
  /** The categories these items start (or stop): empty when there is nothing to write. */
  readonly categoryIds: string[];
}

function startItems(
  tableName: string,
  pupil: Pupil,
  categoryId: string,
  start: MonitoringStart,
): TransactWriteItem[] {
  const interval: MonitoringInterval = {
    pupilId: pupil.pupilId,
    categoryId,
    startedAt: start.at,
    since: start.since,
    startedBy: start.startedBy,
    reason: start.reason,
    ...(start.incidentId === undefined ? {} : { incidentId: start.incidentId }),
  };
  return [
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
    monitoredPut(tableName, pupil, { categoryId, startedAt: start.at, since: start.since }),
  ];
}

function monitoredPut(
  tableName: string,
  pupil: Pupil,
  open: Pick<MonitoredPupil, 'categoryId' | 'startedAt' | 'since'>,
): TransactWriteItem {
  const monitored: MonitoredPupil = { ...summaryOf(pupil), ...open };
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...monitoringKeys.monitored(pupil.schoolId, open.categoryId, pupil.pupilId),
        itemType: 'MonitoredPupil',
        ...monitored,
      },
    },
  };
}

function stopItems(
  tableName: string,
  pupil: Pupil,
  open: OpenInterval,
  stop: MonitoringStop,
): TransactWriteItem[] {
  return [
    {
      Update: {
        TableName: tableName,
        Key: monitoringKeys.interval(pupil.schoolId, pupil.pupilId, open.categoryId, open.startedAt),
        UpdateExpression: 'SET endedAt = :at, #until = :until, endedBy = :by',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(endedAt)',
        ExpressionAttributeNames: { '#until': 'until' },
        ExpressionAttributeValues: { ':at': stop.at, ':until': stop.until, ':by': stop.endedBy },
      },
    },
    {
      Delete: {
        TableName: tableName,
        Key: monitoringKeys.monitored(pupil.schoolId, open.categoryId, pupil.pupilId),
      },
    },
  ];
}

export interface StartMonitoring extends MonitoringStart {
  readonly tableName: string;
  /** The pupil as just read: its monitoredCategoryIds decide which categories are new. */
  readonly pupil: Pupil;
  readonly categoryIds: readonly string[];
}

/**
 * Items that start monitoring `pupil` under each of `categoryIds` it is not monitored under yet, for
 * a caller's own transaction (adding an incident): per category a MonitoringInterval and a
 * MonitoredPupil, and one Update appending to the profile's monitoredCategoryIds, conditional on each
 * category still being absent. At most 2 × categories + 1 items; none when all are monitored already.
 */
export function startMonitoringWrites(start: StartMonitoring): MonitoringWrites {
  const { tableName, pupil } = start;
  const starting = [...new Set(start.categoryIds)].filter((id) => !pupil.monitoredCategoryIds.includes(id));
  if (starting.length === 0) return { items: [], categoryIds: [] };
  const values: Record<string, unknown> = { ':started': starting };
  const absent = starting.map((categoryId, index) => {
    values[`:c${index}`] = categoryId;
    return `NOT contains(monitoredCategoryIds, :c${index})`;
  });
  return {
    items: [
      ...starting.flatMap((categoryId) => startItems(tableName, pupil, categoryId, start)),
      {
        Update: {
          TableName: tableName,
          Key: pupilKeys.profile(pupil.schoolId, pupil.pupilId),
          UpdateExpression: 'SET monitoredCategoryIds = list_append(monitoredCategoryIds, :started)',
          ConditionExpression: ['attribute_exists(PK)', ...absent].join(' AND '),
          ExpressionAttributeValues: values,
        },
      },
    ],
    categoryIds: starting,
  };
}

export interface MonitoringChange {
  readonly start?: { readonly categoryIds: readonly string[] } & MonitoringStart;
  readonly stop?: { readonly openIntervals: readonly OpenInterval[] } & MonitoringStop;
}

/**
 * Items that start some categories and stop others in one transaction (monitoring by hand, in bulk):
 * categories already monitored are not started again, and only open intervals of categories the
 * profile lists are stopped. The profile's list is replaced, conditional on it being as read.
 */
export function changeMonitoringWrites(
  tableName: string,
  pupil: Pupil,
  change: MonitoringChange,
): MonitoringWrites {
  const current = pupil.monitoredCategoryIds;
  const starting = [...new Set(change.start?.categoryIds ?? [])].filter((id) => !current.includes(id));
  const stopping = (change.stop?.openIntervals ?? []).filter(
    (open, index, all) =>
      current.includes(open.categoryId) &&
      all.findIndex((other) => other.categoryId === open.categoryId) === index,
  );
  if (starting.length === 0 && stopping.length === 0) return { items: [], categoryIds: [] };
  const stopped = new Set(stopping.map((open) => open.categoryId));
  const next = [...current.filter((id) => !stopped.has(id)), ...starting];
  const items: TransactWriteItem[] = [];
  if (change.start)
    for (const categoryId of starting) items.push(...startItems(tableName, pupil, categoryId, change.start));
  if (change.stop) for (const open of stopping) items.push(...stopItems(tableName, pupil, open, change.stop));
  items.push({
    Update: {
      TableName: tableName,
      Key: pupilKeys.profile(pupil.schoolId, pupil.pupilId),
      UpdateExpression: 'SET monitoredCategoryIds = :next',
      ConditionExpression: 'attribute_exists(PK) AND monitoredCategoryIds = :previous',
      ExpressionAttributeValues: { ':next': next, ':previous': current },
    },
  });
  return { items, categoryIds: [...starting, ...stopped] };
}

/**
 * Puts that refresh the pupil summary copied into each open MonitoredPupil item, for the transaction
 * that changes the pupil's name or classes (so monitored lists show the new name at once).
 */
export function monitoredSummaryRefreshes(
  tableName: string,
  pupil: Pupil,
  openIntervals: readonly Pick<MonitoringInterval, 'categoryId' | 'startedAt' | 'since'>[],
): TransactWriteItem[] {
  return openIntervals
    .filter((open) => pupil.monitoredCategoryIds.includes(open.categoryId))
    .map((open) => monitoredPut(tableName, pupil, open));
}

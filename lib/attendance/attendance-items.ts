/**
 * The stored attendance items of one pupil, built from what the MIS sent (pure: the MIS import and the
 * demo seed write what this returns). One AttendanceMonth per calendar month with at least one mark,
 * and one AttendanceRecord when there is anything to summarise; a pupil with neither marks nor a
 * reported summary has no attendance items at all.
 *
 * Deterministic: the same input gives the same items, day keys in date order, except `updatedAt`. To
 * write only what changed, compare `attendanceItemComparable(stored)` with
 * `attendanceItemComparable(built)`, which leaves out `updatedAt` and ignores key order (DynamoDB does
 * not keep a map's order).
 */
import { attendanceKeys } from '../data/keys';
import type { AttendanceDay, MisPupil } from '../mis/mis-extract';
import type { StoredItem } from '../pupils/pupil-items';
import {
  AttendanceMonthSchema,
  AttendanceRecordSchema,
  type AttendanceMonth,
  type AttendanceRecord,
  type SessionMarks,
} from './attendance';
import { figuresOf, markedFigures } from './attendance-arithmetic';

export const ATTENDANCE_MONTH_ITEM_TYPE = 'AttendanceMonth';
export const ATTENDANCE_RECORD_ITEM_TYPE = 'AttendanceRecord';

/** Fields that change on every build and say nothing about attendance: left out of comparisons. */
export const ATTENDANCE_VOLATILE_FIELDS = ['updatedAt'] as const;

/** The marks of one day, without empty sessions; undefined when neither session has a mark. */
function marksOf(day: AttendanceDay): SessionMarks | undefined {
  if (day.am === undefined && day.pm === undefined) return undefined;
  return { ...(day.am === undefined ? {} : { am: day.am }), ...(day.pm === undefined ? {} : { pm: day.pm }) };
}

/**
 * Days by month, each month's days in date order. A date given twice keeps its last row's marks (an
 * extract is validated row by row, so a repeated date is the MIS correcting itself).
 */
function monthsOf(days: readonly AttendanceDay[]): Map<string, Map<string, SessionMarks>> {
  const byDate = new Map<string, SessionMarks | undefined>();
  for (const day of days) byDate.set(day.date, marksOf(day));
  const months = new Map<string, Map<string, SessionMarks>>();
  for (const date of [...byDate.keys()].sort()) {
    const marks = byDate.get(date);
    if (!marks) continue;
    const month = date.slice(0, 7);
    const dates = months.get(month) ?? new Map<string, SessionMarks>();
    dates.set(date, marks);
    months.set(month, dates);
  }
  return months;
}

export function attendanceItemsOf(
  schoolId: string,
  pupilId: string,
  pupil: Pick<MisPupil, 'attendance' | 'attendanceSummary'>,
  at: string,
): StoredItem[] {
  const months = monthsOf(pupil.attendance);
  const items: StoredItem[] = [];
  for (const [month, dates] of [...months].sort(([a], [b]) => a.localeCompare(b))) {
    const stored: AttendanceMonth = AttendanceMonthSchema.parse({
      schoolId,
      pupilId,
      month,
      days: Object.fromEntries(dates),
      updatedAt: at,
    });
    items.push({
      ...attendanceKeys.month(schoolId, pupilId, month),
      itemType: ATTENDANCE_MONTH_ITEM_TYPE,
      ...stored,
    });
  }
  const marked = markedFigures(
    [...months.values()].flatMap((dates) => [...dates].map(([date, marks]) => ({ date, ...marks }))),
  );
  const summary = pupil.attendanceSummary;
  if (marked === undefined && summary === undefined) return items;
  const record: AttendanceRecord = AttendanceRecordSchema.parse({
    schoolId,
    pupilId,
    ...(marked === undefined ? {} : { marked }),
    ...(summary === undefined ? {} : { reported: figuresOf(summary) }),
    updatedAt: at,
  });
  items.push({
    ...attendanceKeys.summary(schoolId, pupilId),
    itemType: ATTENDANCE_RECORD_ITEM_TYPE,
    ...record,
  });
  return items;
}

/** Key order, recursively: two maps with the same entries read the same. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, entry]) => entry !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, entry]) => [key, canonical(entry)]),
    );
  }
  return value;
}

/**
 * A string equal for two attendance items exactly when they hold the same attendance: keys, item type
 * and content, without `updatedAt`. Works on items as built and as read back from DynamoDB.
 */
export function attendanceItemComparable(item: Record<string, unknown>): string {
  const rest: Record<string, unknown> = { ...item };
  for (const field of ATTENDANCE_VOLATILE_FIELDS) delete rest[field];
  return JSON.stringify(canonical(rest));
}

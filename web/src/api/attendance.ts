/**
 * A pupil's attendance against GET /api/pupils/{pupilId}/attendance (lib/attendance/attendance-api.ts):
 * DfE figures from the stored marks, the MIS's own summary, and the newest months of AM/PM marks.
 */
import { getParsed, type ApiResult } from './api-result';
import { listOf, optionalString, wholeNumber } from './json-readers';
import { isNonEmptyString, isRecord } from './json-shapes';

export interface AttendanceFigures {
  from: string;
  to: string;
  sessionsPossible: number;
  sessionsAttended: number;
  sessionsAuthorisedAbsence: number;
  sessionsUnauthorisedAbsence: number;
  /** Of possible sessions, to one decimal place; absent when none were possible. */
  attendancePercent?: number;
  persistentAbsence: boolean;
}

export interface MarkedAttendanceFigures extends AttendanceFigures {
  sessionsPresent: number;
  sessionsApprovedActivity: number;
  sessionsLateBeforeRegisterClosed: number;
  sessionsLateAfterRegisterClosed: number;
  sessionsNotCounted: number;
}

export interface SessionMarks {
  am?: string;
  pm?: string;
}

export interface AttendanceMonth {
  /** YYYY-MM. */
  month: string;
  /** By date, YYYY-MM-DD. */
  days: Record<string, SessionMarks>;
}

export interface PupilAttendance {
  pupilId: string;
  marked?: MarkedAttendanceFigures;
  reported?: AttendanceFigures;
  updatedAt?: string;
  /** Newest first. */
  months: AttendanceMonth[];
}

const COUNTS = [
  'sessionsPossible',
  'sessionsAttended',
  'sessionsAuthorisedAbsence',
  'sessionsUnauthorisedAbsence',
] as const;
const MARKED_COUNTS = [
  'sessionsPresent',
  'sessionsApprovedActivity',
  'sessionsLateBeforeRegisterClosed',
  'sessionsLateAfterRegisterClosed',
  'sessionsNotCounted',
] as const;

function countsOf<K extends string>(
  value: Record<string, unknown>,
  keys: readonly K[],
): Record<K, number> | undefined {
  const counts = {} as Record<K, number>;
  for (const key of keys) {
    const count = wholeNumber(value[key]);
    if (count === undefined) return undefined;
    counts[key] = count;
  }
  return counts;
}

function parseFigures(value: unknown): AttendanceFigures | undefined {
  if (!isRecord(value)) return undefined;
  const { from, to, persistentAbsence, attendancePercent } = value;
  const counts = countsOf(value, COUNTS);
  if (!isNonEmptyString(from) || !isNonEmptyString(to) || typeof persistentAbsence !== 'boolean')
    return undefined;
  if (!counts) return undefined;
  if (attendancePercent !== undefined && typeof attendancePercent !== 'number') return undefined;
  return {
    from,
    to,
    ...counts,
    ...(attendancePercent === undefined ? {} : { attendancePercent }),
    persistentAbsence,
  };
}

function parseMarkedFigures(value: unknown): MarkedAttendanceFigures | undefined {
  const figures = parseFigures(value);
  const counts = isRecord(value) ? countsOf(value, MARKED_COUNTS) : undefined;
  return figures && counts ? { ...figures, ...counts } : undefined;
}

function parseMarks(value: unknown): SessionMarks | undefined {
  if (!isRecord(value)) return undefined;
  const am = optionalString(value.am);
  const pm = optionalString(value.pm);
  if ((value.am !== undefined && am === undefined) || (value.pm !== undefined && pm === undefined))
    return undefined;
  return { ...(am === undefined ? {} : { am }), ...(pm === undefined ? {} : { pm }) };
}

function parseMonth(value: unknown): AttendanceMonth | undefined {
  if (!isRecord(value) || !isNonEmptyString(value.month) || !isRecord(value.days)) return undefined;
  const days: Record<string, SessionMarks> = {};
  for (const [date, marks] of Object.entries(value.days)) {
    const parsed = parseMarks(marks);
    if (!parsed) return undefined;
    days[date] = parsed;
  }
  return { month: value.month, days };
}

/** One part of the answer that may be absent; false when it is there but unreadable. */
function optional<T>(value: unknown, parse: (value: unknown) => T | undefined): T | undefined | false {
  if (value === undefined) return undefined;
  return parse(value) ?? false;
}

export function parseAttendance(body: unknown): PupilAttendance | undefined {
  if (!isRecord(body) || !isNonEmptyString(body.pupilId)) return undefined;
  const months = listOf(body.months, parseMonth);
  const marked = optional(body.marked, parseMarkedFigures);
  const reported = optional(body.reported, parseFigures);
  const updatedAt = optionalString(body.updatedAt);
  if (!months || marked === false || reported === false) return undefined;
  return {
    pupilId: body.pupilId,
    ...(marked ? { marked } : {}),
    ...(reported ? { reported } : {}),
    ...(updatedAt ? { updatedAt } : {}),
    months,
  };
}

export function getPupilAttendance(
  pupilId: string,
  months: number,
  signal?: AbortSignal,
): Promise<ApiResult<PupilAttendance>> {
  return getParsed(
    `/api/pupils/${encodeURIComponent(pupilId)}/attendance?months=${months}`,
    parseAttendance,
    'attendance',
    signal,
  );
}

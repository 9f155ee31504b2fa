/**
 * DfE attendance statistics from session marks (2024 codes, see ../shared/docs/uk-standards.md):
 * every code falls in exactly one of present, approved educational activity, authorised absence,
 * unauthorised absence or "not counted", so possible = attended + authorised + unauthorised.
 * Pure; the item builder and the demo use it, and nothing recounts marks on a read.
 */
import type { AttendanceCode } from '../mis/mis-extract';
import type { AttendanceFigures, MarkedAttendanceFigures, SessionMarks } from './attendance';

export type AttendanceCodeKind = 'present' | 'approved' | 'authorised' | 'unauthorised' | 'notCounted';

/** Every DfE code's kind; a Record over the code type, so a code added to the scheme fails to compile here. */
export const ATTENDANCE_CODE_KINDS: Readonly<Record<AttendanceCode, AttendanceCodeKind>> = {
  '/': 'present',
  '\\': 'present',
  L: 'present',
  K: 'approved',
  V: 'approved',
  P: 'approved',
  W: 'approved',
  B: 'approved',
  D: 'approved',
  C: 'authorised',
  C1: 'authorised',
  C2: 'authorised',
  M: 'authorised',
  J1: 'authorised',
  S: 'authorised',
  T: 'authorised',
  R: 'authorised',
  I: 'authorised',
  E: 'authorised',
  G: 'unauthorised',
  N: 'unauthorised',
  O: 'unauthorised',
  U: 'unauthorised',
  Q: 'notCounted',
  Y1: 'notCounted',
  Y2: 'notCounted',
  Y3: 'notCounted',
  Y4: 'notCounted',
  Y5: 'notCounted',
  Y6: 'notCounted',
  Y7: 'notCounted',
  X: 'notCounted',
  Z: 'notCounted',
  '#': 'notCounted',
};

/** DfE: a pupil missing 10 % or more of their possible sessions is persistently absent. */
const PERSISTENT_ABSENCE_SHARE = 0.1;

/** Attended sessions as a percentage of possible ones, to one decimal place; undefined when none were possible. */
export function attendancePercent(attended: number, possible: number): number | undefined {
  if (possible === 0) return undefined;
  return Math.round((attended * 1000) / possible) / 10;
}

/**
 * Persistent absence, judged on whole sessions rather than the rounded percentage (so 89.96 % is not
 * rounded up out of it): absent sessions × 10 ≥ possible sessions.
 */
export function isPersistentAbsence(absent: number, possible: number): boolean {
  return possible > 0 && absent >= possible * PERSISTENT_ABSENCE_SHARE;
}

/** The percentage and persistent-absence flag for four counts over a period (an MIS summary, say). */
export function figuresOf(
  counts: Omit<AttendanceFigures, 'attendancePercent' | 'persistentAbsence'>,
): AttendanceFigures {
  const percent = attendancePercent(counts.sessionsAttended, counts.sessionsPossible);
  return {
    ...counts,
    ...(percent === undefined ? {} : { attendancePercent: percent }),
    persistentAbsence: isPersistentAbsence(
      counts.sessionsAuthorisedAbsence + counts.sessionsUnauthorisedAbsence,
      counts.sessionsPossible,
    ),
  };
}

/** One day's marks, as the arithmetic reads them. */
export interface MarkedDay extends SessionMarks {
  readonly date: string;
}

/** The figures for a set of days; undefined when no session in them has a mark. */
export function markedFigures(days: Iterable<MarkedDay>): MarkedAttendanceFigures | undefined {
  const count: Record<AttendanceCodeKind, number> = {
    present: 0,
    approved: 0,
    authorised: 0,
    unauthorised: 0,
    notCounted: 0,
  };
  let late = 0;
  let lateAfterClose = 0;
  let from: string | undefined;
  let to: string | undefined;
  for (const day of days) {
    for (const code of [day.am, day.pm]) {
      if (code === undefined) continue;
      count[ATTENDANCE_CODE_KINDS[code]] += 1;
      if (code === 'L') late += 1;
      if (code === 'U') lateAfterClose += 1;
      if (from === undefined || day.date < from) from = day.date;
      if (to === undefined || day.date > to) to = day.date;
    }
  }
  if (from === undefined || to === undefined) return undefined;
  const attended = count.present + count.approved;
  return {
    ...figuresOf({
      from,
      to,
      sessionsPossible: attended + count.authorised + count.unauthorised,
      sessionsAttended: attended,
      sessionsAuthorisedAbsence: count.authorised,
      sessionsUnauthorisedAbsence: count.unauthorised,
    }),
    sessionsPresent: count.present,
    sessionsApprovedActivity: count.approved,
    sessionsLateBeforeRegisterClosed: late,
    sessionsLateAfterRegisterClosed: lateAfterClose,
    sessionsNotCounted: count.notCounted,
  };
}

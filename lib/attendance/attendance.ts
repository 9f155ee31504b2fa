/**
 * A pupil's attendance as Lantern stores it (MIS-2 "attendance summaries and daily marks"): one
 * AttendanceMonth item per pupil per calendar month holding that month's session marks, and one
 * AttendanceRecord item per pupil holding the figures computed from every stored mark and, beside
 * them, the summary the MIS reported (which may cover a different period, e.g. the whole year).
 *
 * Marks are kept as the MIS sent them, DfE codes and all; the figures are derived by
 * attendance-arithmetic.ts, so a screen never recounts marks.
 */
import { z } from 'zod';
import { AttendanceCodeSchema } from '../mis/mis-extract';

const IsoDate = z.iso.date('must be a date written YYYY-MM-DD');
const Sessions = z.number().int().min(0);

/** A calendar month, `YYYY-MM`. */
export const AttendanceMonthIdSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM');

/** One day's two session marks; a session with no mark taken has no key. */
export const SessionMarksSchema = z
  .object({ am: AttendanceCodeSchema.optional(), pm: AttendanceCodeSchema.optional() })
  .strict()
  .meta({ id: 'AttendanceSessionMarks' });
export type SessionMarks = z.output<typeof SessionMarksSchema>;

/**
 * One month of marks. `days` maps each marked date of the month (`YYYY-MM-DD`) to its AM/PM marks: a
 * DynamoDB map of about 20 small maps, well inside an item's 400 KB, and read whole with the month.
 */
export const AttendanceMonthSchema = z
  .object({
    schoolId: z.string(),
    pupilId: z.string(),
    month: AttendanceMonthIdSchema,
    days: z.record(IsoDate, SessionMarksSchema),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .strip();
export type AttendanceMonth = z.output<typeof AttendanceMonthSchema>;

/**
 * DfE session figures over a period. Possible sessions are attended + authorised + unauthorised
 * (the "not counted" codes are in none of them). The percentage is of possible sessions, to one
 * decimal place, and absent when nothing was possible.
 */
export const AttendanceFiguresSchema = z
  .object({
    from: IsoDate,
    to: IsoDate,
    sessionsPossible: Sessions,
    sessionsAttended: Sessions,
    sessionsAuthorisedAbsence: Sessions,
    sessionsUnauthorisedAbsence: Sessions,
    attendancePercent: z.number().min(0).max(100).optional(),
    /** DfE persistent absence: 10 % or more of possible sessions missed (attendance 90 % or less). */
    persistentAbsence: z.boolean(),
  })
  .strip()
  .meta({ id: 'AttendanceFigures' });
export type AttendanceFigures = z.output<typeof AttendanceFiguresSchema>;

/** The figures counted from daily marks, with the breakdown the attendance tab shows. */
export const MarkedAttendanceFiguresSchema = AttendanceFiguresSchema.extend({
  /** Present in school: `/` `\` `L`. */
  sessionsPresent: Sessions,
  /** Approved educational activity (K V P W B D): attended, away from school. */
  sessionsApprovedActivity: Sessions,
  /** Late before the register closed (`L`): present. */
  sessionsLateBeforeRegisterClosed: Sessions,
  /** Late after the register closed (`U`): an unauthorised absence. */
  sessionsLateAfterRegisterClosed: Sessions,
  /** Marked with a code that does not count (Q Y1–Y7 X Z #). */
  sessionsNotCounted: Sessions,
})
  .strip()
  .meta({ id: 'MarkedAttendanceFigures' });
export type MarkedAttendanceFigures = z.output<typeof MarkedAttendanceFiguresSchema>;

/**
 * A pupil's attendance summary item. `marked` is absent when no marks are stored, `reported` when the
 * MIS sent no summary; an item always has at least one of them.
 */
export const AttendanceRecordSchema = z
  .object({
    schoolId: z.string(),
    pupilId: z.string(),
    marked: MarkedAttendanceFiguresSchema.optional(),
    reported: AttendanceFiguresSchema.optional(),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .strip();
export type AttendanceRecord = z.output<typeof AttendanceRecordSchema>;

export const ATTENDANCE_MONTHS_DEFAULT = 3;
export const ATTENDANCE_MONTHS_MAX = 12;

export const AttendanceQuerySchema = z.object({
  /** How many of the most recent months with marks to return. */
  months: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(ATTENDANCE_MONTHS_MAX, `must be at most ${ATTENDANCE_MONTHS_MAX}`)
    .default(ATTENDANCE_MONTHS_DEFAULT),
});

export const AttendanceMonthViewSchema = z
  .object({ month: AttendanceMonthIdSchema, days: z.record(IsoDate, SessionMarksSchema) })
  .meta({ id: 'AttendanceMonth' });
export type AttendanceMonthView = z.output<typeof AttendanceMonthViewSchema>;

/** What the attendance tab shows: the summary and the newest months of marks, newest first. */
export const PupilAttendanceSchema = z
  .object({
    pupilId: z.string().uuid(),
    marked: MarkedAttendanceFiguresSchema.optional(),
    reported: AttendanceFiguresSchema.optional(),
    /** When the stored attendance last changed (the last import that changed it). */
    updatedAt: z.iso.datetime({ offset: true }).optional(),
    months: z.array(AttendanceMonthViewSchema),
  })
  .meta({ id: 'PupilAttendance' });
export type PupilAttendance = z.output<typeof PupilAttendanceSchema>;

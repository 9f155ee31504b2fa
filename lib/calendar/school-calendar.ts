/**
 * A school's calendar (Admin > Calendar, BYD-1): which nation's bank holidays apply, its term dates and
 * its closures (INSET days, one-off holidays). The school-day rules (school-days.ts) count from it.
 * Dates are calendar dates in the school's time zone (School.timeZone), as YYYY-MM-DD.
 */
import { z } from 'zod';
import { StaffRefSchema } from '../incidents/incident';
import { BANK_HOLIDAY_NATIONS } from './bank-holidays';

export const MAX_TERMS = 30;
export const MAX_CLOSURES = 200;

export const BankHolidayNationSchema = z.enum(BANK_HOLIDAY_NATIONS).meta({ id: 'BankHolidayNation' });

export const SchoolTermSchema = z
  .object({
    name: z.string().trim().min(1).max(60),
    startsOn: z.iso.date(),
    /** The last day of the term (inclusive). */
    endsOn: z.iso.date(),
  })
  .strict()
  .meta({ id: 'SchoolTerm' });
export type SchoolTerm = z.output<typeof SchoolTermSchema>;

export const SchoolClosureSchema = z
  .object({
    startsOn: z.iso.date(),
    /** The last day of the closure (inclusive); the same as startsOn for one day. */
    endsOn: z.iso.date(),
    /** Why the school is closed, e.g. "INSET day" or a one-off royal bank holiday. */
    reason: z.string().trim().min(1).max(120),
  })
  .strict()
  .meta({ id: 'SchoolClosure' });
export type SchoolClosure = z.output<typeof SchoolClosureSchema>;

const calendarFields = {
  bankHolidays: BankHolidayNationSchema.default('england-and-wales'),
  terms: z.array(SchoolTermSchema).max(MAX_TERMS).default([]),
  closures: z.array(SchoolClosureSchema).max(MAX_CLOSURES).default([]),
};

interface DateRange {
  readonly startsOn: string;
  readonly endsOn: string;
}

interface CalendarLists {
  readonly terms: readonly (DateRange & { readonly name: string })[];
  readonly closures: readonly DateRange[];
}

/**
 * Each range starts on or before it ends, and no two terms share a day (a day in two terms would make
 * "which term is this" ambiguous for the new-term rule). Issues name the field, e.g. terms.2.startsOn.
 * ISO dates compare correctly as strings.
 */
function checkRanges(calendar: CalendarLists, context: z.core.$RefinementCtx<CalendarLists>): void {
  const backwards = (list: 'terms' | 'closures', ranges: readonly DateRange[]) =>
    ranges.forEach((range, index) => {
      if (range.endsOn < range.startsOn) {
        context.addIssue({
          code: 'custom',
          path: [list, index, 'endsOn'],
          message: 'must be on or after the start date',
        });
      }
    });
  backwards('terms', calendar.terms);
  backwards('closures', calendar.closures);
  calendar.terms.forEach((term, index) => {
    const earlier = calendar.terms
      .slice(0, index)
      .find((other) => term.startsOn <= other.endsOn && other.startsOn <= term.endsOn);
    if (earlier) {
      context.addIssue({
        code: 'custom',
        path: ['terms', index, 'startsOn'],
        message: `overlaps the term "${earlier.name}" (${earlier.startsOn} to ${earlier.endsOn}): terms must not share a day`,
      });
    }
  });
}

/** What an admin sends (PUT /api/admin/calendar adds the version read). */
export const SchoolCalendarInputSchema = z
  .object(calendarFields)
  .strict()
  .superRefine(checkRanges)
  .meta({ id: 'SchoolCalendarInput' });
export type SchoolCalendarInput = z.output<typeof SchoolCalendarInputSchema>;

/** The PUT body: the calendar and the version it was read at (0 if never saved), for optimistic locking. */
export const SchoolCalendarUpdateSchema = z
  .object({ ...calendarFields, version: z.number().int().min(0) })
  .strict()
  .superRefine(checkRanges)
  .meta({ id: 'SchoolCalendarUpdate' });
export type SchoolCalendarUpdate = z.output<typeof SchoolCalendarUpdateSchema>;

export const SchoolCalendarSchema = z
  .object({
    ...calendarFields,
    /** 0 until an admin first saves the calendar. */
    version: z.number().int().min(0),
    updatedAt: z.iso.datetime().optional(),
    updatedBy: StaffRefSchema.optional(),
  })
  // Stored items carry their keys and item type too.
  .strip()
  .superRefine(checkRanges)
  .meta({ id: 'SchoolCalendar' });
export type SchoolCalendar = z.output<typeof SchoolCalendarSchema>;

/** What the school-day rules need of a calendar. */
export type CalendarRules = Pick<SchoolCalendar, 'bankHolidays' | 'terms' | 'closures'>;

/** A school that has never saved a calendar: England and Wales bank holidays, no terms, no closures. */
export function defaultSchoolCalendar(): SchoolCalendar {
  return { bankHolidays: 'england-and-wales', terms: [], closures: [], version: 0 };
}

/** Terms and closures in date order, as they are stored and shown. */
export function sortedCalendarLists<T extends CalendarLists>(calendar: T): T {
  const byDate = (a: DateRange, b: DateRange) =>
    a.startsOn.localeCompare(b.startsOn) || a.endsOn.localeCompare(b.endsOn);
  return {
    ...calendar,
    terms: [...calendar.terms].sort(byDate),
    closures: [...calendar.closures].sort(byDate),
  };
}

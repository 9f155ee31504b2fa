/**
 * School-day arithmetic for the KCSIE transfer clock (BYD-1): the previous school sends a child's
 * child-protection file within 5 school days of the request, or within the first 5 school days of the
 * next term when the request comes in a holiday. Pure functions over a school's calendar.
 */
import type { TransferClock } from '../transfers/transfer';
import { isTimeZone, wallClock, wallToInstant } from '../platform/zoned-time';
import { isBankHolidayDay } from './bank-holidays';
import { dayNumber, isoDate, isWeekend, yearOf } from './calendar-dates';
import type { CalendarRules } from './school-calendar';

/** How far a search for school days goes before it gives up (a little over two years). */
export const MAX_SCAN_DAYS = 800;

/** The number of school days KCSIE allows; reminders go on the morning of day 4, escalation on day 6. */
export const KCSIE_SCHOOL_DAYS = 5;
const REMIND_ON_DAY = 4;
const LOCAL_HOUR = 8;

export class SchoolDaysNotFoundError extends Error {
  constructor(after: string, count: number) {
    super(
      `Fewer than ${count} school days in the ${MAX_SCAN_DAYS} days after ${after}: check the school calendar's terms and closures.`,
    );
    this.name = 'SchoolDaysNotFoundError';
  }
}

type Range = { readonly startsOn: string; readonly endsOn: string };

function within(day: number, range: Range): boolean {
  return dayNumber(range.startsOn) <= day && day <= dayNumber(range.endsOn);
}

/** Open on this day if it had a term: a weekday that is neither a bank holiday nor a closure. */
function isOpenWeekday(day: number, calendar: CalendarRules): boolean {
  return (
    !isWeekend(day) &&
    !isBankHolidayDay(day, yearOf(day), calendar.bankHolidays) &&
    !calendar.closures.some((closure) => within(day, closure))
  );
}

function isSchoolDayNumber(day: number, calendar: CalendarRules): boolean {
  if (!isOpenWeekday(day, calendar)) return false;
  // A school that has not entered its terms still gets a sensible clock: every open weekday counts.
  return calendar.terms.length === 0 || calendar.terms.some((term) => within(day, term));
}

/**
 * A weekday, not a bank holiday of the calendar's nation, not in a closure, and inside a term; when the
 * calendar has no terms at all, every weekday that is not a bank holiday or closure.
 */
export function isSchoolDay(date: string, calendar: CalendarRules): boolean {
  return isSchoolDayNumber(dayNumber(date), calendar);
}

function collect(afterDay: number, count: number, counts: (day: number) => boolean): string[] | undefined {
  const found: string[] = [];
  for (let day = afterDay + 1; day <= afterDay + MAX_SCAN_DAYS && found.length < count; day += 1) {
    if (counts(day)) found.push(isoDate(day));
  }
  return found.length === count ? found : undefined;
}

/** The `count` school days strictly after `afterDate` (YYYY-MM-DD), in order. */
export function nextSchoolDays(afterDate: string, count: number, calendar: CalendarRules): string[] {
  const days = collect(dayNumber(afterDate), count, (day) => isSchoolDayNumber(day, calendar));
  if (!days) throw new SchoolDaysNotFoundError(afterDate, count);
  return days;
}

/**
 * The clock's own counting: school days, and beyond the last term entered (next year's terms not in
 * yet) every open weekday, so a request near the end of the known terms still gets a due date.
 */
function clockCounts(calendar: CalendarRules): (day: number) => boolean {
  const lastTermEnds = Math.max(...calendar.terms.map((term) => dayNumber(term.endsOn)));
  return (day) => isSchoolDayNumber(day, calendar) || (day > lastTermEnds && isOpenWeekday(day, calendar));
}

/** The local date (YYYY-MM-DD) of an instant in a time zone. */
function localDate(instant: number, timeZone: string): string {
  const wall = wallClock(timeZone, instant);
  return `${String(wall.year).padStart(4, '0')}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
}

/** 08:00 on a local date in the zone, as a UTC ISO instant. */
function morningOf(date: string, timeZone: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const instant = wallToInstant(timeZone, { year, month, day, hour: LOCAL_HOUR, minute: 0, second: 0 }, true);
  // shiftGap makes every wall time resolve; undefined would mean the zone itself is broken.
  if (instant === undefined) throw new Error(`No instant for ${date} 08:00 in ${timeZone}`);
  return new Date(instant).toISOString();
}

/**
 * The KCSIE clock for a transfer requested at `requestedAt` (an ISO instant), counted in the previous
 * school's calendar and time zone. The request's local date is day 0. Inside a term (or with no terms
 * entered, or after the last term entered): days 1–5 are the next five school days. In a holiday before
 * a term (between terms, or before the first): newTerm, and days 1–5 are that term's first five school
 * days. The reminder is at 08:00 local on day 4; the escalation at 08:00 local on the school day after
 * day 5.
 */
export function kcsieClock(
  requestedAt: string,
  calendar: CalendarRules,
  timeZone: string,
): Pick<TransferClock, 'requestedAt' | 'newTerm' | 'dayOne' | 'dueBy' | 'remindAt' | 'escalateAt'> {
  const instant = Date.parse(requestedAt);
  if (Number.isNaN(instant)) throw new RangeError(`Not an ISO instant: ${requestedAt}`);
  if (!isTimeZone(timeZone)) throw new RangeError(`Not a time zone: ${timeZone}`);
  const dayZero = localDate(instant, timeZone);
  const today = dayNumber(dayZero);

  const inTerm = calendar.terms.some((term) => within(today, term));
  const nextTerm = calendar.terms
    .filter((term) => dayNumber(term.startsOn) > today)
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn))[0];
  const newTerm = calendar.terms.length > 0 && !inTerm && nextTerm !== undefined;
  // In a holiday the count starts from the day before the next term, so day 1 is its first school day.
  const countFrom = newTerm ? dayNumber(nextTerm.startsOn) - 1 : today;

  const days = collect(countFrom, KCSIE_SCHOOL_DAYS + 1, clockCounts(calendar));
  if (!days) throw new SchoolDaysNotFoundError(isoDate(countFrom), KCSIE_SCHOOL_DAYS + 1);
  const day = (n: number): string => days[n - 1] as string;
  return {
    requestedAt: new Date(instant).toISOString(),
    newTerm,
    dayOne: day(1),
    dueBy: day(KCSIE_SCHOOL_DAYS),
    remindAt: morningOf(day(REMIND_ON_DAY), timeZone),
    escalateAt: morningOf(day(KCSIE_SCHOOL_DAYS + 1), timeZone),
  };
}

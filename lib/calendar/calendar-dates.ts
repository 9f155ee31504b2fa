/**
 * Calendar dates (YYYY-MM-DD) as whole day numbers, so the school-day rules step through days without
 * time zones or DST getting in the way: a date here is a date on the school's wall calendar.
 */
const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a valid YYYY-MM-DD; RangeError for anything else (e.g. 2026-02-30). */
export function dayNumber(date: string): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const days = Date.UTC(year, month - 1, day) / DAY_MS;
  if (isoDate(days) !== date) throw new RangeError(`Not a calendar date: ${date}`);
  return days;
}

export function isoDate(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

export function dateOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** 0 Sunday … 6 Saturday, as Date#getUTCDay. */
export function weekday(days: number): number {
  return new Date(days * DAY_MS).getUTCDay();
}

export function isWeekend(days: number): boolean {
  const day = weekday(days);
  return day === 0 || day === 6;
}

export function yearOf(days: number): number {
  return new Date(days * DAY_MS).getUTCFullYear();
}

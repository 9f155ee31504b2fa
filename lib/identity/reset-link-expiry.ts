// When a password-reset link stops working: at the end of the local school day it was issued on, so a
// link sent in the morning works all day but never survives overnight. Uses Intl only (no date library).

import { offsetAt, wallClock } from '../platform/zoned-time';

/**
 * The first instant of the local date after the one `issuedAt` falls on in `timeZone` (normally 00:00
 * local). Local days are 23 or 25 hours long across DST changes, so this is not "issuedAt + 24 h".
 * Throws a RangeError for an unknown time zone or an invalid date.
 */
export function endOfSchoolDay(issuedAt: Date, timeZone: string): Date {
  const issued = issuedAt.getTime();
  if (Number.isNaN(issued)) throw new RangeError('issuedAt is not a valid date');
  const today = wallClockIn(timeZone, issued);
  // Date.UTC rolls day 32 into the next month and 31 December into the next year.
  const nextMidnightAsUtc = Date.UTC(today.year, today.month - 1, today.day + 1);

  // The answer is local midnight minus the zone's offset at that moment. The offset 12 h either side
  // brackets any single DST change; the earliest candidate that already shows the next date is the
  // start of that day. It also handles zones whose clocks skip midnight itself (the day then begins
  // at 01:00).
  const candidates = [
    offsetAt(timeZone, nextMidnightAsUtc - 43_200_000),
    offsetAt(timeZone, nextMidnightAsUtc + 43_200_000),
  ]
    .map((offset) => nextMidnightAsUtc - offset)
    .filter((instant) => instant > issued && localDateAsUtc(instant, timeZone) >= nextMidnightAsUtc)
    .sort((a, b) => a - b);
  const start = candidates[0];
  if (start === undefined) throw new RangeError(`Cannot find the start of the next day in ${timeZone}`);
  return new Date(start);
}

/** The local calendar date at an instant, as the UTC midnight of that date (so dates compare as numbers). */
function localDateAsUtc(instant: number, timeZone: string): number {
  const local = wallClock(timeZone, instant);
  return Date.UTC(local.year, local.month - 1, local.day);
}

/** Intl's own error for an unknown zone names the zone; this one says what the caller got wrong. */
function wallClockIn(timeZone: string, instant: number) {
  try {
    return wallClock(timeZone, instant);
  } catch {
    throw new RangeError(`Unknown time zone: ${timeZone}`);
  }
}

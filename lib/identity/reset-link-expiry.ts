// When a password-reset link stops working: at the end of the local school day it was issued on, so a
// link sent in the morning works all day but never survives overnight. Uses Intl only (no date library).

// Building a DateTimeFormat is slow relative to using one; keep one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * The first instant of the local date after the one `issuedAt` falls on in `timeZone` (normally 00:00
 * local). Local days are 23 or 25 hours long across DST changes, so this is not "issuedAt + 24 h".
 * Throws a RangeError for an unknown time zone or an invalid date.
 */
export function endOfSchoolDay(issuedAt: Date, timeZone: string): Date {
  const issued = issuedAt.getTime();
  if (Number.isNaN(issued)) throw new RangeError('issuedAt is not a valid date');
  const today = localDateTime(issued, timeZone);
  // Date.UTC rolls day 32 into the next month and 31 December into the next year.
  const nextMidnightAsUtc = Date.UTC(today.year, today.month - 1, today.day + 1);

  // The answer is local midnight minus the zone's offset at that moment. The offset 12 h either side
  // brackets any single DST change; the earliest candidate that already shows the next date is the
  // start of that day. It also handles zones whose clocks skip midnight itself (the day then begins
  // at 01:00).
  const candidates = [
    offsetAt(nextMidnightAsUtc - 43_200_000, timeZone),
    offsetAt(nextMidnightAsUtc + 43_200_000, timeZone),
  ]
    .map((offset) => nextMidnightAsUtc - offset)
    .filter((instant) => instant > issued && localDateAsUtc(instant, timeZone) >= nextMidnightAsUtc)
    .sort((a, b) => a - b);
  const start = candidates[0];
  if (start === undefined) throw new RangeError(`Cannot find the start of the next day in ${timeZone}`);
  return new Date(start);
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let cached = formatters.get(timeZone);
  if (!cached) {
    try {
      cached = new Intl.DateTimeFormat('en-US', {
        timeZone,
        calendar: 'gregory',
        numberingSystem: 'latn',
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new RangeError(`Unknown time zone: ${timeZone}`);
    }
    formatters.set(timeZone, cached);
  }
  return cached;
}

function localDateTime(instant: number, timeZone: string): LocalDateTime {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) parts[part.type] = Number(part.value);
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The zone's offset from UTC at an instant, in milliseconds (positive east of Greenwich). */
function offsetAt(instant: number, timeZone: string): number {
  const local = localDateTime(instant, timeZone);
  const localAsUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return localAsUtc - Math.floor(instant / 1000) * 1000;
}

/** The local calendar date at an instant, as the UTC midnight of that date (so dates compare as numbers). */
function localDateAsUtc(instant: number, timeZone: string): number {
  const local = localDateTime(instant, timeZone);
  return Date.UTC(local.year, local.month - 1, local.day);
}

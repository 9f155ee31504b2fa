// Converts between instants and wall-clock times in an IANA time zone, using only Intl, including the
// gaps and repeats that DST changes make. Shared by school-day rules (password links) and the local
// Scheduler stand-in.

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Building a DateTimeFormat is slow, and one is needed for every wall-clock conversion.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let cached = formatters.get(timezone);
  if (!cached) {
    cached = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      // Pinned so a locale default can never change the digits or the calendar the parts are read in.
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
    formatters.set(timezone, cached);
  }
  return cached;
}

export function isTimeZone(timezone: string): boolean {
  try {
    formatter(timezone);
    return true;
  } catch {
    return false;
  }
}

export function wallClock(timezone: string, instant: number): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timezone).formatToParts(instant)) parts[part.type] = Number(part.value);
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The zone's offset from UTC at an instant, in ms (positive east of Greenwich). */
export function offsetAt(timezone: string, instant: number): number {
  const wall = wallClock(timezone, instant);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The earliest instant showing this wall-clock time in the zone. Offsets are sampled 12 h either side,
 * which brackets any one DST change. A time inside a spring-forward gap has no instant: undefined, or
 * with `shiftGap` the instant the clocks show after moving forward (used for at()).
 */
export function wallToInstant(timezone: string, wall: WallTime, shiftGap: boolean): number | undefined {
  const guess = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const before = offsetAt(timezone, guess - 43_200_000);
  const after = offsetAt(timezone, guess + 43_200_000);
  const matches = [...new Set([before, after])]
    .map((offset) => guess - offset)
    .filter((instant) => sameWallTime(wallClock(timezone, instant), wall))
    .sort((a, b) => a - b);
  return matches[0] ?? (shiftGap ? guess - before : undefined);
}

function sameWallTime(a: WallTime, b: WallTime): boolean {
  return (
    a.year === b.year &&
    a.month === b.month &&
    a.day === b.day &&
    a.hour === b.hour &&
    a.minute === b.minute &&
    a.second === b.second
  );
}

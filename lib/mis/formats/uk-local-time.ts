/**
 * CTF header times are written in UK local time with no offset ("2025-03-30T14:05:00"). These turn
 * them into instants and back, so an extract's generatedAt is exact across the clock changes.
 */
const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** How far London is ahead of UTC at this instant, in milliseconds (0 or one hour). */
function londonOffsetMs(instant: number): number {
  const parts = Object.fromEntries(
    LONDON.formatToParts(new Date(instant)).map((part) => [part.type, part.value]),
  );
  const asUtc = Date.UTC(
    Number(parts['year']),
    Number(parts['month']) - 1,
    Number(parts['day']),
    Number(parts['hour']),
    Number(parts['minute']),
    Number(parts['second']),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * An ISO instant (UTC, `Z`) from a date-time; without an offset it is read as UK local time. Undefined
 * when it is not a date-time at all.
 */
export function instantFromUkLocal(written: string): string | undefined {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
      written.trim(),
    );
  if (!match) return undefined;
  const [, year, month, day, hour = '00', minute = '00', second = '00', offset] = match;
  const fields = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5]);
  const check = new Date(wall);
  if (
    check.getUTCMonth() !== fields[1] - 1 ||
    check.getUTCDate() !== fields[2] ||
    fields[3] > 23 ||
    fields[4] > 59
  )
    return undefined;
  if (offset !== undefined) {
    if (offset === 'Z') return new Date(wall).toISOString();
    const sign = offset.startsWith('-') ? -1 : 1;
    const digits = offset.slice(1).replace(':', '');
    const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
    return new Date(wall - sign * minutes * 60_000).toISOString();
  }
  // The offset at the guess, re-checked at the result (the two differ only next to a clock change).
  const guess = wall - londonOffsetMs(wall);
  return new Date(wall - londonOffsetMs(guess)).toISOString();
}

/** "2025-03-30T14:05:00": an instant as UK wall-clock time, as a CTF header writes it. */
export function ukLocalFromInstant(iso: string): string {
  const instant = Date.parse(iso);
  return new Date(instant + londonOffsetMs(instant)).toISOString().slice(0, 19);
}

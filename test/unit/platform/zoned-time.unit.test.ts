/** Wall-clock conversion in IANA time zones, including the gap and the repeat that DST changes make. */
import { isTimeZone, wallClock, wallToInstant } from '../../../lib/platform/zoned-time';

const wall = (year: number, month: number, day: number, hour: number, minute = 0, second = 0) => ({
  year,
  month,
  day,
  hour,
  minute,
  second,
});
const iso = (instant: number | undefined) =>
  instant === undefined ? undefined : new Date(instant).toISOString();

it('knows real time zones from made-up ones', () => {
  expect(isTimeZone('Europe/London')).toBe(true);
  expect(isTimeZone('UTC')).toBe(true);
  expect(isTimeZone('Mars/Olympus')).toBe(false);
});

it('shows an instant as the wall clock in the zone', () => {
  expect(wallClock('Europe/London', Date.parse('2025-07-01T23:30:05Z'))).toEqual(wall(2025, 7, 2, 0, 30, 5));
  expect(wallClock('America/New_York', Date.parse('2025-01-01T03:00:00Z'))).toEqual(wall(2024, 12, 31, 22));
});

it('maps a wall time to its instant on either side of a DST change', () => {
  expect(iso(wallToInstant('Europe/London', wall(2025, 3, 29, 9), false))).toBe('2025-03-29T09:00:00.000Z');
  expect(iso(wallToInstant('Europe/London', wall(2025, 3, 30, 9), false))).toBe('2025-03-30T08:00:00.000Z');
});

it('has no instant for a wall time inside the spring-forward gap, unless asked to shift it', () => {
  expect(wallToInstant('Europe/London', wall(2025, 3, 30, 1, 30), false)).toBeUndefined();
  expect(iso(wallToInstant('Europe/London', wall(2025, 3, 30, 1, 30), true))).toBe(
    '2025-03-30T01:30:00.000Z',
  );
});

it('maps a repeated wall time to its first instant', () => {
  // 01:30 on 26 October 2025 happens at 00:30 UTC (BST) and again at 01:30 UTC (GMT).
  expect(iso(wallToInstant('Europe/London', wall(2025, 10, 26, 1, 30), false))).toBe(
    '2025-10-26T00:30:00.000Z',
  );
});

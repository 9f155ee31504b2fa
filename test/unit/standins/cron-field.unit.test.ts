/** AWS cron fields: lists, ranges (including wrapping ones), steps, names, and the L, W and # day rules. */
import { parseCron, type CronFields } from '../../../local/standins/scheduler/cron-field';

/** The days of a month (1-12) that the cron's day rule matches. */
function matchingDays(fields: CronFields, year: number, month: number): number[] {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Array.from({ length: days }, (_, index) => index + 1).filter((day) => fields.day(year, month, day));
}

it('expands lists, ranges and steps into sorted minutes and hours', () => {
  const fields = parseCron('0/15 9-11,14 * * ? *');
  expect(fields.minutes).toEqual([0, 15, 30, 45]);
  expect(fields.hours).toEqual([9, 10, 11, 14]);
  expect(parseCron('*/20 */8 * * ? *')).toMatchObject({ minutes: [0, 20, 40], hours: [0, 8, 16] });
});

it('reads month names and a range that wraps round the end of the year', () => {
  expect([...parseCron('0 9 1 NOV-FEB ? *').months].sort((a, b) => a - b)).toEqual([1, 2, 11, 12]);
  expect([...parseCron('0 9 1 SEP,jan,4 ? *').months].sort((a, b) => a - b)).toEqual([1, 4, 9]);
});

it('matches weekdays by name, including a range that wraps (FRI-MON)', () => {
  // June 2025 starts on a Sunday.
  expect(matchingDays(parseCron('0 9 ? * FRI-MON *'), 2025, 6).slice(0, 8)).toEqual([
    1, 2, 6, 7, 8, 9, 13, 14,
  ]);
  expect(matchingDays(parseCron('0 9 ? * 2 *'), 2025, 6)).toEqual([2, 9, 16, 23, 30]);
});

it('understands L, LW, nW, d#n and dL in the day fields', () => {
  expect(matchingDays(parseCron('0 12 L * ? *'), 2024, 2)).toEqual([29]);
  // 31 May 2025 is a Saturday, so the last weekday is Friday the 30th.
  expect(matchingDays(parseCron('0 12 LW * ? *'), 2025, 5)).toEqual([30]);
  // 1 June 2025 is a Sunday: 1W stays in the month and moves to Monday the 2nd.
  expect(matchingDays(parseCron('0 12 1W * ? *'), 2025, 6)).toEqual([2]);
  expect(matchingDays(parseCron('0 12 ? * TUE#2 *'), 2025, 5)).toEqual([13]);
  expect(matchingDays(parseCron('0 12 ? * 5L *'), 2025, 5)).toEqual([29]);
});

it('never matches 31W in a month without a 31st', () => {
  expect(matchingDays(parseCron('0 12 31W * ? *'), 2025, 6)).toEqual([]);
});

it.each([
  ['0 9 * * ?', 'a cron expression has six fields'],
  ['0 9 ? * ? *', 'exactly one of day-of-month and day-of-week must be ?'],
  ['0 24 * * ? *', "'24' is not in 0-23"],
  ['0 9 * FOO ? *', "'FOO' is not in 1-12"],
  ['0 9 32W * ? *', "'32W' is not in 1-31"],
  ['0 9 ? * MON#6 *', "'MON#6' is not in 1-7"],
  ['0/x 9 * * ? *', "'0/x' has an invalid step"],
])('refuses %s', (text, message) => {
  expect(() => parseCron(text)).toThrow(message);
});

// Parses the six fields of an AWS cron expression (minutes hours day-of-month month day-of-week year)
// into value sets and a day predicate; errors are plain messages for the caller to wrap.
import { dayOfWeek, daysInMonth, nearestWeekday } from './calendar';

export type DayPredicate = (year: number, month: number, day: number) => boolean;

export interface CronFields {
  /** Ascending, so the first match found walking a day is the earliest. */
  minutes: number[];
  hours: number[];
  months: Set<number>;
  years: Set<number>;
  day: DayPredicate;
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** AWS cron supports `? * , - /`, L, W and #; exactly one of the two day fields must be `?`. */
export function parseCron(text: string): CronFields {
  const fields = text.split(/\s+/);
  if (fields.length !== 6) throw new Error('a cron expression has six fields');
  const [minuteField, hourField, domField, monthField, dowField, yearField] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if ((domField === '?') === (dowField === '?')) {
    throw new Error('exactly one of day-of-month and day-of-week must be ?');
  }
  const day = domField === '?' ? parseDayOfWeek(dowField) : parseDayOfMonth(domField);
  return {
    minutes: [...parseValues(minuteField, 0, 59)].sort((a, b) => a - b),
    hours: [...parseValues(hourField, 0, 23)].sort((a, b) => a - b),
    months: parseValues(monthField, 1, 12, MONTH_NAMES),
    years: parseValues(yearField, 1970, 2199),
    day,
  };
}

/** A numeric field: `*`, values, ranges (wrapping, like FRI-MON), lists and steps (`0/15`, `*\/5`). */
function parseValues(field: string, min: number, max: number, names?: string[]): Set<number> {
  const values = new Set<number>();
  const value = (text: string): number => {
    const named = names?.indexOf(text.toUpperCase()) ?? -1;
    const number = named >= 0 ? named + min : /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!(number >= min && number <= max)) throw new Error(`'${text}' is not in ${min}-${max}`);
    return number;
  };
  for (const part of field.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`'${part}' has an invalid step`);
    let from: number;
    let to: number;
    if (range === '*') {
      [from, to] = [min, max];
    } else if (range.includes('-')) {
      const [start = '', end = ''] = range.split('-');
      [from, to] = [value(start), value(end)];
    } else {
      from = value(range);
      to = stepText === undefined ? from : max;
    }
    const span = to >= from ? to - from : max - from + 1 + (to - min);
    for (let offset = 0; offset <= span; offset += step) {
      values.add(((from - min + offset) % (max - min + 1)) + min);
    }
  }
  return values;
}

function parseDayOfMonth(field: string): DayPredicate {
  return anyOf(
    field.split(',').map((part): DayPredicate => {
      if (part === 'L') return (year, month, day) => day === daysInMonth(year, month);
      if (part === 'LW')
        return (year, month, day) => day === nearestWeekday(year, month, daysInMonth(year, month));
      const weekday = /^(\d+)W$/.exec(part);
      if (weekday) {
        const target = Number(weekday[1]);
        if (target < 1 || target > 31) throw new Error(`'${part}' is not in 1-31`);
        return (year, month, day) =>
          target <= daysInMonth(year, month) && day === nearestWeekday(year, month, target);
      }
      const values = parseValues(part, 1, 31);
      return (_year, _month, day) => values.has(day);
    }),
  );
}

function parseDayOfWeek(field: string): DayPredicate {
  const dayNumber = (text: string) => [...parseValues(text, 1, 7, DAY_NAMES)][0]!;
  return anyOf(
    field.split(',').map((part): DayPredicate => {
      const nth = /^(\w+)#([1-5])$/.exec(part);
      if (nth) {
        const weekday = dayNumber(nth[1]!);
        const occurrence = Number(nth[2]);
        return (year, month, day) =>
          dayOfWeek(year, month, day) === weekday && Math.ceil(day / 7) === occurrence;
      }
      const last = /^(\w*)L$/.exec(part);
      if (last) {
        // `L` alone is the last day of the week (Saturday); `5L` the month's last Thursday.
        const weekday = last[1] === '' ? 7 : dayNumber(last[1]!);
        return (year, month, day) =>
          dayOfWeek(year, month, day) === weekday && day + 7 > daysInMonth(year, month);
      }
      const values = parseValues(part, 1, 7, DAY_NAMES);
      return (year, month, day) => values.has(dayOfWeek(year, month, day));
    }),
  );
}

function anyOf(predicates: DayPredicate[]): DayPredicate {
  return (year, month, day) => predicates.some((predicate) => predicate(year, month, day));
}

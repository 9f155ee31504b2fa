/**
 * UK bank holidays by rule, for any year and each of the three sets of nations (gov.uk publishes
 * England and Wales, Scotland, Northern Ireland). One-off royal holidays and moved days (e.g. 8 May 2020)
 * are not rules: a school adds them as closures on its calendar.
 */
import { dateOf, dayNumber, isoDate, isWeekend, weekday } from './calendar-dates';

export const BANK_HOLIDAY_NATIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type BankHolidayNation = (typeof BANK_HOLIDAY_NATIONS)[number];

export interface BankHoliday {
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly name: string;
}

/** Easter Sunday by the anonymous Gregorian computus (Meeus/Jones/Butcher), as a day number. */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dateOf(year, month, day);
}

const MONDAY = 1;

function firstMonday(year: number, month: number): number {
  const first = dateOf(year, month, 1);
  return first + ((MONDAY - weekday(first) + 7) % 7);
}

function lastMonday(year: number, month: number): number {
  const last = dateOf(year, month + 1, 0);
  return last - ((weekday(last) - MONDAY + 7) % 7);
}

interface Rule {
  readonly name: string;
  readonly day: number;
  /** A fixed date that falls at a weekend gives a substitute weekday; Easter and Mondays never do. */
  readonly substitutes: boolean;
}

function rulesFor(year: number, nation: BankHolidayNation): Rule[] {
  const easter = easterSunday(year);
  const fixed = (name: string, month: number, day: number): Rule => ({
    name,
    day: dateOf(year, month, day),
    substitutes: true,
  });
  const moving = (name: string, day: number): Rule => ({ name, day, substitutes: false });
  const rules: Rule[] = [fixed("New Year's Day", 1, 1)];
  if (nation === 'scotland') rules.push(fixed('2nd January', 1, 2));
  if (nation === 'northern-ireland') rules.push(fixed("St Patrick's Day", 3, 17));
  rules.push(moving('Good Friday', easter - 2));
  if (nation !== 'scotland') rules.push(moving('Easter Monday', easter + 1));
  rules.push(moving('Early May bank holiday', firstMonday(year, 5)));
  rules.push(moving('Spring bank holiday', lastMonday(year, 5)));
  if (nation === 'northern-ireland') rules.push(fixed('Battle of the Boyne (Orangemen’s Day)', 7, 12));
  rules.push(
    moving('Summer bank holiday', nation === 'scotland' ? firstMonday(year, 8) : lastMonday(year, 8)),
  );
  if (nation === 'scotland') rules.push(fixed("St Andrew's Day", 11, 30));
  rules.push(fixed('Christmas Day', 12, 25), fixed('Boxing Day', 12, 26));
  return rules;
}

/**
 * The year's bank holidays in date order. A fixed date at a weekend moves to the next weekday that is
 * not already a holiday, taken in date order: so Christmas on a Saturday gives Monday 27 and Boxing Day
 * (Sunday) Tuesday 28, and 1 and 2 January at a weekend in Scotland give Monday and Tuesday.
 */
export function bankHolidays(year: number, nation: BankHolidayNation): BankHoliday[] {
  const rules = rulesFor(year, nation);
  const taken = new Set(rules.filter((rule) => !isWeekend(rule.day)).map((rule) => rule.day));
  const holidays = rules.map((rule) => {
    if (!isWeekend(rule.day)) return { day: rule.day, name: rule.name };
    if (!rule.substitutes) throw new Error(`${rule.name} ${isoDate(rule.day)} is at a weekend`);
    let day = rule.day + 1;
    while (isWeekend(day) || taken.has(day)) day += 1;
    taken.add(day);
    return { day, name: `${rule.name} (substitute day)` };
  });
  return holidays
    .sort((a, b) => a.day - b.day)
    .map((holiday) => ({ date: isoDate(holiday.day), name: holiday.name }));
}

// The school-day rules ask about the same few years over and over.
const dayCache = new Map<string, ReadonlySet<number>>();

/** Whether a day number is a bank holiday in the nation (cached per nation and year). */
export function isBankHolidayDay(day: number, year: number, nation: BankHolidayNation): boolean {
  const cacheKey = `${nation}:${year}`;
  let days = dayCache.get(cacheKey);
  if (!days) {
    days = new Set(bankHolidays(year, nation).map((holiday) => dayNumber(holiday.date)));
    dayCache.set(cacheKey, days);
  }
  return days.has(day);
}

/** The next `count` bank holidays on or after `fromDate` (YYYY-MM-DD), for Admin > Calendar. */
export function upcomingBankHolidays(
  fromDate: string,
  nation: BankHolidayNation,
  count: number,
): BankHoliday[] {
  const found: BankHoliday[] = [];
  for (let year = Number(fromDate.slice(0, 4)); found.length < count; year += 1) {
    found.push(...bankHolidays(year, nation).filter((holiday) => holiday.date >= fromDate));
  }
  return found.slice(0, count);
}

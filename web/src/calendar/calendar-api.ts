/**
 * Admin > Calendar against /api/admin/calendar (lib/calendar/calendar-api.ts SchoolCalendarView): the
 * school's terms, closures and bank-holiday nation, with each nation's coming bank holidays.
 */
import { getParsed, sendParsed, type ApiResult } from '../api/api-result';
import { listOf, oneOf, wholeNumber } from '../api/json-readers';
import { isNonEmptyString, isRecord } from '../api/json-shapes';

export const NATIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type Nation = (typeof NATIONS)[number];

export const NATION_LABELS: Readonly<Record<Nation, string>> = {
  'england-and-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
};

export interface Term {
  name: string;
  startsOn: string;
  endsOn: string;
}

export interface Closure {
  startsOn: string;
  endsOn: string;
  reason: string;
}

export interface CalendarInput {
  bankHolidays: Nation;
  terms: Term[];
  closures: Closure[];
}

export interface BankHoliday {
  date: string;
  name: string;
}

export interface SchoolCalendarView {
  calendar: CalendarInput & { version: number; updatedAt?: string; updatedByName?: string };
  upcomingBankHolidays: Record<Nation, BankHoliday[]>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (value: unknown): value is string => typeof value === 'string' && DATE.test(value);

function readTerm(item: unknown): Term | undefined {
  if (!isRecord(item) || !isNonEmptyString(item.name) || !isDate(item.startsOn) || !isDate(item.endsOn)) {
    return undefined;
  }
  return { name: item.name, startsOn: item.startsOn, endsOn: item.endsOn };
}

function readClosure(item: unknown): Closure | undefined {
  if (!isRecord(item) || !isNonEmptyString(item.reason) || !isDate(item.startsOn) || !isDate(item.endsOn)) {
    return undefined;
  }
  return { startsOn: item.startsOn, endsOn: item.endsOn, reason: item.reason };
}

function readHoliday(item: unknown): BankHoliday | undefined {
  return isRecord(item) && isDate(item.date) && isNonEmptyString(item.name)
    ? { date: item.date, name: item.name }
    : undefined;
}

function parseView(body: unknown): SchoolCalendarView | undefined {
  if (!isRecord(body) || !isRecord(body.calendar) || !isRecord(body.upcomingBankHolidays)) return undefined;
  const { calendar, upcomingBankHolidays } = body;
  const bankHolidays = oneOf(calendar.bankHolidays, NATIONS);
  const terms = listOf(calendar.terms, readTerm);
  const closures = listOf(calendar.closures, readClosure);
  const version = wholeNumber(calendar.version);
  if (!bankHolidays || !terms || !closures || version === undefined) return undefined;
  const holidays = (nation: Nation) => listOf(upcomingBankHolidays[nation], readHoliday);
  const [englandAndWales, scotland, northernIreland] = NATIONS.map(holidays);
  if (!englandAndWales || !scotland || !northernIreland) return undefined;
  const updatedBy = isRecord(calendar.updatedBy) ? calendar.updatedBy.name : undefined;
  return {
    calendar: {
      bankHolidays,
      terms,
      closures,
      version,
      ...(isNonEmptyString(calendar.updatedAt) ? { updatedAt: calendar.updatedAt } : {}),
      ...(isNonEmptyString(updatedBy) ? { updatedByName: updatedBy } : {}),
    },
    upcomingBankHolidays: {
      'england-and-wales': englandAndWales,
      scotland,
      'northern-ireland': northernIreland,
    },
  };
}

export function fetchSchoolCalendar(signal?: AbortSignal): Promise<ApiResult<SchoolCalendarView>> {
  return getParsed('/api/admin/calendar', parseView, "school's calendar", signal);
}

export function saveSchoolCalendar(
  calendar: CalendarInput,
  version: number,
): Promise<ApiResult<SchoolCalendarView>> {
  return sendParsed('/api/admin/calendar', 'PUT', { ...calendar, version }, parseView, "school's calendar");
}

/** The school calendar and school-day arithmetic (BYD-1): what the transfer clock and Admin > Calendar use. */
export { bankHolidays, upcomingBankHolidays, BANK_HOLIDAY_NATIONS } from './bank-holidays';
export type { BankHoliday, BankHolidayNation } from './bank-holidays';
export { CalendarRepository } from './calendar-repository';
export {
  defaultSchoolCalendar,
  SchoolCalendarSchema,
  type CalendarRules,
  type SchoolCalendar,
} from './school-calendar';
export { isSchoolDay, kcsieClock, nextSchoolDays, SchoolDaysNotFoundError } from './school-days';

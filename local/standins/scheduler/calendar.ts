// Calendar arithmetic for cron day rules, on plain dates with no time zone (months are 1-12).

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 1 = Sunday … 7 = Saturday, as AWS cron counts. */
export function dayOfWeek(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

/** The weekday nearest the given day without leaving the month (the cron `W` rule). */
export function nearestWeekday(year: number, month: number, day: number): number {
  const weekday = dayOfWeek(year, month, day);
  if (weekday === 7) return day === 1 ? 3 : day - 1;
  if (weekday === 1) return day === daysInMonth(year, month) ? day - 2 : day + 1;
  return day;
}

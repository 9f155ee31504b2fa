/**
 * Dates and times as UK schools read them: day month year, 24-hour clock, always in UK time
 * (Europe/London, so GMT or BST), whatever time zone the device happens to be set to.
 */
const ukDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** "14 May 2025, 09:31:07" (a short month name); the text as given if it is not a date. */
export function formatUkDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : ukDateTime.format(date);
}

const ukTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "09:31:07" in UK time; the text as given if it is not a date. */
export function formatUkTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : ukTime.format(date);
}

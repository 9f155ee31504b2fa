/** Calendar dates (YYYY-MM-DD, no time of day) as UK readers expect them: "2 March 2014". */
const ukDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

export function formatUkDate(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : ukDate.format(date);
}

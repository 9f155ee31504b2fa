/** The date and time inputs' values in the browser's time zone, and the instant they name. */

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** "2026-03-02" and "10:05" for now (the form's defaults). */
export function localDateAndTime(now: Date): { date: string; time: string } {
  return {
    date: `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`,
    time: `${pad(now.getHours())}:${pad(now.getMinutes())}`,
  };
}

/** The instant the two inputs name, or undefined when either is incomplete. */
export function instantOf(date: string, time: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return undefined;
  const instant = new Date(`${date}T${time}`);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}

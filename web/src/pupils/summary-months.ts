/** The months of the pupil page's incident summary (tabs/incident-summary-tab.tsx). */
import type { ChronologyOverview } from '../api/incidents';

/** The months shown at most, ending with the latest that has an incident. */
const MONTHS_SHOWN = 24;

/** Every month from the first with an incident to the last (at most MONTHS_SHOWN), zeros included. */
export function monthRows(byMonth: ChronologyOverview['byMonth']): { month: string; count: number }[] {
  if (byMonth.length === 0) return [];
  const counts = new Map(byMonth.map((row) => [row.month, row.count]));
  const sorted = [...counts.keys()].sort();
  const [lastYear, lastMonth] = sorted[sorted.length - 1]!.split('-').map(Number) as [number, number];
  const rows: { month: string; count: number }[] = [];
  for (let back = 0; back < MONTHS_SHOWN; back += 1) {
    const date = new Date(Date.UTC(lastYear, lastMonth - 1 - back, 1));
    const month = date.toISOString().slice(0, 7);
    if (month < sorted[0]!) break;
    rows.unshift({ month, count: counts.get(month) ?? 0 });
  }
  return rows;
}

/**
 * The monitoring history as CSV ("download history to csv", seed 8.12), built in the browser from the
 * rows already shown. Cells that a spreadsheet would run as a formula are prefixed with an apostrophe.
 */
import type { MonitoringHistoryEntry } from '../api/monitoring';

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function monitoringCsv(entries: readonly MonitoringHistoryEntry[]): string {
  const header = ['Category', 'Started', 'Ended', 'Duration (days)', 'Still monitored', 'Started by'];
  const rows = entries.map((entry) => [
    entry.categoryName,
    entry.since,
    entry.until ?? '',
    String(entry.durationDays),
    entry.open ? 'Yes' : 'No',
    entry.reason === 'incident' ? 'An incident' : 'By hand',
  ]);
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

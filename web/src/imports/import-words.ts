/**
 * The MIS import in words: the health light's message (so the light never relies on colour alone),
 * and the log's statuses, formats and triggers as an admin reads them.
 */
import type {
  ExtractFormat,
  HealthLight,
  ImportHealth,
  ImportStatus,
  ImportTrigger,
} from '../api/mis-imports';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function plural(amount: number, unit: string): string {
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}

/** "5 minutes", "3 hours", "4 days": how long since `iso`, in the largest whole unit. */
export function elapsedWords(iso: string, now: Date): string {
  const elapsed = Math.max(0, now.getTime() - Date.parse(iso));
  if (elapsed < MINUTE) return 'less than a minute';
  if (elapsed < HOUR) return plural(Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return plural(Math.floor(elapsed / HOUR), 'hour');
  return plural(Math.floor(elapsed / DAY), 'day');
}

/** The light's own name, shown beside its colour. */
export const LIGHT_WORDS: Readonly<Record<HealthLight, string>> = {
  green: 'Up to date',
  amber: 'Late',
  red: 'Out of date',
};

/** "Last successful import 3 hours ago" / "No successful import for 4 days" / "Never imported". */
export function healthHeadline(health: Pick<ImportHealth, 'light' | 'lastSuccessAt'>, now: Date): string {
  if (!health.lastSuccessAt) return 'Never imported';
  const elapsed = elapsedWords(health.lastSuccessAt, now);
  return health.light === 'red'
    ? `No successful import for ${elapsed}`
    : `Last successful import ${elapsed} ago`;
}

/** Said after the headline when the most recent run failed after the last success. */
export function failureSentence(health: Pick<ImportHealth, 'lastFailureAt'>, now: Date): string | undefined {
  if (!health.lastFailureAt) return undefined;
  return `The most recent import failed ${elapsedWords(health.lastFailureAt, now)} ago.`;
}

export const STATUS_WORDS: Readonly<Record<ImportStatus, string>> = {
  received: 'Received',
  applying: 'Applying',
  applied: 'Applied',
  rejected: 'Rejected',
  failed: 'Failed',
  superseded: 'Superseded',
};

/** What each status means, for the page's key to the log. */
export const STATUS_MEANINGS: Readonly<Record<ImportStatus, string>> = {
  received: 'waiting for the nightly import (or Run import now)',
  applying: 'being applied now',
  applied: 'applied to Lantern',
  rejected: 'not an extract Lantern could read; nothing of it was applied',
  failed: 'applying stopped with an error; the next run tries the newest extract again',
  superseded: 'a newer extract arrived before this one was applied',
};

export const FORMAT_WORDS: Readonly<Record<ExtractFormat, string>> = {
  lantern: 'Lantern JSON',
  wonde: 'Wonde JSON',
  ctf: 'CTF XML',
};

export const TRIGGER_WORDS: Readonly<Record<ImportTrigger, string>> = {
  schedule: 'Nightly',
  'run-now': 'Run now',
};

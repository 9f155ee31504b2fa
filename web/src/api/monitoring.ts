/**
 * Monitoring against /api/pupils/{pupilId}/monitoring and /api/monitoring/bulk
 * (lib/monitoring/monitoring-api.ts): a pupil's history with durations, starting and stopping
 * categories, and bulk changes from a class register.
 */
import { getParsed, sendParsed, type ApiResult } from './api-result';
import { listOf, oneOf, optionalString, wholeNumber } from './json-readers';
import { isNonEmptyString, isRecord } from './json-shapes';
import { parseCategoryChoice, type CategoryChoice } from './pupils';

export interface MonitoringHistoryEntry {
  categoryId: string;
  categoryName: string;
  colour: string;
  since: string;
  startedAt: string;
  until?: string;
  endedAt?: string;
  durationDays: number;
  open: boolean;
  reason: 'incident' | 'manual';
}

export interface MonitoringHistory {
  pupilId: string;
  /** Newest first. */
  entries: MonitoringHistoryEntry[];
  /** Today in the school's time zone. */
  today: string;
  mayChange: boolean;
  categories: CategoryChoice[];
}

function parseEntry(value: unknown): MonitoringHistoryEntry | undefined {
  if (!isRecord(value)) return undefined;
  const { categoryId, categoryName, colour, since, startedAt, open } = value;
  const durationDays = wholeNumber(value.durationDays);
  const reason = oneOf(value.reason, ['incident', 'manual'] as const);
  if (!isNonEmptyString(categoryId) || typeof categoryName !== 'string' || typeof colour !== 'string')
    return undefined;
  if (!isNonEmptyString(since) || !isNonEmptyString(startedAt) || typeof open !== 'boolean') return undefined;
  if (durationDays === undefined || !reason) return undefined;
  const until = optionalString(value.until);
  const endedAt = optionalString(value.endedAt);
  return {
    categoryId,
    categoryName,
    colour,
    since,
    startedAt,
    durationDays,
    open,
    reason,
    ...(until === undefined ? {} : { until }),
    ...(endedAt === undefined ? {} : { endedAt }),
  };
}

function parseHistory(body: unknown): MonitoringHistory | undefined {
  if (!isRecord(body)) return undefined;
  const { pupilId, today, mayChange } = body;
  const entries = listOf(body.entries, parseEntry);
  const categories = listOf(body.categories, parseCategoryChoice);
  if (!isNonEmptyString(pupilId) || !isNonEmptyString(today) || typeof mayChange !== 'boolean')
    return undefined;
  return entries && categories ? { pupilId, entries, today, mayChange, categories } : undefined;
}

export function getMonitoringHistory(
  pupilId: string,
  signal?: AbortSignal,
): Promise<ApiResult<MonitoringHistory>> {
  return getParsed(
    `/api/pupils/${encodeURIComponent(pupilId)}/monitoring`,
    parseHistory,
    'monitoring history',
    signal,
  );
}

export interface MonitoringChange {
  start: string[];
  stop: string[];
  startDate?: string;
  endDate?: string;
}

function parseChangeResult(body: unknown): { started: string[]; stopped: string[] } | undefined {
  if (!isRecord(body)) return undefined;
  const started = listOf(body.started, (value) => (isNonEmptyString(value) ? value : undefined));
  const stopped = listOf(body.stopped, (value) => (isNonEmptyString(value) ? value : undefined));
  return started && stopped ? { started, stopped } : undefined;
}

export function changeMonitoring(
  pupilId: string,
  change: MonitoringChange,
): Promise<ApiResult<{ started: string[]; stopped: string[] }>> {
  return sendParsed(
    `/api/pupils/${encodeURIComponent(pupilId)}/monitoring`,
    'POST',
    change,
    parseChangeResult,
    'monitoring change',
  );
}

export type BulkOutcome = 'started' | 'stopped' | 'unchanged' | 'not-found' | 'conflict';
const OUTCOMES: readonly BulkOutcome[] = ['started', 'stopped', 'unchanged', 'not-found', 'conflict'];

export interface BulkMonitoring {
  pupilIds: string[];
  categoryId: string;
  operation: 'add' | 'remove';
  date?: string;
}

function parseBulkResult(body: unknown): { pupilId: string; outcome: BulkOutcome }[] | undefined {
  if (!isRecord(body)) return undefined;
  return listOf(body.results, (value) => {
    if (!isRecord(value) || !isNonEmptyString(value.pupilId)) return undefined;
    const outcome = oneOf(value.outcome, OUTCOMES);
    return outcome ? { pupilId: value.pupilId, outcome } : undefined;
  });
}

export function bulkMonitoring(
  change: BulkMonitoring,
): Promise<ApiResult<{ pupilId: string; outcome: BulkOutcome }[]>> {
  return sendParsed('/api/monitoring/bulk', 'POST', change, parseBulkResult, 'result of the category update');
}

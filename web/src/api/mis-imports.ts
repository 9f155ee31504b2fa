/**
 * The MIS import log, "run now", the nightly import time and the import health light
 * (lib/mis/mis-api.ts: listMisImports, getMisImport, runMisImportNow, getMisNightlySchedule,
 * setMisNightlySchedule, getMisImportHealth; shapes from lib/mis/import-record.ts). Row
 * problems carry MIS ids, never pupil names, and are shown exactly as the API gives them.
 */
import { getParsed, sendParsed, type ApiResult } from './api-result';
import { listOf, oneOf, optionalString, wholeNumber } from './json-readers';
import { isNonEmptyString, isRecord } from './json-shapes';

export const IMPORT_STATUSES = [
  'received',
  'rejected',
  'applying',
  'applied',
  'failed',
  'superseded',
] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const EXTRACT_FORMATS = ['lantern', 'wonde', 'ctf'] as const;
export type ExtractFormat = (typeof EXTRACT_FORMATS)[number];

export type ImportTrigger = 'schedule' | 'run-now';

export interface ImportCounts {
  pupilsInExtract: number;
  pupilsAdded: number;
  pupilsUpdated: number;
  pupilsUnchanged: number;
  pupilsArchived: number;
  pupilsRestored: number;
  rowsSkipped: number;
  classesAdded: number;
  classesRenamed: number;
  staffInExtract: number;
  usersDeactivated: number;
  itemsWritten: number;
}

const COUNT_NAMES: readonly (keyof ImportCounts)[] = [
  'pupilsInExtract',
  'pupilsAdded',
  'pupilsUpdated',
  'pupilsUnchanged',
  'pupilsArchived',
  'pupilsRestored',
  'rowsSkipped',
  'classesAdded',
  'classesRenamed',
  'staffInExtract',
  'usersDeactivated',
  'itemsWritten',
];

export interface RowProblem {
  /** `pupils`, `staff`, `groups`, or a pupil's `contacts` / `attendance`. */
  section: string;
  row: number;
  misId?: string;
  field: string;
  reason: string;
  /** error: the row was skipped; warning: applied, but worth a look. */
  severity: 'error' | 'warning';
}

/** One line of the import log. */
export interface ImportSummary {
  importId: string;
  status: ImportStatus;
  format?: ExtractFormat;
  receivedAt: string;
  byteSize: number;
  rejection?: { field: string; reason: string };
  startedAt?: string;
  finishedAt?: string;
  trigger?: ImportTrigger;
  counts?: ImportCounts;
  problemCount: number;
  failure?: string;
}

/** One import with its row problems (the list is cut at 500; problemCount is exact). */
export interface ImportDetail extends ImportSummary {
  problems: RowProblem[];
}

export interface ImportPage {
  items: ImportSummary[];
  /** Present when there are older imports to load. */
  nextCursor?: string;
}

export interface ImportRunRequested {
  importId: string;
  startsAt: string;
}

/** When the nightly import runs: HH:MM on the school's clock, in its IANA time zone. */
export interface NightlySchedule {
  nightlyAt: string;
  timeZone: string;
}

export interface NightlyScheduleState extends NightlySchedule {
  /** False until the first extract arrives or an admin sets the time. */
  scheduled: boolean;
}

export type HealthLight = 'green' | 'amber' | 'red';

export interface ImportHealth {
  light: HealthLight;
  lastSuccessAt?: string;
  newestReceivedAt?: string;
  /** Set when the most recent run failed after the last success. */
  lastFailureAt?: string;
  /** Only for admins who can give access, and only when class restrictions are on. */
  classesAwaitingAccess: { classId: string; name: string }[];
}

const BASE = '/api/admin/mis/imports';

function parseCounts(value: unknown): ImportCounts | undefined {
  if (!isRecord(value)) return undefined;
  const counts: Partial<ImportCounts> = {};
  for (const name of COUNT_NAMES) {
    const count = wholeNumber(value[name]);
    if (count === undefined) return undefined;
    counts[name] = count;
  }
  return counts as ImportCounts; // every name was read above
}

function parseRejection(value: unknown): { field: string; reason: string } | undefined {
  if (!isRecord(value) || typeof value.field !== 'string' || typeof value.reason !== 'string')
    return undefined;
  return { field: value.field, reason: value.reason };
}

function parseRowProblem(value: unknown): RowProblem | undefined {
  if (!isRecord(value)) return undefined;
  const { section, row, field, reason } = value;
  const severity = oneOf(value.severity, ['error', 'warning'] as const);
  if (typeof section !== 'string' || typeof field !== 'string' || typeof reason !== 'string')
    return undefined;
  if (typeof row !== 'number' || !Number.isInteger(row) || !severity) return undefined;
  const misId = optionalString(value.misId);
  return { section, row, field, reason, severity, ...(misId ? { misId } : {}) };
}

/** A present-but-malformed optional part makes the whole answer unreadable (null), as a missing one does not. */
function optionalPart<T>(value: unknown, read: (value: unknown) => T | undefined): T | undefined | null {
  return value === undefined ? undefined : (read(value) ?? null);
}

function parseSummary(value: unknown): ImportSummary | undefined {
  if (!isRecord(value)) return undefined;
  const status = oneOf(value.status, IMPORT_STATUSES);
  const byteSize = wholeNumber(value.byteSize);
  const problemCount = wholeNumber(value.problemCount);
  const { importId, receivedAt } = value;
  if (!isNonEmptyString(importId) || !isNonEmptyString(receivedAt) || !status) return undefined;
  if (byteSize === undefined || problemCount === undefined) return undefined;
  const format = optionalPart(value.format, (item) => oneOf(item, EXTRACT_FORMATS));
  const trigger = optionalPart(value.trigger, (item) => oneOf(item, ['schedule', 'run-now'] as const));
  const counts = optionalPart(value.counts, parseCounts);
  const rejection = optionalPart(value.rejection, parseRejection);
  if (format === null || trigger === null || counts === null || rejection === null) return undefined;
  const startedAt = optionalString(value.startedAt);
  const finishedAt = optionalString(value.finishedAt);
  const failure = optionalString(value.failure);
  return {
    importId,
    status,
    receivedAt,
    byteSize,
    problemCount,
    ...(format ? { format } : {}),
    ...(trigger ? { trigger } : {}),
    ...(counts ? { counts } : {}),
    ...(rejection ? { rejection } : {}),
    ...(startedAt ? { startedAt } : {}),
    ...(finishedAt ? { finishedAt } : {}),
    ...(failure ? { failure } : {}),
  };
}

function parseDetail(value: unknown): ImportDetail | undefined {
  const summary = parseSummary(value);
  if (!summary || !isRecord(value)) return undefined;
  const problems = listOf(value.problems, parseRowProblem);
  return problems ? { ...summary, problems } : undefined;
}

function parsePage(body: unknown): ImportPage | undefined {
  if (!isRecord(body)) return undefined;
  const items = listOf(body.items, parseSummary);
  if (!items) return undefined;
  const nextCursor = optionalString(body.nextCursor);
  return nextCursor ? { items, nextCursor } : { items };
}

function parseRunRequested(body: unknown): ImportRunRequested | undefined {
  if (!isRecord(body) || !isNonEmptyString(body.importId) || !isNonEmptyString(body.startsAt))
    return undefined;
  return { importId: body.importId, startsAt: body.startsAt };
}

function parseSchedule(body: unknown): NightlySchedule | undefined {
  if (!isRecord(body) || !isNonEmptyString(body.nightlyAt) || !isNonEmptyString(body.timeZone))
    return undefined;
  return { nightlyAt: body.nightlyAt, timeZone: body.timeZone };
}

function parseScheduleState(body: unknown): NightlyScheduleState | undefined {
  const schedule = parseSchedule(body);
  if (!schedule || !isRecord(body) || typeof body.scheduled !== 'boolean') return undefined;
  return { ...schedule, scheduled: body.scheduled };
}

function parseHealth(body: unknown): ImportHealth | undefined {
  if (!isRecord(body)) return undefined;
  const light = oneOf(body.light, ['green', 'amber', 'red'] as const);
  const classes = listOf(body.classesAwaitingAccess, (item) =>
    isRecord(item) && isNonEmptyString(item.classId) && typeof item.name === 'string'
      ? { classId: item.classId, name: item.name }
      : undefined,
  );
  if (!light || !classes) return undefined;
  const lastSuccessAt = optionalString(body.lastSuccessAt);
  const newestReceivedAt = optionalString(body.newestReceivedAt);
  const lastFailureAt = optionalString(body.lastFailureAt);
  return {
    light,
    classesAwaitingAccess: classes,
    ...(lastSuccessAt ? { lastSuccessAt } : {}),
    ...(newestReceivedAt ? { newestReceivedAt } : {}),
    ...(lastFailureAt ? { lastFailureAt } : {}),
  };
}

/** One page of the import log, newest first, continuing from `cursor`. */
export function listMisImports(
  limit: number,
  cursor?: string,
  signal?: AbortSignal,
): Promise<ApiResult<ImportPage>> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set('cursor', cursor);
  return getParsed(`${BASE}?${query.toString()}`, parsePage, 'import log', signal);
}

export function getMisImport(importId: string, signal?: AbortSignal): Promise<ApiResult<ImportDetail>> {
  return getParsed(`${BASE}/${encodeURIComponent(importId)}`, parseDetail, 'import', signal);
}

/** Asks for the newest extract to be applied now; 409 when there is none or a run is under way. */
export function runMisImportNow(): Promise<ApiResult<ImportRunRequested>> {
  return sendParsed(`${BASE}/run`, 'POST', undefined, parseRunRequested, 'import run');
}

export function fetchMisNightlySchedule(signal?: AbortSignal): Promise<ApiResult<NightlyScheduleState>> {
  return getParsed(`${BASE}/schedule`, parseScheduleState, 'nightly import time', signal);
}

/** Moves the nightly import to `nightlyAt` (HH:MM, school time); 400 naming body.nightlyAt otherwise. */
export function setMisNightlySchedule(nightlyAt: string): Promise<ApiResult<NightlySchedule>> {
  return sendParsed(`${BASE}/schedule`, 'PUT', { nightlyAt }, parseSchedule, 'nightly import time');
}

export function fetchMisImportHealth(signal?: AbortSignal): Promise<ApiResult<ImportHealth>> {
  return getParsed('/api/dashboard/mis-health', parseHealth, 'MIS import health', signal);
}

/** The signed-in person's dashboard from /api/dashboard (lib/dashboard/dashboard.ts Dashboard). */
import { getParsed, type ApiResult } from './api-result';
import { listOf, oneOf, optionalString } from './json-readers';
import { isNonEmptyString, isRecord } from './json-shapes';

export interface DashboardCategory {
  categoryId: string;
  name: string;
}

export interface StaffRef {
  personId: string;
  name: string;
}

interface PupilRow {
  pupilId: string;
  pupilDisplayName: string;
  /** The app path the row opens. */
  link: string;
}

export interface AlertRow extends PupilRow {
  kind: 'incident' | 'document';
  /** The incident, or the vault document, the alert is about. */
  subjectId: string;
  categories: DashboardCategory[];
  alertedBy: StaffRef;
  alertedAt: string;
}

export interface AssignedRow extends PupilRow {
  incidentId: string;
  number: number;
  categories: DashboardCategory[];
  assignedBy: StaffRef;
  assignedAt: string;
}

export interface HistoryRow extends PupilRow {
  what: 'incident' | 'action';
  incidentId: string;
  number: number;
  categories: DashboardCategory[];
  recordedAt: string;
}

export interface ViewedRow extends PupilRow {
  viewedAt: string;
}

export interface Dashboard {
  alerts: AlertRow[];
  myHistory: HistoryRow[];
  /** Only in a key holder's (elevated) session. */
  myAssigned?: AssignedRow[] | undefined;
  recentlyViewed?: ViewedRow[] | undefined;
}

function pupilRow(value: Record<string, unknown>): PupilRow | undefined {
  const { pupilId, pupilDisplayName, link } = value;
  if (!isNonEmptyString(pupilId) || typeof pupilDisplayName !== 'string') return undefined;
  if (!isNonEmptyString(link) || !link.startsWith('/')) return undefined;
  return { pupilId, pupilDisplayName, link };
}

function category(value: unknown): DashboardCategory | undefined {
  if (!isRecord(value) || !isNonEmptyString(value.categoryId) || typeof value.name !== 'string')
    return undefined;
  return { categoryId: value.categoryId, name: value.name };
}

function staffRef(value: unknown): StaffRef | undefined {
  if (!isRecord(value) || !isNonEmptyString(value.personId) || typeof value.name !== 'string')
    return undefined;
  return { personId: value.personId, name: value.name };
}

function alertRow(value: unknown): AlertRow | undefined {
  if (!isRecord(value) || !isRecord(value.subject)) return undefined;
  const row = pupilRow(value);
  const kind = oneOf(value.subject.kind, ['incident', 'document'] as const);
  const subjectId = optionalString(kind === 'document' ? value.subject.documentId : value.subject.incidentId);
  const categories = listOf(value.categories, category);
  const alertedBy = staffRef(value.alertedBy);
  if (!row || !kind || !subjectId || !categories || !alertedBy || !isNonEmptyString(value.alertedAt)) {
    return undefined;
  }
  return { ...row, kind, subjectId, categories, alertedBy, alertedAt: value.alertedAt };
}

function assignedRow(value: unknown): AssignedRow | undefined {
  if (!isRecord(value)) return undefined;
  const row = pupilRow(value);
  const categories = listOf(value.categories, category);
  const assignedBy = staffRef(value.assignedBy);
  const { incidentId, number, assignedAt } = value;
  if (!row || !categories || !assignedBy || !isNonEmptyString(incidentId)) return undefined;
  if (typeof number !== 'number' || !isNonEmptyString(assignedAt)) return undefined;
  return { ...row, incidentId, number, categories, assignedBy, assignedAt };
}

function historyRow(value: unknown): HistoryRow | undefined {
  if (!isRecord(value)) return undefined;
  const row = pupilRow(value);
  const categories = listOf(value.categories, category);
  const what = oneOf(value.what, ['incident', 'action'] as const);
  const { incidentId, number, recordedAt } = value;
  if (!row || !categories || !what || !isNonEmptyString(incidentId)) return undefined;
  if (typeof number !== 'number' || !isNonEmptyString(recordedAt)) return undefined;
  return { ...row, what, incidentId, number, categories, recordedAt };
}

function viewedRow(value: unknown): ViewedRow | undefined {
  if (!isRecord(value)) return undefined;
  const row = pupilRow(value);
  if (!row || !isNonEmptyString(value.viewedAt)) return undefined;
  return { ...row, viewedAt: value.viewedAt };
}

/** A section the session may not have (undefined), or its rows; null when present but unreadable. */
function optionalSection<T>(value: unknown, read: (item: unknown) => T | undefined): T[] | undefined | null {
  if (value === undefined) return undefined;
  return listOf(value, read) ?? null;
}

export function parseDashboard(body: unknown): Dashboard | undefined {
  if (!isRecord(body)) return undefined;
  const alerts = listOf(body.alerts, alertRow);
  const myHistory = listOf(body.myHistory, historyRow);
  const myAssigned = optionalSection(body.myAssigned, assignedRow);
  const recentlyViewed = optionalSection(body.recentlyViewed, viewedRow);
  if (!alerts || !myHistory || myAssigned === null || recentlyViewed === null) return undefined;
  return { alerts, myHistory, myAssigned, recentlyViewed };
}

export function fetchDashboard(signal?: AbortSignal): Promise<ApiResult<Dashboard>> {
  return getParsed('/api/dashboard', parseDashboard, 'dashboard', signal);
}

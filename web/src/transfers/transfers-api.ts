/**
 * Admin > Transfers against /api/admin/transfers (lib/transfers/transfers-api.ts: listTransfers,
 * getTransfer, the decisions, confirmTransferReceipt, get/updateTransferSettings; shapes from
 * lib/transfers/transfer.ts and TransferListingSchema). Every answer is checked before a page sees it.
 */
import { getParsed, sendParsed, type ApiResult } from '../api/api-result';
import { itemsOf, listOf, oneOf, optionalString, positiveInteger, wholeNumber } from '../api/json-readers';
import { isNonEmptyString, isRecord } from '../api/json-shapes';

export const TRANSFER_STATUSES = [
  'Pending',
  'Requested',
  'Transferring',
  'Transferred',
  'Rejected',
  'Dismissed',
  'Cancelled',
  'Obsolete',
] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

export const TRANSFER_DIRECTIONS = ['incoming', 'outgoing'] as const;
export type TransferDirection = (typeof TRANSFER_DIRECTIONS)[number];

export const DECISIONS = ['request', 'dismiss', 'cancel', 'authorise', 'reject'] as const;
export type Decision = (typeof DECISIONS)[number];
export type AllowedAction = Decision | 'confirm-receipt';
const ALLOWED_ACTIONS: readonly AllowedAction[] = [...DECISIONS, 'confirm-receipt'];

export interface StaffRef {
  personId: string;
  name: string;
}

export interface MatchedOn {
  kind: 'upn' | 'uln';
  value: string;
}

/** One line of Admin > Transfers. */
export interface TransferListing {
  transferId: string;
  direction: TransferDirection;
  status: TransferStatus;
  /** This school's own record of the pupil. */
  pupilId: string;
  pupilName: string;
  otherSchoolName: string;
  matchedOn: MatchedOn;
  detectedAt: string;
  updatedAt: string;
  /** The KCSIE due date while the transfer is requested. */
  dueBy?: string;
  receiptConfirmed: boolean;
}

export interface TransferSide {
  schoolId: string;
  schoolName: string;
  pupilId: string;
  pupilName: string;
}

export interface TransferStep {
  status: TransferStatus;
  at: string;
  /** Absent for what Lantern did itself. */
  by?: StaffRef;
  schoolId?: string;
  note?: string;
}

export interface TransferClock {
  requestedAt: string;
  newTerm: boolean;
  dayOne: string;
  dueBy: string;
  remindAt: string;
  escalateAt: string;
  remindedAt?: string;
  escalatedAt?: string;
}

export interface ManifestFile {
  documentId: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
}

export interface TransferManifest {
  producedAt: string;
  counts: { incidents: number; actions: number; files: number };
  totalBytes: number;
  files: ManifestFile[];
  setSha256: string;
}

export interface TransferReceipt {
  confirmedAt: string;
  confirmedBy: StaffRef;
  schoolId: string;
}

/** A transfer as this school sees it, with what it may do now. */
export interface TransferView {
  transferId: string;
  status: TransferStatus;
  from: TransferSide;
  to: TransferSide;
  matchedOn: MatchedOn;
  detectedAt: string;
  history: TransferStep[];
  clock?: TransferClock;
  settingsAtAuthorisation?: { categories: { categoryId: string; name: string }[] };
  manifest?: TransferManifest;
  receipt?: TransferReceipt;
  updatedAt: string;
  version: number;
  direction: TransferDirection;
  allowed: AllowedAction[];
}

export interface TransferSettings {
  categoryIds: string[];
  updatedAt?: string;
  updatedBy?: StaffRef;
  /** 0 until the first save. */
  version: number;
}

/** The list's filters, all sent as query parameters of the one GET. */
export interface TransferListQuery {
  direction?: TransferDirection;
  status?: TransferStatus;
  actionable?: boolean;
  q?: string;
}

const SHA256 = /^[0-9a-f]{64}$/;
const BASE = '/api/admin/transfers';

const isString = (value: unknown): value is string => typeof value === 'string';

function optionalPart<T>(value: unknown, read: (value: unknown) => T | undefined): T | undefined | null {
  return value === undefined ? undefined : (read(value) ?? null);
}

function readStaffRef(value: unknown): StaffRef | undefined {
  return isRecord(value) && isNonEmptyString(value.personId) && isString(value.name)
    ? { personId: value.personId, name: value.name }
    : undefined;
}

function readMatchedOn(value: unknown): MatchedOn | undefined {
  if (!isRecord(value) || !isString(value.value)) return undefined;
  const kind = oneOf(value.kind, ['upn', 'uln'] as const);
  return kind ? { kind, value: value.value } : undefined;
}

export function readTransferListing(value: unknown): TransferListing | undefined {
  if (!isRecord(value)) return undefined;
  const { transferId, pupilId, pupilName, otherSchoolName, detectedAt, updatedAt, receiptConfirmed } = value;
  const direction = oneOf(value.direction, TRANSFER_DIRECTIONS);
  const status = oneOf(value.status, TRANSFER_STATUSES);
  const matchedOn = readMatchedOn(value.matchedOn);
  if (!isNonEmptyString(transferId) || !isNonEmptyString(pupilId) || !direction || !status || !matchedOn) {
    return undefined;
  }
  if (!isString(pupilName) || !isString(otherSchoolName) || typeof receiptConfirmed !== 'boolean') {
    return undefined;
  }
  if (!isNonEmptyString(detectedAt) || !isNonEmptyString(updatedAt)) return undefined;
  const dueBy = optionalString(value.dueBy);
  return {
    transferId,
    direction,
    status,
    pupilId,
    pupilName,
    otherSchoolName,
    matchedOn,
    detectedAt,
    updatedAt,
    ...(dueBy ? { dueBy } : {}),
    receiptConfirmed,
  };
}

function readSide(value: unknown): TransferSide | undefined {
  if (!isRecord(value)) return undefined;
  const { schoolId, schoolName, pupilId, pupilName } = value;
  return isNonEmptyString(schoolId) &&
    isString(schoolName) &&
    isNonEmptyString(pupilId) &&
    isString(pupilName)
    ? { schoolId, schoolName, pupilId, pupilName }
    : undefined;
}

function readStep(value: unknown): TransferStep | undefined {
  if (!isRecord(value) || !isNonEmptyString(value.at)) return undefined;
  const status = oneOf(value.status, TRANSFER_STATUSES);
  const by = optionalPart(value.by, readStaffRef);
  if (!status || by === null) return undefined;
  const schoolId = optionalString(value.schoolId);
  const note = optionalString(value.note);
  return {
    status,
    at: value.at,
    ...(by ? { by } : {}),
    ...(schoolId ? { schoolId } : {}),
    ...(note ? { note } : {}),
  };
}

function readClock(value: unknown): TransferClock | undefined {
  if (!isRecord(value) || typeof value.newTerm !== 'boolean') return undefined;
  const { requestedAt, dayOne, dueBy, remindAt, escalateAt } = value;
  if (!isNonEmptyString(requestedAt) || !isNonEmptyString(dayOne) || !isNonEmptyString(dueBy))
    return undefined;
  if (!isNonEmptyString(remindAt) || !isNonEmptyString(escalateAt)) return undefined;
  const remindedAt = optionalString(value.remindedAt);
  const escalatedAt = optionalString(value.escalatedAt);
  return {
    requestedAt,
    newTerm: value.newTerm,
    dayOne,
    dueBy,
    remindAt,
    escalateAt,
    ...(remindedAt ? { remindedAt } : {}),
    ...(escalatedAt ? { escalatedAt } : {}),
  };
}

function readManifestFile(value: unknown): ManifestFile | undefined {
  if (!isRecord(value) || !isNonEmptyString(value.documentId) || !isString(value.fileName)) return undefined;
  const sizeBytes = wholeNumber(value.sizeBytes);
  if (sizeBytes === undefined || !isString(value.sha256) || !SHA256.test(value.sha256)) return undefined;
  return { documentId: value.documentId, fileName: value.fileName, sizeBytes, sha256: value.sha256 };
}

function readManifest(value: unknown): TransferManifest | undefined {
  if (!isRecord(value) || !isNonEmptyString(value.producedAt) || !isRecord(value.counts)) return undefined;
  const incidents = wholeNumber(value.counts.incidents);
  const actions = wholeNumber(value.counts.actions);
  const fileCount = wholeNumber(value.counts.files);
  const totalBytes = wholeNumber(value.totalBytes);
  const files = listOf(value.files, readManifestFile);
  if (incidents === undefined || actions === undefined || fileCount === undefined) return undefined;
  if (totalBytes === undefined || !files || !isString(value.setSha256) || !SHA256.test(value.setSha256)) {
    return undefined;
  }
  return {
    producedAt: value.producedAt,
    counts: { incidents, actions, files: fileCount },
    totalBytes,
    files,
    setSha256: value.setSha256,
  };
}

function readReceipt(value: unknown): TransferReceipt | undefined {
  if (!isRecord(value) || !isNonEmptyString(value.confirmedAt) || !isNonEmptyString(value.schoolId)) {
    return undefined;
  }
  const confirmedBy = readStaffRef(value.confirmedBy);
  return confirmedBy ? { confirmedAt: value.confirmedAt, confirmedBy, schoolId: value.schoolId } : undefined;
}

function readSettingsInForce(value: unknown): TransferView['settingsAtAuthorisation'] {
  if (!isRecord(value)) return undefined;
  const categories = listOf(value.categories, (item) =>
    isRecord(item) && isNonEmptyString(item.categoryId) && isString(item.name)
      ? { categoryId: item.categoryId, name: item.name }
      : undefined,
  );
  return categories ? { categories } : undefined;
}

export function readTransferView(value: unknown): TransferView | undefined {
  if (!isRecord(value)) return undefined;
  const { transferId, detectedAt, updatedAt } = value;
  const status = oneOf(value.status, TRANSFER_STATUSES);
  const direction = oneOf(value.direction, TRANSFER_DIRECTIONS);
  const from = readSide(value.from);
  const to = readSide(value.to);
  const matchedOn = readMatchedOn(value.matchedOn);
  const history = listOf(value.history, readStep);
  const allowed = listOf(value.allowed, (item) => oneOf(item, ALLOWED_ACTIONS));
  const version = positiveInteger(value.version);
  if (!isNonEmptyString(transferId) || !isNonEmptyString(detectedAt) || !isNonEmptyString(updatedAt)) {
    return undefined;
  }
  if (!status || !direction || !from || !to || !matchedOn || !history || !allowed || !version) {
    return undefined;
  }
  const clock = optionalPart(value.clock, readClock);
  const settings = optionalPart(value.settingsAtAuthorisation, readSettingsInForce);
  const manifest = optionalPart(value.manifest, readManifest);
  const receipt = optionalPart(value.receipt, readReceipt);
  if (clock === null || settings === null || manifest === null || receipt === null) return undefined;
  return {
    transferId,
    status,
    from,
    to,
    matchedOn,
    detectedAt,
    history,
    ...(clock ? { clock } : {}),
    ...(settings ? { settingsAtAuthorisation: settings } : {}),
    ...(manifest ? { manifest } : {}),
    ...(receipt ? { receipt } : {}),
    updatedAt,
    version,
    direction,
    allowed,
  };
}

function readSettings(body: unknown): TransferSettings | undefined {
  if (!isRecord(body)) return undefined;
  const categoryIds = listOf(body.categoryIds, (item) => (isString(item) ? item : undefined));
  const version = wholeNumber(body.version);
  const updatedBy = optionalPart(body.updatedBy, readStaffRef);
  if (!categoryIds || version === undefined || updatedBy === null) return undefined;
  const updatedAt = optionalString(body.updatedAt);
  return {
    categoryIds,
    version,
    ...(updatedAt ? { updatedAt } : {}),
    ...(updatedBy ? { updatedBy } : {}),
  };
}

/** The query string for the list's filters ("" when none is set), as the address and the API take it. */
export function transferListSearch(query: TransferListQuery): string {
  const params = new URLSearchParams();
  if (query.direction) params.set('direction', query.direction);
  if (query.status) params.set('status', query.status);
  if (query.actionable) params.set('actionable', 'true');
  if (query.q) params.set('q', query.q);
  return params.toString();
}

/** The filters read back from a query string; unknown values are ignored. */
export function transferListQuery(search: string): TransferListQuery {
  const params = new URLSearchParams(search);
  const direction = oneOf(params.get('direction'), TRANSFER_DIRECTIONS);
  const status = oneOf(params.get('status'), TRANSFER_STATUSES);
  const q = params.get('q')?.trim().slice(0, 100);
  return {
    ...(direction ? { direction } : {}),
    ...(status ? { status } : {}),
    ...(params.get('actionable') === 'true' ? { actionable: true } : {}),
    ...(q ? { q } : {}),
  };
}

function transferPath(transferId: string, action?: string): `/api/${string}` {
  return `${BASE}/${encodeURIComponent(transferId)}${action ? `/${action}` : ''}`;
}

/** This school's transfers, newest first, filtered by the API (one Query). */
export function listTransfers(
  query: TransferListQuery,
  signal?: AbortSignal,
): Promise<ApiResult<TransferListing[]>> {
  const search = transferListSearch(query);
  return getParsed(
    search ? `${BASE}?${search}` : BASE,
    (body) => itemsOf(body, readTransferListing),
    'list of transfers',
    signal,
  );
}

export function getTransfer(transferId: string, signal?: AbortSignal): Promise<ApiResult<TransferView>> {
  return getParsed(transferPath(transferId), readTransferView, 'transfer', signal);
}

/** A decision, once: a second one is answered 409 with the reason (e.g. who decided first). */
export function decideTransfer(
  transferId: string,
  decision: Decision,
  note?: string,
): Promise<ApiResult<TransferView>> {
  const trimmed = note?.trim();
  return sendParsed(
    transferPath(transferId, decision),
    'POST',
    trimmed ? { note: trimmed } : {},
    readTransferView,
    'transfer',
  );
}

export function confirmTransferReceipt(transferId: string): Promise<ApiResult<TransferView>> {
  return sendParsed(transferPath(transferId, 'receipt'), 'POST', {}, readTransferView, 'transfer');
}

export function fetchTransferSettings(signal?: AbortSignal): Promise<ApiResult<TransferSettings>> {
  return getParsed(`${BASE}/settings`, readSettings, 'transfer settings', signal);
}

/** Saves which categories transfer; `version` is the one read, so a change made meanwhile is a 409. */
export function saveTransferSettings(
  categoryIds: readonly string[],
  version: number,
): Promise<ApiResult<TransferSettings>> {
  return sendParsed(
    `${BASE}/settings`,
    'PUT',
    { categoryIds: [...categoryIds], version },
    readSettings,
    'transfer settings',
  );
}

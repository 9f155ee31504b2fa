/**
 * Incidents, actions, alerts read and the chronology (lib/incidents/incidents-api.ts), and the pupil
 * picker the add-incident form uses (GET /api/pupils/lookup, open to everyone who may record).
 */
import { getParsed, sendParsed, type ApiResult } from './api-result';
import {
  itemsOf,
  listOf,
  oneOf,
  optionalString,
  positiveInteger,
  stringArray,
  wholeNumber,
} from './json-readers';
import { isNonEmptyString, isRecord } from './json-shapes';

export const INVOLVEMENT_ROLES = ['subject', 'victim', 'perpetrator', 'witness', 'other'] as const;
export type InvolvementRole = (typeof INVOLVEMENT_ROLES)[number];
export type IncidentStatus = 'active' | 'closed';
export type BodyView = 'front' | 'back';

export interface StaffRef {
  personId: string;
  name: string;
}

export interface BodyMapMarker {
  view: BodyView;
  /** Fractions of the outline's width and height. */
  x: number;
  y: number;
  note: string;
}

export type ReferralDecision =
  | { decision: 'referred'; agencyIds: string[]; rationale: string }
  | { decision: 'not-referred'; rationale: string };

export type ReferralRecord = ReferralDecision & { decidedAt: string; decidedBy: StaffRef };

export interface OtherPupil {
  pupilId: string;
  displayName: string;
  role: InvolvementRole;
}

/** Who deleted an incident or action, when and why (REC-6): editors see it in place of the record. */
export interface DeletionMarker {
  at: string;
  by: StaffRef;
  reason: string;
}

export interface IncidentAction {
  actionId: string;
  incidentId: string;
  pupilId: string;
  text: string;
  categoryIds: string[];
  agencyIds: string[];
  occurredAt: string;
  recordedAt: string;
  recordedBy: StaffRef;
  /** The version changes are made against (REC-6). */
  version: number;
  deleted?: DeletionMarker;
  /** Added while training mode was on (REC-11). */
  training?: boolean;
}

/** One pupil's copy of an incident: their role and categories, the other pupils by name and role. */
export interface IncidentCopy {
  incidentId: string;
  number: number;
  pupilId: string;
  role: InvolvementRole;
  categoryIds: string[];
  otherPupils: OtherPupil[];
  text: string;
  occurredAt: string;
  recordedAt: string;
  recordedBy: StaffRef;
  status: IncidentStatus;
  assignedTo?: StaffRef;
  agencyIds: string[];
  bodyMap: BodyMapMarker[];
  referral?: ReferralRecord;
  documentIds: string[];
  actions: IncidentAction[];
  version: number;
  deleted?: DeletionMarker;
  /** Added while training mode was on (REC-11). */
  training?: boolean;
}

export interface PupilRef {
  pupilId: string;
  displayName: string;
  yearGroup?: string;
  tutorGroup?: string;
}

export interface ChronologyPage {
  pupil: PupilRef;
  items: IncidentCopy[];
  /** Pinned to the top of the chronology (REC-6); listed on the first page only. */
  pinned: IncidentCopy[];
  nextCursor?: string;
}

export interface IncidentView {
  pupil: PupilRef;
  incident: IncidentCopy;
  unreadAlert?: { alertedBy: StaffRef; alertedAt: string };
  /** Only the unread alert lets this person read it: after "Mark as read" they cannot open it again. */
  readableOnlyUntilMarkedRead: boolean;
}

export interface IncidentReceipt {
  incidentId: string;
  number: number;
  pupilId: string;
}

export interface AlertChoice {
  personIds: string[];
  alertGroupIds: string[];
}

export interface LinkedPupilInput {
  pupilId: string;
  role: InvolvementRole;
  categoryIds: string[];
  monitor: boolean;
}

export interface NewIncident {
  incidentId: string;
  pupilId: string;
  text: string;
  categoryIds: string[];
  linkedPupils: LinkedPupilInput[];
  occurredAt: string;
  status: IncidentStatus;
  assignedTo?: string;
  agencyIds: string[];
  bodyMap: BodyMapMarker[];
  referral?: ReferralDecision;
  alerts: AlertChoice;
  documentIds: string[];
  shareDocumentsWithLinked: boolean;
}

export interface NewAction {
  actionId: string;
  pupilId: string;
  text: string;
  categoryIds: string[];
  agencyIds: string[];
  occurredAt: string;
  alerts: AlertChoice;
  alertIncidentRecipients: boolean;
  copyToLinkedPupils: boolean;
  documentIds: string[];
}

export interface CategoryCount {
  categoryId: string;
  count: number;
}

export interface ChronologyOverview {
  total: number;
  byCategory: CategoryCount[];
  byMonth: { month: string; count: number }[];
}

function parseStaffRef(value: unknown): StaffRef | undefined {
  if (!isRecord(value)) return undefined;
  const { personId, name } = value;
  return isNonEmptyString(personId) && typeof name === 'string' ? { personId, name } : undefined;
}

function parseMarker(value: unknown): BodyMapMarker | undefined {
  if (!isRecord(value)) return undefined;
  const view = oneOf(value.view, ['front', 'back'] as const);
  const { x, y, note } = value;
  if (!view || typeof x !== 'number' || typeof y !== 'number' || typeof note !== 'string') return undefined;
  return { view, x, y, note };
}

function parseReferral(value: unknown): ReferralRecord | undefined {
  if (!isRecord(value)) return undefined;
  const decidedBy = parseStaffRef(value.decidedBy);
  const { decidedAt, rationale } = value;
  if (!decidedBy || !isNonEmptyString(decidedAt) || typeof rationale !== 'string') return undefined;
  if (value.decision === 'not-referred') return { decision: 'not-referred', rationale, decidedAt, decidedBy };
  const agencyIds = stringArray(value.agencyIds);
  return value.decision === 'referred' && agencyIds
    ? { decision: 'referred', agencyIds, rationale, decidedAt, decidedBy }
    : undefined;
}

export function parseDeletionMarker(value: unknown): DeletionMarker | undefined {
  if (!isRecord(value)) return undefined;
  const by = parseStaffRef(value.by);
  const { at, reason } = value;
  return by && isNonEmptyString(at) && typeof reason === 'string' ? { at, by, reason } : undefined;
}

function parseOtherPupil(value: unknown): OtherPupil | undefined {
  if (!isRecord(value)) return undefined;
  const role = oneOf(value.role, INVOLVEMENT_ROLES);
  const { pupilId, displayName } = value;
  return role && isNonEmptyString(pupilId) && typeof displayName === 'string'
    ? { pupilId, displayName, role }
    : undefined;
}

export function parseAction(value: unknown): IncidentAction | undefined {
  if (!isRecord(value)) return undefined;
  const { actionId, incidentId, pupilId, text, occurredAt, recordedAt } = value;
  const categoryIds = stringArray(value.categoryIds);
  const agencyIds = stringArray(value.agencyIds);
  const recordedBy = parseStaffRef(value.recordedBy);
  const version = positiveInteger(value.version);
  const deleted = value.deleted === undefined ? undefined : parseDeletionMarker(value.deleted);
  if (
    version === undefined ||
    (value.deleted !== undefined && !deleted) ||
    !isNonEmptyString(actionId) ||
    !isNonEmptyString(incidentId) ||
    !isNonEmptyString(pupilId) ||
    typeof text !== 'string' ||
    !isNonEmptyString(occurredAt) ||
    !isNonEmptyString(recordedAt) ||
    !categoryIds ||
    !agencyIds ||
    !recordedBy
  ) {
    return undefined;
  }
  return {
    actionId,
    incidentId,
    pupilId,
    text,
    categoryIds,
    agencyIds,
    occurredAt,
    recordedAt,
    recordedBy,
    version,
    ...(deleted ? { deleted } : {}),
    ...(value.training === true ? { training: true } : {}),
  };
}

export function parseIncidentCopy(value: unknown): IncidentCopy | undefined {
  if (!isRecord(value)) return undefined;
  const { incidentId, pupilId, text, occurredAt, recordedAt } = value;
  const number = positiveInteger(value.number);
  const role = oneOf(value.role, INVOLVEMENT_ROLES);
  const status = oneOf(value.status, ['active', 'closed'] as const);
  const categoryIds = stringArray(value.categoryIds);
  const agencyIds = stringArray(value.agencyIds);
  const documentIds = stringArray(value.documentIds);
  const otherPupils = listOf(value.otherPupils, parseOtherPupil);
  const bodyMap = listOf(value.bodyMap, parseMarker);
  const actions = listOf(value.actions, parseAction);
  const recordedBy = parseStaffRef(value.recordedBy);
  const assignedTo = value.assignedTo === undefined ? undefined : parseStaffRef(value.assignedTo);
  const referral = value.referral === undefined ? undefined : parseReferral(value.referral);
  const version = positiveInteger(value.version);
  const deleted = value.deleted === undefined ? undefined : parseDeletionMarker(value.deleted);
  if (
    version === undefined ||
    (value.deleted !== undefined && !deleted) ||
    !isNonEmptyString(incidentId) ||
    !isNonEmptyString(pupilId) ||
    typeof text !== 'string' ||
    !isNonEmptyString(occurredAt) ||
    !isNonEmptyString(recordedAt) ||
    number === undefined ||
    !role ||
    !status ||
    !categoryIds ||
    !agencyIds ||
    !documentIds ||
    !otherPupils ||
    !bodyMap ||
    !actions ||
    !recordedBy ||
    (value.assignedTo !== undefined && !assignedTo) ||
    (value.referral !== undefined && !referral)
  ) {
    return undefined;
  }
  return {
    incidentId,
    number,
    pupilId,
    role,
    categoryIds,
    otherPupils,
    text,
    occurredAt,
    recordedAt,
    recordedBy,
    status,
    ...(assignedTo ? { assignedTo } : {}),
    agencyIds,
    bodyMap,
    ...(referral ? { referral } : {}),
    documentIds,
    actions,
    version,
    ...(deleted ? { deleted } : {}),
    ...(value.training === true ? { training: true } : {}),
  };
}

function parsePupilRef(value: unknown): PupilRef | undefined {
  if (!isRecord(value)) return undefined;
  const { pupilId, displayName } = value;
  if (!isNonEmptyString(pupilId) || typeof displayName !== 'string') return undefined;
  const yearGroup = optionalString(value.yearGroup);
  const tutorGroup = optionalString(value.tutorGroup);
  return {
    pupilId,
    displayName,
    ...(yearGroup ? { yearGroup } : {}),
    ...(tutorGroup ? { tutorGroup } : {}),
  };
}

function parseChronologyPage(body: unknown): ChronologyPage | undefined {
  if (!isRecord(body)) return undefined;
  const pupil = parsePupilRef(body.pupil);
  const items = itemsOf(body, parseIncidentCopy);
  const pinned = listOf(body.pinned ?? [], parseIncidentCopy);
  const nextCursor = optionalString(body.nextCursor);
  return pupil && items && pinned
    ? { pupil, items, pinned, ...(nextCursor ? { nextCursor } : {}) }
    : undefined;
}

function parseIncidentView(body: unknown): IncidentView | undefined {
  if (!isRecord(body)) return undefined;
  const pupil = parsePupilRef(body.pupil);
  const incident = parseIncidentCopy(body.incident);
  const { readableOnlyUntilMarkedRead } = body;
  let unreadAlert: IncidentView['unreadAlert'];
  if (isRecord(body.unreadAlert)) {
    const alertedBy = parseStaffRef(body.unreadAlert.alertedBy);
    const alertedAt = optionalString(body.unreadAlert.alertedAt);
    if (!alertedBy || !alertedAt) return undefined;
    unreadAlert = { alertedBy, alertedAt };
  }
  if (!pupil || !incident || typeof readableOnlyUntilMarkedRead !== 'boolean') return undefined;
  return { pupil, incident, ...(unreadAlert ? { unreadAlert } : {}), readableOnlyUntilMarkedRead };
}

function parseReceipt(body: unknown): IncidentReceipt | undefined {
  if (!isRecord(body)) return undefined;
  const { incidentId, pupilId } = body;
  const number = positiveInteger(body.number);
  return isNonEmptyString(incidentId) && isNonEmptyString(pupilId) && number !== undefined
    ? { incidentId, pupilId, number }
    : undefined;
}

function parseOverview(body: unknown): ChronologyOverview | undefined {
  if (!isRecord(body)) return undefined;
  const total = wholeNumber(body.total);
  const byCategory = listOf(body.byCategory, (row) => {
    if (!isRecord(row)) return undefined;
    const count = positiveInteger(row.count);
    return isNonEmptyString(row.categoryId) && count ? { categoryId: row.categoryId, count } : undefined;
  });
  const byMonth = listOf(body.byMonth, (row) => {
    if (!isRecord(row)) return undefined;
    const count = positiveInteger(row.count);
    return isNonEmptyString(row.month) && count ? { month: row.month, count } : undefined;
  });
  return total !== undefined && byCategory && byMonth ? { total, byCategory, byMonth } : undefined;
}

const incidentPath = (incidentId: string): `/api/${string}` =>
  `/api/incidents/${encodeURIComponent(incidentId)}`;

export function addIncident(incident: NewIncident): Promise<ApiResult<IncidentReceipt>> {
  return sendParsed('/api/incidents', 'POST', incident, parseReceipt, 'new incident');
}

export function getIncident(
  incidentId: string,
  pupilId: string,
  signal?: AbortSignal,
): Promise<ApiResult<IncidentView>> {
  return getParsed(
    `${incidentPath(incidentId)}?pupilId=${encodeURIComponent(pupilId)}`,
    parseIncidentView,
    'incident',
    signal,
  );
}

/** Removes this person's alert to the incident; answers their next unread alert, if any. */
export function markIncidentRead(
  incidentId: string,
): Promise<ApiResult<{ next?: { incidentId: string; pupilId: string } }>> {
  return sendParsed(
    `${incidentPath(incidentId)}/read`,
    'POST',
    undefined,
    (body) => {
      if (!isRecord(body)) return undefined;
      if (!isRecord(body.next)) return {};
      const { incidentId: nextId, pupilId } = body.next;
      return isNonEmptyString(nextId) && isNonEmptyString(pupilId)
        ? { next: { incidentId: nextId, pupilId } }
        : undefined;
    },
    'answer to marking the incident read',
  );
}

export function addAction(incidentId: string, action: NewAction): Promise<ApiResult<IncidentAction>> {
  return sendParsed(`${incidentPath(incidentId)}/actions`, 'POST', action, parseAction, 'new action');
}

export function getChronology(
  pupilId: string,
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<ApiResult<ChronologyPage>> {
  const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
  return getParsed(
    `/api/chronology/${encodeURIComponent(pupilId)}${query}`,
    parseChronologyPage,
    'chronology',
    signal,
  );
}

export function getChronologyOverview(
  pupilId: string,
  signal?: AbortSignal,
): Promise<ApiResult<ChronologyOverview>> {
  return getParsed(
    `/api/chronology/${encodeURIComponent(pupilId)}/overview`,
    parseOverview,
    'incident overview',
    signal,
  );
}

/** Up to 20 active pupils whose name has a part starting with `query` (name and groups only). */
export function lookupPupils(query: string, signal?: AbortSignal): Promise<ApiResult<PupilRef[]>> {
  return getParsed(
    `/api/pupils/lookup?q=${encodeURIComponent(query)}`,
    (body) => itemsOf(body, parsePupilRef),
    'list of pupils',
    signal,
  );
}

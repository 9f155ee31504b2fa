/**
 * Pupils against /api/pupils (lib/pupils/pupils-api.ts): a pupil's record (profile, contacts, links and
 * current monitoring), search and class registers, and the changes an admin may make by hand.
 */
import { getParsed, sendParsed, sendWithoutAnswer, type ApiResult } from './api-result';
import { itemsOf, listOf, oneOf, optionalString, positiveInteger, stringArray } from './json-readers';
import { isNonEmptyString, isRecord } from './json-shapes';

export type PupilSource = 'mis' | 'manual';
export type Gender = 'M' | 'F' | 'X' | 'U';
export type SenProvision = 'E' | 'K' | 'N';
export type PupilLinkKind = 'sibling' | 'manual';

const SOURCES: readonly PupilSource[] = ['mis', 'manual'];
export const GENDERS: readonly Gender[] = ['M', 'F', 'X', 'U'];
const SEN_PROVISIONS: readonly SenProvision[] = ['E', 'K', 'N'];
const LINK_KINDS: readonly PupilLinkKind[] = ['sibling', 'manual'];

/** A pupil's details as the profile shows them (lib/pupils/pupil.ts PupilDetails). */
export interface PupilDetails {
  legalForename: string;
  legalSurname: string;
  preferredForename?: string;
  preferredSurname?: string;
  middleNames?: string;
  dateOfBirth: string;
  gender: Gender;
  upn?: string;
  uln?: string;
  admissionDate?: string;
  leavingDate?: string;
  yearGroup?: string;
  tutorGroup?: string;
  senProvision?: SenProvision;
  pupilPremium?: boolean;
  freeSchoolMeals?: boolean;
  englishAdditionalLanguage?: boolean;
  ethnicity?: string;
  religion?: string;
  lookedAfter?: boolean;
  medicalConditions?: string[];
}

/** What lists and search results show (lib/pupils/pupil.ts PupilSummary). */
export interface PupilSummary {
  pupilId: string;
  displayName: string;
  yearGroup?: string;
  tutorGroup?: string;
  archived: boolean;
}

/** A search result or class register row, with the categories the pupil is monitored under now. */
export interface PupilListItem extends PupilSummary {
  monitoring: CurrentMonitoring[];
}

export interface PupilListPage {
  items: PupilListItem[];
  nextCursor?: string;
}

/** What the pupil list asks for (lib/pupils/pupil-schemas.ts PupilListQuery). */
export interface PupilListQuery {
  q?: string;
  includeArchived?: boolean;
  classId?: string;
  monitored?: boolean;
  categoryId?: string;
  limit?: number;
  cursor?: string;
}

export interface ClassChoice {
  classId: string;
  name: string;
  kind: 'tutor' | 'year';
}

export interface CategoryChoice {
  categoryId: string;
  name: string;
  colour: string;
  parentId?: string;
}

export interface PupilFilters {
  classes: ClassChoice[];
  categories: CategoryChoice[];
}

export interface Contact {
  contactId: string;
  name: string;
  relationship: string;
  phone?: string;
  email?: string;
  address?: string;
  parentalResponsibility: boolean;
  priority?: number;
  source: PupilSource;
  version: number;
}

export interface PupilLink {
  otherPupilId: string;
  kind: PupilLinkKind;
  note?: string;
  other: PupilSummary;
  source: PupilSource;
}

/** A category the pupil is monitored under now, as far as the viewer may see. */
export interface CurrentMonitoring {
  categoryId: string;
  categoryName: string;
  colour: string;
  since: string;
}

/** One pupil's record: what every tab of the pupil page is given. */
export interface PupilView {
  pupilId: string;
  displayName: string;
  details: PupilDetails;
  classIds: string[];
  archived: boolean;
  source: PupilSource;
  version: number;
  contacts: Contact[];
  links: PupilLink[];
  monitoring: CurrentMonitoring[];
}

function optionalBoolean(value: unknown): boolean | undefined | null {
  if (value === undefined) return undefined;
  return typeof value === 'boolean' ? value : null;
}

const OPTIONAL_TEXT = [
  'preferredForename',
  'preferredSurname',
  'middleNames',
  'upn',
  'uln',
  'admissionDate',
  'leavingDate',
  'yearGroup',
  'tutorGroup',
  'ethnicity',
  'religion',
] as const;
const OPTIONAL_FLAGS = [
  'pupilPremium',
  'freeSchoolMeals',
  'englishAdditionalLanguage',
  'lookedAfter',
] as const;

export function parsePupilDetails(value: unknown): PupilDetails | undefined {
  if (!isRecord(value)) return undefined;
  const { legalForename, legalSurname, dateOfBirth } = value;
  const gender = oneOf(value.gender, GENDERS);
  if (!isNonEmptyString(legalForename) || !isNonEmptyString(legalSurname) || !isNonEmptyString(dateOfBirth)) {
    return undefined;
  }
  if (!gender) return undefined;
  const details: PupilDetails = { legalForename, legalSurname, dateOfBirth, gender };
  for (const name of OPTIONAL_TEXT) {
    const text = optionalString(value[name]);
    if (text !== undefined) details[name] = text;
  }
  for (const name of OPTIONAL_FLAGS) {
    const flag = optionalBoolean(value[name]);
    if (flag === null) return undefined;
    if (flag !== undefined) details[name] = flag;
  }
  if (value.senProvision !== undefined) {
    const sen = oneOf(value.senProvision, SEN_PROVISIONS);
    if (!sen) return undefined;
    details.senProvision = sen;
  }
  if (value.medicalConditions !== undefined) {
    const conditions = stringArray(value.medicalConditions);
    if (!conditions) return undefined;
    details.medicalConditions = conditions;
  }
  return details;
}

export function parsePupilSummary(value: unknown): PupilSummary | undefined {
  if (!isRecord(value)) return undefined;
  const { pupilId, displayName, archived } = value;
  if (!isNonEmptyString(pupilId) || typeof displayName !== 'string' || typeof archived !== 'boolean') {
    return undefined;
  }
  const yearGroup = optionalString(value.yearGroup);
  const tutorGroup = optionalString(value.tutorGroup);
  return {
    pupilId,
    displayName,
    archived,
    ...(yearGroup === undefined ? {} : { yearGroup }),
    ...(tutorGroup === undefined ? {} : { tutorGroup }),
  };
}

export function parseContact(value: unknown): Contact | undefined {
  if (!isRecord(value)) return undefined;
  const { contactId, name, relationship, parentalResponsibility, priority } = value;
  const source = oneOf(value.source, SOURCES);
  const version = positiveInteger(value.version);
  if (!isNonEmptyString(contactId) || typeof name !== 'string' || typeof relationship !== 'string') {
    return undefined;
  }
  if (typeof parentalResponsibility !== 'boolean' || !source || version === undefined) return undefined;
  const contact: Contact = { contactId, name, relationship, parentalResponsibility, source, version };
  for (const field of ['phone', 'email', 'address'] as const) {
    const text = optionalString(value[field]);
    if (text !== undefined) contact[field] = text;
  }
  const order = positiveInteger(priority);
  if (order !== undefined) contact.priority = order;
  return contact;
}

export function parseLink(value: unknown): PupilLink | undefined {
  if (!isRecord(value)) return undefined;
  const { otherPupilId } = value;
  const kind = oneOf(value.kind, LINK_KINDS);
  const source = oneOf(value.source, SOURCES);
  const other = parsePupilSummary(value.other);
  if (!isNonEmptyString(otherPupilId) || !kind || !source || !other) return undefined;
  const note = optionalString(value.note);
  return { otherPupilId, kind, other, source, ...(note === undefined ? {} : { note }) };
}

export function parseCurrentMonitoring(value: unknown): CurrentMonitoring | undefined {
  if (!isRecord(value)) return undefined;
  const { categoryId, categoryName, colour, since } = value;
  if (!isNonEmptyString(categoryId) || typeof categoryName !== 'string') return undefined;
  if (typeof colour !== 'string' || !isNonEmptyString(since)) return undefined;
  return { categoryId, categoryName, colour, since };
}

export function parsePupilView(body: unknown): PupilView | undefined {
  if (!isRecord(body) || !isRecord(body.pupil)) return undefined;
  const { pupilId, displayName, archived } = body.pupil;
  const details = parsePupilDetails(body.pupil);
  const classIds = stringArray(body.pupil.classIds);
  const source = oneOf(body.pupil.source, SOURCES);
  const version = positiveInteger(body.pupil.version);
  const contacts = listOf(body.contacts, parseContact);
  const links = listOf(body.links, parseLink);
  const monitoring = listOf(body.monitoring, parseCurrentMonitoring);
  if (!isNonEmptyString(pupilId) || typeof displayName !== 'string' || typeof archived !== 'boolean') {
    return undefined;
  }
  if (!details || !classIds || !source || version === undefined || !contacts || !links || !monitoring) {
    return undefined;
  }
  return { pupilId, displayName, details, classIds, archived, source, version, contacts, links, monitoring };
}

function parseListItem(value: unknown): PupilListItem | undefined {
  const summary = parsePupilSummary(value);
  const monitoring = isRecord(value) ? listOf(value.monitoring, parseCurrentMonitoring) : undefined;
  return summary && monitoring ? { ...summary, monitoring } : undefined;
}

function parseListPage(body: unknown): PupilListPage | undefined {
  const items = itemsOf(body, parseListItem);
  if (!items || !isRecord(body)) return undefined;
  const nextCursor = optionalString(body.nextCursor);
  return nextCursor === undefined ? { items } : { items, nextCursor };
}

export function parseCategoryChoice(value: unknown): CategoryChoice | undefined {
  if (!isRecord(value)) return undefined;
  const { categoryId, name, colour } = value;
  if (!isNonEmptyString(categoryId) || typeof name !== 'string' || typeof colour !== 'string')
    return undefined;
  const parentId = optionalString(value.parentId);
  return parentId === undefined ? { categoryId, name, colour } : { categoryId, name, colour, parentId };
}

function parseClassChoice(value: unknown): ClassChoice | undefined {
  if (!isRecord(value)) return undefined;
  const { classId, name } = value;
  const kind = oneOf(value.kind, ['tutor', 'year'] as const);
  return isNonEmptyString(classId) && typeof name === 'string' && kind ? { classId, name, kind } : undefined;
}

function parseFilters(body: unknown): PupilFilters | undefined {
  if (!isRecord(body)) return undefined;
  const classes = listOf(body.classes, parseClassChoice);
  const categories = listOf(body.categories, parseCategoryChoice);
  return classes && categories ? { classes, categories } : undefined;
}

/** The query string of a pupil list request: only the filters in use. */
export function pupilListSearch(query: PupilListQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.includeArchived) params.set('includeArchived', 'true');
  if (query.classId) params.set('classId', query.classId);
  if (query.monitored) params.set('monitored', 'true');
  if (query.categoryId) params.set('categoryId', query.categoryId);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.cursor) params.set('cursor', query.cursor);
  return params.toString();
}

/** Search, a class register or the monitored pupils; the API audits each list it answers. */
export function listPupils(query: PupilListQuery, signal?: AbortSignal): Promise<ApiResult<PupilListPage>> {
  return getParsed(`/api/pupils?${pupilListSearch(query)}`, parseListPage, 'list of pupils', signal);
}

/** The classes and categories this person may filter the pupil list by. */
export function getPupilFilters(signal?: AbortSignal): Promise<ApiResult<PupilFilters>> {
  return getParsed('/api/pupils/filters', parseFilters, 'pupil list filters', signal);
}

/** What the add-pupil form sends (lib/pupils/pupil-schemas.ts NewPupil). */
export interface NewPupil {
  pupilId: string;
  legalForename: string;
  legalSurname: string;
  preferredForename?: string;
  preferredSurname?: string;
  middleNames?: string;
  dateOfBirth: string;
  gender: Gender;
  upn?: string;
  uln?: string;
  yearGroup?: string;
  classIds: string[];
}

/** The profile an add or change answers with; only the id matters to the pages. */
function parseProfile(body: unknown): { pupilId: string; version: number } | undefined {
  if (!isRecord(body)) return undefined;
  const version = positiveInteger(body.version);
  return isNonEmptyString(body.pupilId) && version !== undefined
    ? { pupilId: body.pupilId, version }
    : undefined;
}

export function addPupil(pupil: NewPupil): Promise<ApiResult<{ pupilId: string; version: number }>> {
  return sendParsed('/api/pupils', 'POST', pupil, parseProfile, 'new pupil');
}

/**
 * What the edit form sends (lib/pupils/pupil-schemas.ts PupilChanges): only what changed, with the
 * version read; an optional detail sent as null is cleared.
 */
export interface PupilChanges {
  version: number;
  legalForename?: string;
  legalSurname?: string;
  dateOfBirth?: string;
  gender?: Gender;
  preferredForename?: string | null;
  preferredSurname?: string | null;
  middleNames?: string | null;
  yearGroup?: string | null;
  upn?: string | null;
  uln?: string | null;
  classIds?: string[];
}

/** Changes a pupil added by hand; an MIS pupil's details belong to the MIS (409). */
export function updatePupil(
  pupilId: string,
  changes: PupilChanges,
): Promise<ApiResult<{ pupilId: string; version: number }>> {
  return sendParsed(
    `/api/pupils/${encodeURIComponent(pupilId)}`,
    'PATCH',
    changes,
    parseProfile,
    "pupil's record",
  );
}

/** Archives (or brings back) a pupil added by hand; `version` is the one read. */
export function setPupilArchived(
  pupilId: string,
  archived: boolean,
  version: number,
): Promise<ApiResult<{ pupilId: string; version: number }>> {
  return sendParsed(
    `/api/pupils/${encodeURIComponent(pupilId)}/${archived ? 'archive' : 'unarchive'}`,
    'POST',
    { version },
    parseProfile,
    "pupil's record",
  );
}

/** What the add-contact form sends (lib/pupils/pupil-schemas.ts NewContact). */
export interface NewContact {
  contactId: string;
  name: string;
  relationship: string;
  phone?: string;
  email?: string;
  address?: string;
  parentalResponsibility: boolean;
  priority?: number;
}

export function addContact(pupilId: string, contact: NewContact): Promise<ApiResult<Contact>> {
  return sendParsed(
    `/api/pupils/${encodeURIComponent(pupilId)}/contacts`,
    'POST',
    contact,
    parseContact,
    'contact',
  );
}

/** Replaces a contact added by hand, against the version read (MIS contacts: 409). */
export function updateContact(
  pupilId: string,
  contactId: string,
  changes: Omit<NewContact, 'contactId'> & { version: number },
): Promise<ApiResult<Contact>> {
  return sendParsed(
    `/api/pupils/${encodeURIComponent(pupilId)}/contacts/${encodeURIComponent(contactId)}`,
    'PATCH',
    changes,
    parseContact,
    'contact',
  );
}

export function deleteContact(pupilId: string, contact: Contact): Promise<ApiResult<true>> {
  return sendWithoutAnswer(
    `/api/pupils/${encodeURIComponent(pupilId)}/contacts/${encodeURIComponent(contact.contactId)}?version=${contact.version}`,
    'DELETE',
  );
}

/** A pupil's record; reading it is audited. A pupil the viewer may not see answers 404. */
export function getPupil(pupilId: string, signal?: AbortSignal): Promise<ApiResult<PupilView>> {
  return getParsed(`/api/pupils/${encodeURIComponent(pupilId)}`, parsePupilView, "pupil's record", signal);
}

/** Links two pupils by hand (cousins, same household), with a note saying what connects them. */
export function addPupilLink(
  pupilId: string,
  otherPupilId: string,
  note: string,
): Promise<ApiResult<PupilLink>> {
  return sendParsed(
    `/api/pupils/${encodeURIComponent(pupilId)}/links`,
    'POST',
    { otherPupilId, kind: 'manual', note },
    parseLink,
    'link',
  );
}

/** Removes a link added by hand from both pupils; sibling links from the MIS answer 409. */
export function deletePupilLink(pupilId: string, otherPupilId: string): Promise<ApiResult<true>> {
  return sendWithoutAnswer(
    `/api/pupils/${encodeURIComponent(pupilId)}/links/${encodeURIComponent(otherPupilId)}`,
    'DELETE',
  );
}

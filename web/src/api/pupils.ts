/**
 * Pupils against /api/pupils (lib/pupils/pupils-api.ts): a pupil's record (profile, contacts, links and
 * current monitoring), search and class registers, and the changes an admin may make by hand.
 */
import { getParsed, type ApiResult } from './api-result';
import { listOf, oneOf, optionalString, positiveInteger, stringArray } from './json-readers';
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
  if (!isNonEmptyString(contactId) || typeof name !== 'string' || typeof relationship !== 'string') {
    return undefined;
  }
  if (typeof parentalResponsibility !== 'boolean' || !source) return undefined;
  const contact: Contact = { contactId, name, relationship, parentalResponsibility, source };
  for (const field of ['phone', 'email', 'address'] as const) {
    const text = optionalString(value[field]);
    if (text !== undefined) contact[field] = text;
  }
  const order = positiveInteger(priority);
  if (order !== undefined) contact.priority = order;
  return contact;
}

function parseLink(value: unknown): PupilLink | undefined {
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

/** A pupil's record; reading it is audited. A pupil the viewer may not see answers 404. */
export function getPupil(pupilId: string, signal?: AbortSignal): Promise<ApiResult<PupilView>> {
  return getParsed(`/api/pupils/${encodeURIComponent(pupilId)}`, parsePupilView, "pupil's record", signal);
}

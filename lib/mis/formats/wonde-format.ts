/**
 * Wonde-shaped JSON (students with their `include`s, as Wonde's API returns them), converted into
 * the canonical rows of lib/mis/mis-extract.ts without validating them: validation is shared by every
 * format (lib/mis/extract-validation.ts), so a bad value here is passed through for it to report.
 *
 * Accepted top level: `{ data: [student…] }` (one page of /students), or
 * `{ students: { data: [student…] }, employees?: { data: [employee…] }, deletions?: { data: [{ id, type }] },
 *    generated_at?: "…" }`.
 * Wonde has no "complete" flag: an extract is read as the whole roll (complete), and pupils whose id
 * is in `deletions` are left out (so the import archives them).
 *
 * Mapping (Wonde field → Lantern field):
 * | Wonde student                                    | Lantern pupil                                            |
 * |--------------------------------------------------|----------------------------------------------------------|
 * | id (falls back to mis_id)                        | id                                                       |
 * | legal_forename / legal_surname                   | legalForename / legalSurname (forename / surname if absent) |
 * | forename / surname, when different from legal    | preferredForename / preferredSurname                     |
 * | middle_names                                     | middleNames                                              |
 * | gender: M, male, boy / F, female, girl / X, other, non-binary / U, unknown, blank | gender M / F / X / U   |
 * | date_of_birth.date ("2010-05-01 00:00:00.000000")| dateOfBirth (the date part)                              |
 * | education_details.data.upn / uln                 | upn / uln                                                |
 * | education_details.data.current_nc_year (0 = R)   | ncYear                                                   |
 * | education_details.data.admission_date / leaving_date | admissionDate / leavingDate                          |
 * | extended_details.data.sen_status: E, K, N; S (statement) → E; A, P (School Action [Plus]) → K; words "EHC plan", "SEN support", "No special educational need" | senProvision |
 * | extended_details.data.free_school_meals          | freeSchoolMeals                                          |
 * | extended_details.data.premium_pupil_indicator    | pupilPremium                                             |
 * | extended_details.data.english_as_additional_language | englishAdditionalLanguage                            |
 * | extended_details.data.in_lea_care                | lookedAfter                                              |
 * | extended_details.data.ethnicity / religion       | ethnicity / religion                                     |
 * | extended_details.data.medical_conditions (array of text or { description }) | medicalConditions             |
 * | classes.data[] { id, name }                      | groups (kind tutor) and groupIds                         |
 * | year.data { id, name }                           | a group (kind year) and groupIds                         |
 * | contacts.data[] { id, title, forename, surname } | contacts[] { id, name "forename surname" }               |
 * |   relationship.{relationship, parental_responsibility, priority} | relationship, parentalResponsibility, priority |
 * |   contact_details.data.telephones.{phone, mobile, primary, home, work} (first present) | phone          |
 * |   contact_details.data.emails.{email, primary, home, work} (first present) | email                      |
 * |   contact_details.data.addresses.{address_line_1, address_line_2, address_town, address_county, address_postcode} | address, joined with ", " |
 * | pupils sharing a contact who has parental responsibility | siblingIds (Wonde lists no siblings)             |
 * | attendance_summary.data { start_date, end_date, possible, present, authorised_absence, unauthorised_absence } | attendanceSummary |
 * | attendance.data[] { date, session AM/PM, code or attendance_code.data.code } | attendance (one day per date) |
 * | Wonde employee { id, title, forename, surname (legal_* if absent), contact_details.data.emails.email, roles.data[].name or job_title } | staff row |
 * Booleans may be written true/false, "Y"/"N", "Yes"/"No", 1/0.
 * The attendance_summary and attendance includes are Lantern's reading (Wonde serves attendance from
 * separate endpoints): a connector copies Wonde's session marks into them.
 */
import { ExtractStructureError } from '../mis-extract';
import { dateOnly, defined, flag, ncYearOf, text, wholeNumber } from './format-values';
import { isRecord, type LooseExtract, type LooseRecord } from './loose-extract';

/** Structure check and conversion; `receivedAt` stands in for Wonde's missing generation time. */
export function readWondeExtract(json: unknown, receivedAt: string): LooseExtract {
  if (!isRecord(json)) throw new ExtractStructureError('body', 'must be a JSON object');
  const students = Array.isArray(json['data']) ? json['data'] : listOf(json, 'students', true);
  const studentsField = Array.isArray(json['data']) ? 'body.data' : 'body.students.data';
  const bad = students.findIndex((student) => !isRecord(student));
  if (bad !== -1) throw new ExtractStructureError(`${studentsField}[${bad}]`, 'must be an object');
  const employees = listOf(json, 'employees', false);
  const badEmployee = employees.findIndex((employee) => !isRecord(employee));
  if (badEmployee !== -1)
    throw new ExtractStructureError(`body.employees.data[${badEmployee}]`, 'must be an object');
  const deleted = new Set(
    listOf(json, 'deletions', false)
      .map((deletion) => (isRecord(deletion) ? text(deletion['id']) : undefined))
      .filter((id): id is string => id !== undefined),
  );

  const groups = new Map<string, LooseRecord>();
  const pupils = (students as LooseRecord[])
    .filter((student) => !deleted.has(text(student['id']) ?? text(student['mis_id']) ?? ''))
    .map((student) => pupilOf(student, groups));
  addSiblingsBySharedContacts(pupils);
  return {
    generatedAt: generatedAtOf(json) ?? receivedAt,
    complete: true,
    groups: [...groups.values()],
    pupils,
    staff: (employees as LooseRecord[]).map(staffOf),
  };
}

function generatedAtOf(json: LooseRecord): string | undefined {
  const meta = isRecord(json['meta']) ? json['meta'] : {};
  return text(json['generated_at']) ?? text(json['generatedAt']) ?? text(meta['generated_at']);
}

function listOf(json: LooseRecord, key: string, required: boolean): unknown[] {
  const wrapper = json[key];
  if (wrapper === undefined && !required) return [];
  const data = isRecord(wrapper) ? wrapper['data'] : undefined;
  if (!Array.isArray(data))
    throw new ExtractStructureError(
      `body.${key}`,
      required
        ? 'a Wonde extract needs a top-level "data" array of students, or "students": { "data": [...] }'
        : `must be { "data": [...] }`,
    );
  return data;
}

/** Wonde wraps every include as `{ data: … }`. */
function included(record: LooseRecord, key: string): unknown {
  const wrapper = record[key];
  return isRecord(wrapper) ? wrapper['data'] : undefined;
}

function includedRecord(record: LooseRecord, key: string): LooseRecord {
  const data = included(record, key);
  return isRecord(data) ? data : {};
}

function includedList(record: LooseRecord, key: string): unknown[] {
  const data = included(record, key);
  return Array.isArray(data) ? data : [];
}

const GENDERS: Readonly<Record<string, string>> = {
  M: 'M',
  MALE: 'M',
  BOY: 'M',
  F: 'F',
  FEMALE: 'F',
  GIRL: 'F',
  X: 'X',
  OTHER: 'X',
  'NON-BINARY': 'X',
  U: 'U',
  UNKNOWN: 'U',
  'NOT KNOWN': 'U',
};

function genderOf(value: unknown): unknown {
  const written = text(value);
  if (written === undefined) return 'U';
  return GENDERS[written.toUpperCase()] ?? written;
}

const SEN: Readonly<Record<string, string>> = {
  E: 'E',
  S: 'E',
  'EHC PLAN': 'E',
  EHCP: 'E',
  'EDUCATION, HEALTH AND CARE PLAN': 'E',
  STATEMENT: 'E',
  K: 'K',
  A: 'K',
  P: 'K',
  'SEN SUPPORT': 'K',
  N: 'N',
  'NO SPECIAL EDUCATIONAL NEED': 'N',
  'NO SEN': 'N',
};

function senOf(value: unknown): unknown {
  const written = text(value);
  if (written === undefined) return undefined;
  return SEN[written.toUpperCase()] ?? written;
}

function pupilOf(student: LooseRecord, groups: Map<string, LooseRecord>): LooseRecord {
  const education = includedRecord(student, 'education_details');
  const extended = includedRecord(student, 'extended_details');
  const legalForename = text(student['legal_forename']) ?? text(student['forename']);
  const legalSurname = text(student['legal_surname']) ?? text(student['surname']);
  const forename = text(student['forename']);
  const surname = text(student['surname']);
  const groupIds: unknown[] = [];
  for (const item of includedList(student, 'classes')) {
    if (!isRecord(item)) continue;
    const id = text(item['id']);
    if (id === undefined) continue;
    if (!groups.has(id)) groups.set(id, { id, name: text(item['name']) ?? id, kind: 'tutor' });
    groupIds.push(id);
  }
  const year = includedRecord(student, 'year');
  const yearId = text(year['id']);
  if (yearId !== undefined) {
    if (!groups.has(yearId))
      groups.set(yearId, {
        id: yearId,
        name: text(year['name']) ?? text(year['code']) ?? yearId,
        kind: 'year',
      });
    groupIds.push(yearId);
  }
  const summary = includedRecord(student, 'attendance_summary');
  return defined({
    id: text(student['id']) ?? text(student['mis_id']),
    upn: text(education['upn']),
    uln: text(education['uln']),
    legalForename,
    legalSurname,
    preferredForename: forename !== undefined && forename !== legalForename ? forename : undefined,
    preferredSurname: surname !== undefined && surname !== legalSurname ? surname : undefined,
    middleNames: text(student['middle_names']),
    dateOfBirth: dateOnly(student['date_of_birth']),
    gender: genderOf(student['gender']),
    admissionDate: dateOnly(education['admission_date']),
    leavingDate: dateOnly(education['leaving_date']),
    ncYear: ncYearOf(education['current_nc_year']),
    groupIds,
    senProvision: senOf(extended['sen_status']),
    pupilPremium: flag(extended['premium_pupil_indicator']),
    freeSchoolMeals: flag(extended['free_school_meals']),
    englishAdditionalLanguage: flag(extended['english_as_additional_language']),
    ethnicity: text(extended['ethnicity']),
    religion: text(extended['religion']),
    lookedAfter: flag(extended['in_lea_care']),
    medicalConditions: medicalConditionsOf(extended['medical_conditions']),
    contacts: includedList(student, 'contacts').map(contactOf),
    siblingIds: [],
    attendanceSummary: Object.keys(summary).length === 0 ? undefined : attendanceSummaryOf(summary),
    attendance: attendanceOf(includedList(student, 'attendance')),
  });
}

function medicalConditionsOf(value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  const list: unknown = isRecord(value) && Array.isArray(value['data']) ? value['data'] : value;
  if (!Array.isArray(list)) return value;
  return (list as unknown[]).map((item) =>
    isRecord(item) ? (text(item['description']) ?? text(item['name']) ?? item) : item,
  );
}

function contactOf(contact: unknown): unknown {
  if (!isRecord(contact)) return contact;
  const relationship = isRecord(contact['relationship']) ? contact['relationship'] : {};
  const details = includedRecord(contact, 'contact_details');
  const phones = isRecord(details['telephones']) ? details['telephones'] : {};
  const emails = isRecord(details['emails']) ? details['emails'] : {};
  const addresses = isRecord(details['addresses']) ? details['addresses'] : {};
  const name = [text(contact['forename']), text(contact['surname'])].filter((part) => part !== undefined);
  const address = ['address_line_1', 'address_line_2', 'address_town', 'address_county', 'address_postcode']
    .map((field) => text(addresses[field]))
    .filter((part) => part !== undefined);
  return defined({
    id: text(contact['id']),
    name: name.length === 0 ? undefined : name.join(' '),
    relationship: text(relationship['relationship']) ?? text(contact['relationship']),
    phone: firstText(phones, ['phone', 'mobile', 'primary', 'home', 'work']),
    email: firstText(emails, ['email', 'primary', 'home', 'work']),
    address: address.length === 0 ? undefined : address.join(', '),
    parentalResponsibility: flag(relationship['parental_responsibility']),
    priority: wholeNumber(relationship['priority']),
  });
}

function firstText(record: LooseRecord, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = text(record[key]);
    if (value !== undefined) return value;
  }
  return undefined;
}

function attendanceSummaryOf(summary: LooseRecord): LooseRecord {
  return defined({
    from: dateOnly(summary['start_date']),
    to: dateOnly(summary['end_date']),
    sessionsPossible: wholeNumber(summary['possible']),
    sessionsAttended: wholeNumber(summary['present']),
    sessionsAuthorisedAbsence: wholeNumber(summary['authorised_absence']),
    sessionsUnauthorisedAbsence: wholeNumber(summary['unauthorised_absence']),
  });
}

/** Session marks (one per AM or PM session) folded into one row per date, in date order of first sight. */
function attendanceOf(sessions: readonly unknown[]): unknown[] {
  const days = new Map<string, LooseRecord>();
  const odd: unknown[] = [];
  for (const session of sessions) {
    if (!isRecord(session)) {
      odd.push(session);
      continue;
    }
    const date = dateOnly(session['date']);
    const which = text(session['session'])?.toUpperCase();
    const codeRecord = includedRecord(session, 'attendance_code');
    const code = text(session['code']) ?? text(codeRecord['code']);
    if (typeof date !== 'string' || (which !== 'AM' && which !== 'PM')) {
      // Passed on as a day validation will reject (and drop with a warning).
      odd.push({ date, session: which, code });
      continue;
    }
    const day = days.get(date) ?? { date };
    day[which === 'AM' ? 'am' : 'pm'] = code;
    days.set(date, day);
  }
  return [...days.values(), ...odd];
}

/** Pupils who share a contact with parental responsibility are siblings (Wonde has no sibling list). */
function addSiblingsBySharedContacts(pupils: readonly LooseRecord[]): void {
  const byContact = new Map<string, string[]>();
  for (const pupil of pupils) {
    const pupilId = pupil['id'];
    if (typeof pupilId !== 'string' || !Array.isArray(pupil['contacts'])) continue;
    for (const contact of pupil['contacts']) {
      if (!isRecord(contact) || contact['parentalResponsibility'] !== true) continue;
      const contactId = contact['id'];
      if (typeof contactId !== 'string') continue;
      const sharing = byContact.get(contactId) ?? [];
      if (!sharing.includes(pupilId)) sharing.push(pupilId);
      byContact.set(contactId, sharing);
    }
  }
  const siblings = new Map<string, Set<string>>();
  for (const sharing of byContact.values()) {
    if (sharing.length < 2) continue;
    for (const pupilId of sharing) {
      const set = siblings.get(pupilId) ?? new Set<string>();
      for (const other of sharing) if (other !== pupilId) set.add(other);
      siblings.set(pupilId, set);
    }
  }
  for (const pupil of pupils) {
    const set = typeof pupil['id'] === 'string' ? siblings.get(pupil['id']) : undefined;
    if (set !== undefined) pupil['siblingIds'] = [...set];
  }
}

function staffOf(employee: LooseRecord): LooseRecord {
  const details = includedRecord(employee, 'contact_details');
  const emails = isRecord(details['emails']) ? details['emails'] : {};
  const roles = includedList(employee, 'roles')
    .map((role) => (isRecord(role) ? text(role['name']) : text(role)))
    .filter((role): role is string => role !== undefined);
  const jobTitle = text(employee['job_title']);
  if (jobTitle !== undefined && !roles.includes(jobTitle)) roles.push(jobTitle);
  return defined({
    id: text(employee['id']) ?? text(employee['mis_id']),
    title: text(employee['title']),
    // Staff are known by the names they use at work, so the preferred names win here.
    forename: text(employee['forename']) ?? text(employee['legal_forename']),
    surname: text(employee['surname']) ?? text(employee['legal_surname']),
    email: firstText(emails, ['email', 'work', 'primary']),
    roles,
  });
}

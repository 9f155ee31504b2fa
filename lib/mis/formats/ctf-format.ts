/**
 * DfE Common Transfer File XML (pupils only), converted into the canonical rows of
 * lib/mis/mis-extract.ts without validating them (validation is shared by every format).
 *
 * Parsing is defensive: a DOCTYPE is refused outright (a CTF never has one, and a DTD is how entity
 * expansion attacks arrive), entities are not expanded by the parser (only the five XML entities and
 * numeric character references are decoded, by hand), every value stays a string, and repeated
 * elements are always arrays.
 *
 * Mapping (CTF element under CTfile/CTFpupilData/Pupil → Lantern pupil field):
 * | CTF                                                        | Lantern                                  |
 * |------------------------------------------------------------|------------------------------------------|
 * | UPN                                                        | upn; and id = "UPN:<upn>" (a CTF has no MIS ids) |
 * | UniqueLearnerNumber                                        | uln                                      |
 * | Forename / Surname                                         | legalForename / legalSurname             |
 * | BasicDetails/PreferredForename, PreferredSurname, MiddleNames | preferredForename, preferredSurname, middleNames |
 * | DOB                                                        | dateOfBirth                              |
 * | Gender or Sex: M, F; anything else                         | gender M, F; U                           |
 * | BasicDetails/NCyearActual                                  | ncYear; and a year group "YEAR:<nc>" ("Year 7", "Reception") in groupIds |
 * | BasicDetails/Ethnicity                                     | ethnicity                                |
 * | BasicDetails/MedicalFlag true                              | medicalConditions: one line saying the previous school recorded one (a CTF carries no details) |
 * | LookedAfter/InCare                                         | lookedAfter                              |
 * | FSMhistory/FSMinstance: one with no FSMendDate, or ending on/after the file's date | freeSchoolMeals true (false when a history lists none current) |
 * | SENhistory/SEN: SENprovision of the latest StartDate       | senProvision                             |
 * | Contacts/Contact: Order, Title, Forename, Surname, Relationship, Responsibility, Phones/Phone/PhoneNo (or TelephoneNumber), Email, Address | contacts[]: priority, name "Forename Surname", relationship (DfE codes PAR, CAR, FOF, STP, REL, DOC, CHM, SWR, OTH written out; anything else kept), parentalResponsibility, phone (first), email, address; id "<upn>-C<n>" by position |
 * | Contact Address/AddressAsPupil true                        | the pupil's own Address                  |
 * | Address: BS7666Address/{SAON, PAON, Street, Locality, Town, AdministrativeArea, PostTown}, AddressLines/AddressLine1…5, PostCode | joined with ", " |
 * | Attendance/YearData (the one with the latest AttendanceStartDate) | attendanceSummary: from AttendanceStartDate, to the earlier of 31 August ending that academic year and the file's date; SessionsPossible, SessionsAttended, SessionsAuthorised, SessionsUnauthorised |
 * | that YearData's AttendanceMarks                            | attendance (see below)                   |
 * Not mapped (no Lantern field): UCI, FormerUPN, former names, EnrolStatus, Languages, Disabilities,
 * SENneeds, SchoolHistory, StageAssessments. A CTF lists joiners and leavers, not the roll, so it is
 * never `complete`; it has no staff and no tutor groups.
 *
 * AttendanceMarks, as Lantern reads it: one character per session, two per calendar day (morning then
 * afternoon), starting with the morning of AttendanceStartDate and running through weekends and
 * holidays. On a weekend only "#" (closed), "-" or a space (no mark) may appear; if a weekend carries
 * any other mark the string was written some other way, and Lantern keeps the summary but does not
 * guess at the days (a warning says so). "-", "#" on a weekend and spaces are "no mark"; every other
 * character is a DfE code (single-character codes only: C1, C2, J1 and Y1–Y7 cannot be written in it).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ExtractStructureError, type RowProblem } from '../mis-extract';
import { defined, flag, ncYearOf, text, wholeNumber, yearGroupName } from './format-values';
import { isRecord, type LooseExtract, type LooseRecord } from './loose-extract';
import { instantFromUkLocal } from './uk-local-time';

/** A pupil from a CTF is known by its UPN, so the same pupil in a later CTF is the same row. */
export function ctfPupilId(upn: string): string {
  return `UPN:${upn}`;
}

/** The year group a CTF pupil is put in, from NCyearActual. */
export function ctfYearGroupId(ncYear: string): string {
  return `YEAR:${ncYear}`;
}

/** Said in a pupil's medical conditions when the CTF's MedicalFlag is true (a CTF has no details). */
export const CTF_MEDICAL_FLAG_TEXT = 'Medical condition recorded by the previous school (CTF MedicalFlag)';

const REPEATED = new Set([
  'Pupil',
  'Contact',
  'Phone',
  'YearData',
  'SEN',
  'SENneed',
  'FSMinstance',
  'Type',
  'Disability',
  'School',
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  processEntities: false,
  trimValues: true,
  isArray: (name) => REPEATED.has(name),
  tagValueProcessor: (_name, value) => decodeXmlText(value),
});

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The five predefined entities and numeric character references; anything else is left as written. */
function decodeXmlText(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name] ?? whole;
  });
}

export function readCtfExtract(xml: string): LooseExtract {
  if (/<!DOCTYPE/i.test(xml))
    throw new ExtractStructureError('body', 'a DOCTYPE is not accepted: a Common Transfer File has none');
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true)
    throw new ExtractStructureError(
      'body',
      `not well-formed XML: ${wellFormed.err.msg} (line ${wellFormed.err.line}, column ${wellFormed.err.col})`,
    );
  const document: unknown = parser.parse(xml);
  const root = isRecord(document) ? document['CTfile'] : undefined;
  if (!isRecord(root))
    throw new ExtractStructureError('CTfile', 'the root element must be CTfile (a DfE Common Transfer File)');
  const header = root['Header'];
  const writtenAt = isRecord(header) ? text(header['DateTime']) : undefined;
  const generatedAt = writtenAt === undefined ? undefined : instantFromUkLocal(writtenAt);
  if (generatedAt === undefined)
    throw new ExtractStructureError(
      'CTfile/Header/DateTime',
      'must be a date and time, e.g. 2025-01-31T14:05:00',
    );
  if (!('CTFpupilData' in root))
    throw new ExtractStructureError('CTfile/CTFpupilData', 'is missing: Lantern reads the pupils of a CTF');
  const pupilData = root['CTFpupilData'];
  const pupilElements = isRecord(pupilData) && Array.isArray(pupilData['Pupil']) ? pupilData['Pupil'] : [];
  const fileDate = generatedAt.slice(0, 10);

  const groups = new Map<string, LooseRecord>();
  const problems: RowProblem[] = [];
  const pupils = pupilElements.map((element: unknown, index: number) => {
    if (!isRecord(element)) return {};
    const read = pupilOf(element, fileDate);
    if (read.ncYear !== undefined) {
      const id = ctfYearGroupId(read.ncYear);
      if (!groups.has(id)) groups.set(id, { id, name: yearGroupName(read.ncYear), kind: 'year' });
    }
    if (read.unreadMarks !== undefined)
      problems.push({
        section: 'pupils',
        row: index + 1,
        ...(read.upn === undefined ? {} : { misId: ctfPupilId(read.upn) }),
        field: 'attendance',
        reason: read.unreadMarks,
        severity: 'warning',
      });
    return read.row;
  });
  return { generatedAt, complete: false, groups: [...groups.values()], pupils, staff: [], problems };
}

/** A child element: the record, or the first of a repeated element. */
function child(record: LooseRecord, name: string): LooseRecord {
  const value = record[name];
  const first: unknown = Array.isArray(value) ? (value as unknown[])[0] : value;
  return isRecord(first) ? first : {};
}

function children(record: LooseRecord, name: string): LooseRecord[] {
  const value = record[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter(isRecord);
}

function genderOf(value: unknown): string {
  const written = text(value)?.toUpperCase();
  return written === 'M' || written === 'F' ? written : 'U';
}

const RELATIONSHIPS: Readonly<Record<string, string>> = {
  PAR: 'Parent',
  CAR: 'Carer',
  FOF: 'Foster parent',
  STP: 'Step-parent',
  REL: 'Relative',
  DOC: 'Doctor',
  CHM: 'Childminder',
  SWR: 'Social worker',
  OTH: 'Other',
};

function addressOf(address: LooseRecord): string | undefined {
  const bs7666 = child(address, 'BS7666Address');
  const lines = child(address, 'AddressLines');
  const parts = [
    ...['SAON', 'PAON', 'Street', 'Locality', 'Town', 'AdministrativeArea', 'PostTown'].map((name) =>
      text(bs7666[name]),
    ),
    ...['AddressLine1', 'AddressLine2', 'AddressLine3', 'AddressLine4', 'AddressLine5'].map((name) =>
      text(lines[name]),
    ),
    text(address['PostCode']),
  ].filter((part): part is string => part !== undefined);
  return parts.length === 0 ? undefined : parts.join(', ');
}

function phoneOf(record: LooseRecord): string | undefined {
  for (const phone of children(child(record, 'Phones'), 'Phone')) {
    const number = text(phone['PhoneNo']) ?? text(phone['TelephoneNumber']);
    if (number !== undefined) return number;
  }
  return undefined;
}

function contactsOf(
  pupil: LooseRecord,
  upn: string | undefined,
  pupilAddress: string | undefined,
): unknown[] {
  return children(child(pupil, 'Contacts'), 'Contact').map((contact, index) => {
    const address = child(contact, 'Address');
    const asPupil = flag(address['AddressAsPupil']) === true;
    const name = [text(contact['Forename']), text(contact['Surname'])].filter((part) => part !== undefined);
    const relationship = text(contact['Relationship']);
    return defined({
      id: `${upn ?? 'NOUPN'}-C${index + 1}`,
      name: name.length === 0 ? undefined : name.join(' '),
      relationship:
        relationship === undefined ? undefined : (RELATIONSHIPS[relationship.toUpperCase()] ?? relationship),
      phone: phoneOf(contact),
      email: text(contact['Email']),
      address: asPupil ? pupilAddress : addressOf(address),
      parentalResponsibility: flag(contact['Responsibility']),
      priority: wholeNumber(text(contact['Order'])),
    });
  });
}

function freeSchoolMealsOf(pupil: LooseRecord, fileDate: string): boolean | undefined {
  if (!('FSMhistory' in pupil)) return undefined;
  return children(child(pupil, 'FSMhistory'), 'FSMinstance').some((instance) => {
    const end = text(instance['FSMendDate']);
    return end === undefined || end >= fileDate;
  });
}

function senOf(pupil: LooseRecord): string | undefined {
  let latest: { start: string; provision: string } | undefined;
  for (const sen of children(child(pupil, 'SENhistory'), 'SEN')) {
    const provision = text(sen['SENprovision']);
    if (provision === undefined) continue;
    const start = text(sen['StartDate']) ?? '';
    if (latest === undefined || start >= latest.start) latest = { start, provision: provision.toUpperCase() };
  }
  return latest?.provision;
}

interface PupilRead {
  readonly row: LooseRecord;
  readonly upn?: string;
  readonly ncYear?: string;
  readonly unreadMarks?: string;
}

function pupilOf(pupil: LooseRecord, fileDate: string): PupilRead {
  const basic = child(pupil, 'BasicDetails');
  const upn = text(pupil['UPN'])?.toUpperCase();
  const ncYear = ncYearOf(basic['NCyearActual']);
  const pupilAddress = addressOf(child(pupil, 'Address'));
  const attendance = attendanceOf(pupil, fileDate);
  const medical = flag(basic['MedicalFlag']) === true;
  const lookedAfter = child(pupil, 'LookedAfter');
  const row = defined({
    id: upn === undefined ? undefined : ctfPupilId(upn),
    upn,
    uln: text(pupil['UniqueLearnerNumber']),
    legalForename: text(pupil['Forename']),
    legalSurname: text(pupil['Surname']),
    preferredForename: text(basic['PreferredForename']),
    preferredSurname: text(basic['PreferredSurname']),
    middleNames: text(basic['MiddleNames']),
    dateOfBirth: text(pupil['DOB']),
    gender: genderOf(pupil['Gender'] ?? pupil['Sex']),
    ncYear,
    groupIds: ncYear === undefined ? [] : [ctfYearGroupId(ncYear)],
    senProvision: senOf(pupil),
    freeSchoolMeals: freeSchoolMealsOf(pupil, fileDate),
    ethnicity: text(basic['Ethnicity']),
    lookedAfter: flag(lookedAfter['InCare']),
    medicalConditions: medical ? [CTF_MEDICAL_FLAG_TEXT] : undefined,
    contacts: contactsOf(pupil, upn, pupilAddress),
    siblingIds: [],
    attendanceSummary: attendance.summary,
    attendance: attendance.days,
  });
  return {
    row,
    ...(upn === undefined ? {} : { upn }),
    ...(ncYear === undefined ? {} : { ncYear }),
    ...(attendance.unread === undefined ? {} : { unreadMarks: attendance.unread }),
  };
}

const DAY_MS = 86_400_000;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** 31 August ending the academic year a date falls in (September to August). */
function academicYearEnd(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return `${month >= 9 ? year + 1 : year}-08-31`;
}

interface AttendanceRead {
  readonly summary?: LooseRecord;
  readonly days: unknown[];
  readonly unread?: string;
}

function attendanceOf(pupil: LooseRecord, fileDate: string): AttendanceRead {
  let latest: LooseRecord | undefined;
  for (const yearData of children(child(pupil, 'Attendance'), 'YearData')) {
    const start = text(yearData['AttendanceStartDate']) ?? '';
    if (latest === undefined || start > (text(latest['AttendanceStartDate']) ?? '')) latest = yearData;
  }
  if (latest === undefined) return { days: [] };
  const from = text(latest['AttendanceStartDate']);
  const counted = ['SessionsPossible', 'SessionsAttended', 'SessionsAuthorised', 'SessionsUnauthorised'].some(
    (name) => text(latest[name]) !== undefined,
  );
  const yearEnd = from === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(from) ? undefined : academicYearEnd(from);
  // Without any session counts there is no summary (the marks alone may still be read).
  const summary = !counted
    ? undefined
    : defined({
        from,
        to: yearEnd === undefined ? undefined : yearEnd < fileDate ? yearEnd : fileDate,
        sessionsPossible: wholeNumber(text(latest['SessionsPossible'])),
        sessionsAttended: wholeNumber(text(latest['SessionsAttended'])),
        sessionsAuthorisedAbsence: wholeNumber(text(latest['SessionsAuthorised'])),
        sessionsUnauthorisedAbsence: wholeNumber(text(latest['SessionsUnauthorised'])),
      });
  // Marks are read with whitespace other than spaces removed (a long string may be wrapped).
  const marks =
    typeof latest['AttendanceMarks'] === 'string' ? latest['AttendanceMarks'].replace(/[\t\r\n]/g, '') : '';
  if (marks === '' || from === undefined) return { summary, days: [] };
  const start = Date.parse(`${from}T00:00:00Z`);
  if (Number.isNaN(start)) return { summary, days: [], unread: 'AttendanceStartDate is not a date' };
  const days: LooseRecord[] = [];
  for (let offset = 0; offset * 2 < marks.length; offset += 1) {
    const at = start + offset * DAY_MS;
    const am = markOf(marks[offset * 2]);
    const pm = markOf(marks[offset * 2 + 1]);
    const weekday = new Date(at).getUTCDay();
    if (weekday === 0 || weekday === 6) {
      if ((am !== undefined && am !== '#') || (pm !== undefined && pm !== '#'))
        return {
          summary,
          days: [],
          unread: `AttendanceMarks has a mark on a weekend (${isoDay(at)}), so it is not written one character per session from AttendanceStartDate through every calendar day; the daily marks were not read`,
        };
      continue;
    }
    if (am === undefined && pm === undefined) continue;
    days.push(defined({ date: isoDay(at), am, pm }));
  }
  return { summary, days };
}

function markOf(character: string | undefined): string | undefined {
  if (character === undefined || character === '-' || character === ' ') return undefined;
  return character;
}

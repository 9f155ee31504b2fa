/**
 * A canonical extract written as a DfE Common Transfer File, the inverse of ctf-format.ts (its header
 * is the mapping and the reading of AttendanceMarks). Pupils without a UPN are left out (a CTF is
 * keyed by UPN), and so is what a CTF cannot carry: staff, tutor groups, siblings, religion, pupil
 * premium, EAL, admission and leaving dates, medical details (only MedicalFlag), contact ids.
 * Multi-character attendance codes (C1, C2, J1, Y1–Y7) are written as "-" (no mark).
 */
import type { AttendanceDay, MisContact, MisExtract, MisPupil } from '../mis-extract';
import { ukLocalFromInstant } from './uk-local-time';

export interface CtfHeader {
  /** Local authority (3 digits) and DfE establishment (4 digits) numbers of the school writing the file. */
  readonly sourceLea: string;
  readonly sourceEstab: string;
  readonly schoolName: string;
  readonly destLea?: string;
  readonly destEstab?: string;
}

const DAY_MS = 86_400_000;

function escape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `<Name>value</Name>`, or nothing when the value is absent. */
function element(name: string, value: string | number | boolean | undefined, indent: string): string {
  return value === undefined ? '' : `${indent}<${name}>${escape(String(value))}</${name}>\n`;
}

function wrap(name: string, inner: string, indent: string): string {
  return inner === '' ? '' : `${indent}<${name}>\n${inner}${indent}</${name}>\n`;
}

function contactXml(contact: MisContact, indent: string): string {
  const [forename, ...rest] = contact.name.split(' ');
  const inner =
    element('Order', contact.priority, `${indent}  `) +
    element('Forename', forename, `${indent}  `) +
    element('Surname', rest.length === 0 ? undefined : rest.join(' '), `${indent}  `) +
    element('Relationship', contact.relationship, `${indent}  `) +
    element('Responsibility', contact.parentalResponsibility, `${indent}  `) +
    wrap(
      'Address',
      wrap('AddressLines', element('AddressLine1', contact.address, `${indent}      `), `${indent}    `),
      `${indent}  `,
    ) +
    wrap(
      'Phones',
      contact.phone === undefined
        ? ''
        : wrap(
            'Phone',
            element('TelephoneType', 'M', `${indent}      `) +
              element('PhoneNo', contact.phone, `${indent}      `),
            `${indent}    `,
          ),
      `${indent}  `,
    ) +
    element('Email', contact.email, `${indent}  `);
  return wrap('Contact', inner, indent);
}

function academicYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 9 ? year : year - 1;
}

function markOf(code: string | undefined): string {
  return code !== undefined && code.length === 1 ? code : '-';
}

/** Two characters per calendar day from `from` through the last marked day ("##" at weekends). */
function marksString(from: string, days: readonly AttendanceDay[]): string {
  const byDate = new Map(days.map((day) => [day.date, day]));
  const last = days.reduce((latest, day) => (day.date > latest ? day.date : latest), from);
  const out: string[] = [];
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= Date.parse(`${last}T00:00:00Z`); at += DAY_MS) {
    const weekday = new Date(at).getUTCDay();
    if (weekday === 0 || weekday === 6) {
      out.push('##');
      continue;
    }
    const day = byDate.get(new Date(at).toISOString().slice(0, 10));
    out.push(markOf(day?.am) + markOf(day?.pm));
  }
  return out.join('');
}

function attendanceXml(pupil: MisPupil, header: CtfHeader, indent: string): string {
  const summary = pupil.attendanceSummary;
  const firstDay = pupil.attendance.reduce<string | undefined>(
    (first, day) => (first === undefined || day.date < first ? day.date : first),
    undefined,
  );
  const from = summary?.from ?? firstDay;
  if (from === undefined) return '';
  const days = pupil.attendance.filter((day) => day.date >= from);
  const inner =
    element('Year', academicYearOf(from), `${indent}    `) +
    element('LEA', header.sourceLea, `${indent}    `) +
    element('Estab', header.sourceEstab, `${indent}    `) +
    element('SchoolName', header.schoolName, `${indent}    `) +
    element('SessionsPossible', summary?.sessionsPossible, `${indent}    `) +
    element('SessionsAuthorised', summary?.sessionsAuthorisedAbsence, `${indent}    `) +
    element('SessionsAttended', summary?.sessionsAttended, `${indent}    `) +
    element('SessionsUnauthorised', summary?.sessionsUnauthorisedAbsence, `${indent}    `) +
    element('AttendanceStartDate', from, `${indent}    `) +
    element('AttendanceMarks', days.length === 0 ? undefined : marksString(from, days), `${indent}    `);
  return wrap('Attendance', wrap('YearData', inner, `${indent}  `), indent);
}

function pupilXml(pupil: MisPupil & { upn: string }, header: CtfHeader): string {
  const i = '      ';
  const basic =
    element('PreferredSurname', pupil.preferredSurname, `${i}  `) +
    element('PreferredForename', pupil.preferredForename, `${i}  `) +
    element('MiddleNames', pupil.middleNames, `${i}  `) +
    element('NCyearActual', pupil.ncYear, `${i}  `) +
    element('Ethnicity', pupil.ethnicity, `${i}  `) +
    element('MedicalFlag', (pupil.medicalConditions ?? []).length > 0, `${i}  `);
  const since = pupil.admissionDate ?? pupil.dateOfBirth;
  const fsm =
    pupil.freeSchoolMeals === undefined
      ? ''
      : pupil.freeSchoolMeals
        ? wrap('FSMhistory', wrap('FSMinstance', element('FSMstartDate', since, `${i}    `), `${i}  `), i)
        : `${i}<FSMhistory></FSMhistory>\n`;
  const sen =
    pupil.senProvision === undefined
      ? ''
      : wrap(
          'SENhistory',
          wrap(
            'SEN',
            element('StartDate', since, `${i}    `) + element('SENprovision', pupil.senProvision, `${i}    `),
            `${i}  `,
          ),
          i,
        );
  const inner =
    element('UPN', pupil.upn, i) +
    element('UniqueLearnerNumber', pupil.uln, i) +
    element('Surname', pupil.legalSurname, i) +
    element('Forename', pupil.legalForename, i) +
    element('DOB', pupil.dateOfBirth, i) +
    element('Gender', pupil.gender === 'M' || pupil.gender === 'F' ? pupil.gender : 'U', i) +
    wrap('BasicDetails', basic, i) +
    wrap('LookedAfter', element('InCare', pupil.lookedAfter, `${i}  `), i) +
    fsm +
    sen +
    wrap('Contacts', pupil.contacts.map((contact) => contactXml(contact, `${i}  `)).join(''), i) +
    attendanceXml(pupil, header, i);
  return wrap('Pupil', inner, '    ');
}

/** The extract's pupils (those with a UPN) as CTF XML text. */
export function toCtfXml(extract: MisExtract, header: CtfHeader): string {
  const academicYear = academicYearOf(extract.generatedAt.slice(0, 10));
  const headerXml =
    element('DocumentName', 'Common Transfer File', '    ') +
    element('CTFversion', `${String((academicYear + 1) % 100)}.0`, '    ') +
    element('DateTime', ukLocalFromInstant(extract.generatedAt), '    ') +
    element('DocumentQualifier', 'partial', '    ') +
    element('SupplierID', 'Lantern', '    ') +
    wrap(
      'SourceSchool',
      element('LEA', header.sourceLea, '      ') +
        element('Estab', header.sourceEstab, '      ') +
        element('SchoolName', header.schoolName, '      ') +
        element(
          'AcademicYear',
          `${academicYear}/${String((academicYear + 1) % 100).padStart(2, '0')}`,
          '      ',
        ),
      '    ',
    ) +
    wrap(
      'DestSchool',
      element('LEA', header.destLea, '      ') + element('Estab', header.destEstab, '      '),
      '    ',
    );
  const pupils = extract.pupils
    .filter((pupil): pupil is MisPupil & { upn: string } => pupil.upn !== undefined)
    .map((pupil) => pupilXml(pupil, header))
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<CTfile>\n${wrap('Header', headerXml, '  ')}  <CTFpupilData>\n${pupils}  </CTFpupilData>\n</CTfile>\n`;
}

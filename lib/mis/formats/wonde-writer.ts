/**
 * A canonical extract written as Wonde-shaped JSON, the inverse of wonde-format.ts (its header table is
 * the mapping). Used by tests and benchmarks to push the same pupils in every format, and by connector
 * authors as an example. Siblings are not written (Wonde has none): the reader finds them again through
 * the contacts with parental responsibility they share.
 */
import type { MisContact, MisExtract, MisGroup, MisPupil, MisStaff } from '../mis-extract';

function wondeDate(
  date: string | undefined,
): { date: string; timezone_type: number; timezone: string } | undefined {
  return date === undefined
    ? undefined
    : { date: `${date} 00:00:00.000000`, timezone_type: 3, timezone: 'Europe/London' };
}

function ncYearNumber(ncYear: string | undefined): number | string | undefined {
  if (ncYear === undefined) return undefined;
  if (ncYear === 'R') return 0;
  return /^\d+$/.test(ncYear) ? Number(ncYear) : ncYear;
}

function contactOf(contact: MisContact): Record<string, unknown> {
  const [forename, ...rest] = contact.name.split(' ');
  return {
    id: contact.id,
    forename,
    ...(rest.length === 0 ? {} : { surname: rest.join(' ') }),
    relationship: {
      relationship: contact.relationship,
      parental_responsibility: contact.parentalResponsibility,
      ...(contact.priority === undefined ? {} : { priority: contact.priority }),
    },
    contact_details: {
      data: {
        emails: contact.email === undefined ? {} : { email: contact.email },
        telephones: contact.phone === undefined ? {} : { phone: contact.phone },
        addresses: contact.address === undefined ? {} : { address_line_1: contact.address },
      },
    },
  };
}

function studentOf(pupil: MisPupil, groups: ReadonlyMap<string, MisGroup>): Record<string, unknown> {
  const memberOf = pupil.groupIds.map((id) => groups.get(id)).filter((group) => group !== undefined);
  const year = memberOf.find((group) => group.kind === 'year');
  const summary = pupil.attendanceSummary;
  return {
    id: pupil.id,
    mis_id: pupil.id,
    forename: pupil.preferredForename ?? pupil.legalForename,
    surname: pupil.preferredSurname ?? pupil.legalSurname,
    legal_forename: pupil.legalForename,
    legal_surname: pupil.legalSurname,
    middle_names: pupil.middleNames ?? null,
    gender: pupil.gender,
    date_of_birth: wondeDate(pupil.dateOfBirth),
    education_details: {
      data: {
        upn: pupil.upn ?? null,
        uln: pupil.uln ?? null,
        current_nc_year: ncYearNumber(pupil.ncYear) ?? null,
        admission_date: wondeDate(pupil.admissionDate) ?? null,
        leaving_date: wondeDate(pupil.leavingDate) ?? null,
      },
    },
    extended_details: {
      data: {
        sen_status: pupil.senProvision ?? null,
        free_school_meals: pupil.freeSchoolMeals ?? null,
        premium_pupil_indicator: pupil.pupilPremium ?? null,
        english_as_additional_language: pupil.englishAdditionalLanguage ?? null,
        ethnicity: pupil.ethnicity ?? null,
        religion: pupil.religion ?? null,
        in_lea_care: pupil.lookedAfter ?? null,
        ...(pupil.medicalConditions === undefined ? {} : { medical_conditions: pupil.medicalConditions }),
      },
    },
    classes: {
      data: memberOf.filter((group) => group.kind === 'tutor').map(({ id, name }) => ({ id, name })),
    },
    ...(year === undefined ? {} : { year: { data: { id: year.id, name: year.name } } }),
    contacts: { data: pupil.contacts.map(contactOf) },
    ...(summary === undefined
      ? {}
      : {
          attendance_summary: {
            data: {
              start_date: summary.from,
              end_date: summary.to,
              possible: summary.sessionsPossible,
              present: summary.sessionsAttended,
              authorised_absence: summary.sessionsAuthorisedAbsence,
              unauthorised_absence: summary.sessionsUnauthorisedAbsence,
            },
          },
        }),
    attendance: {
      data: pupil.attendance.flatMap((day) => [
        ...(day.am === undefined
          ? []
          : [{ date: wondeDate(day.date), session: 'AM', attendance_code: { data: { code: day.am } } }]),
        ...(day.pm === undefined
          ? []
          : [{ date: wondeDate(day.date), session: 'PM', attendance_code: { data: { code: day.pm } } }]),
      ]),
    },
  };
}

function employeeOf(staff: MisStaff): Record<string, unknown> {
  return {
    id: staff.id,
    ...(staff.title === undefined ? {} : { title: staff.title }),
    forename: staff.forename,
    surname: staff.surname,
    contact_details: { data: { emails: staff.email === undefined ? {} : { email: staff.email } } },
    roles: { data: staff.roles.map((name) => ({ name })) },
  };
}

/** The extract as Wonde-shaped JSON text. */
export function toWondeJson(extract: MisExtract): string {
  const groups = new Map(extract.groups.map((group) => [group.id, group]));
  return JSON.stringify({
    generated_at: extract.generatedAt,
    students: { data: extract.pupils.map((pupil) => studentOf(pupil, groups)) },
    employees: { data: extract.staff.map(employeeOf) },
  });
}

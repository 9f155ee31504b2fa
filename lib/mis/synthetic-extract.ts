/**
 * Synthetic MIS extracts (issue 5 part 8) for the demo seed, import tests and `npm run bench`:
 * deterministic from a seed (no Math.random), with valid permanent UPNs and ULNs, varied UK names,
 * tutor and year groups, 1–3 contacts per pupil (parents shared by siblings), sibling links, school-day
 * attendance marks with a consistent summary, and staff. Every name, number and address is invented:
 * phones are in Ofcom's drama range (07700 900xxx), emails at example.com and `.invalid` domains.
 *
 * With the writers of lib/mis/formats, the same pupils can be pushed as Lantern JSON, Wonde JSON or a
 * CTF; `mutateExtract` makes the "a few pupils changed overnight" extract the benchmarks need.
 */
import {
  BOYS,
  CONDITIONS,
  ETHNICITIES,
  GIRLS,
  MIDDLE_NAMES,
  PREFERRED,
  RELIGIONS,
  STREETS,
  SURNAMES,
  TOWNS,
  randomFrom,
} from '../pupils/demo-pupils';
import { ulnFrom, upnCheckLetter } from '../pupils/uk-identifiers';
import { yearGroupName } from './formats/format-values';
import {
  LANTERN_EXTRACT_FORMAT,
  type AttendanceCode,
  type AttendanceDay,
  type AttendanceSummary,
  type MisContact,
  type MisExtract,
  type MisGroup,
  type MisPupil,
  type MisStaff,
} from './mis-extract';

export { toWondeJson } from './formats/wonde-writer';
export { toCtfXml, type CtfHeader } from './formats/ctf-writer';

export interface SyntheticExtractOptions {
  /** Any number: the same options give the same extract. */
  readonly seed: number;
  readonly pupils: number;
  /** Default: one member of staff per 12 pupils (at least 3). */
  readonly staff?: number;
  /** School days (weekdays) of attendance marks from startDate; default 0 (no marks, no summary). */
  readonly attendanceDays?: number;
  /** The first day of marks and the academic year the pupils are in; default 2025-09-01. */
  readonly startDate?: string;
  /** Default: 18:00 UTC on the last day of marks (or on startDate). */
  readonly generatedAt?: string;
  /** For UPNs: local authority (3 digits) and DfE establishment (4 digits) numbers. */
  readonly laNumber?: string;
  readonly establishmentNumber?: string;
  /** NC years, youngest first; default 7–11. */
  readonly yearGroups?: readonly string[];
  /** Tutor groups of a year are `<year><suffix>`; default A–F. */
  readonly tutorSuffixes?: readonly string[];
  /** Staff email domain; default oakfield-academy.sch.uk.invalid. */
  readonly schoolDomain?: string;
}

const DAY_MS = 86_400_000;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Weekdays from `start` (inclusive): the school days marks are written for (no holidays here). */
function schoolDays(start: string, count: number): string[] {
  const days: string[] = [];
  for (let at = Date.parse(`${start}T00:00:00Z`); days.length < count; at += DAY_MS) {
    const weekday = new Date(at).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(isoDay(at));
  }
  return days;
}

/** Letters only, no accents: for email addresses made from invented names. */
function asciiWord(name: string): string {
  return name
    .replace(/Ł/g, 'L')
    .replace(/ł/g, 'l')
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

const PRESENT = new Set<AttendanceCode>(['/', '\\', 'L']);
const AUTHORISED = new Set<AttendanceCode>(['C', 'M', 'I']);

function summaryOf(days: readonly AttendanceDay[]): AttendanceSummary | undefined {
  if (days.length === 0) return undefined;
  const summary = {
    from: days[0]?.date ?? '',
    to: days[days.length - 1]?.date ?? '',
    sessionsPossible: 0,
    sessionsAttended: 0,
    sessionsAuthorisedAbsence: 0,
    sessionsUnauthorisedAbsence: 0,
  };
  for (const day of days)
    for (const mark of [day.am, day.pm]) {
      if (mark === undefined) continue;
      summary.sessionsPossible += 1;
      if (PRESENT.has(mark)) summary.sessionsAttended += 1;
      else if (AUTHORISED.has(mark)) summary.sessionsAuthorisedAbsence += 1;
      else summary.sessionsUnauthorisedAbsence += 1;
    }
  return summary;
}

/**
 * A term of marks: mostly present (`/` morning, `\` afternoon, now and then `L`), with absences in
 * runs — illness (I) for 1–3 days, a medical appointment (M) or late after registers closed (U) for
 * one morning, other authorised (C), no reason yet (N), an unauthorised holiday (G) for 2–5 days.
 * About one pupil in ten is persistently absent.
 */
function marksFor(random: () => number, days: readonly string[]): AttendanceDay[] {
  const absenceRate = random() < 0.1 ? 0.08 + random() * 0.06 : random() * 0.03;
  const marks: AttendanceDay[] = [];
  let run: { code: AttendanceCode; left: number } | undefined;
  for (const date of days) {
    if (run === undefined && random() < absenceRate) {
      const draw = random();
      if (draw < 0.5) run = { code: 'I', left: 1 + Math.floor(random() * 3) };
      else if (draw < 0.62) run = { code: 'M', left: 0 };
      else if (draw < 0.72) run = { code: 'C', left: 1 };
      else if (draw < 0.82) run = { code: 'N', left: 1 };
      else if (draw < 0.9) run = { code: 'U', left: 0 };
      else run = { code: 'G', left: 2 + Math.floor(random() * 4) };
    }
    if (run !== undefined && run.left === 0) {
      // One morning only (an appointment, or arriving after registers closed).
      marks.push({ date, am: run.code, pm: '\\' });
      run = undefined;
      continue;
    }
    if (run !== undefined) {
      marks.push({ date, am: run.code, pm: run.code });
      run.left -= 1;
      if (run.left === 0) run = undefined;
      continue;
    }
    marks.push({ date, am: random() < 0.03 ? 'L' : '/', pm: '\\' });
  }
  return marks;
}

const STAFF_ROLES = ['Teacher', 'Teacher', 'Teacher', 'Teaching Assistant', 'Head of Year', 'Office Manager'];

interface Family {
  readonly surname: string;
  readonly parents: MisContact[];
  readonly children: MisPupil[];
}

/** A synthetic extract: see the file's header. */
export function syntheticExtract(options: SyntheticExtractOptions): MisExtract {
  const random = randomFrom(options.seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const chance = (probability: number) => random() < probability;
  const startDate = options.startDate ?? '2025-09-01';
  const days = schoolDays(startDate, options.attendanceDays ?? 0);
  const generatedAt = options.generatedAt ?? `${days[days.length - 1] ?? startDate}T18:00:00.000Z`;
  const academicYearStart = Number(startDate.slice(0, 4)) - (Number(startDate.slice(5, 7)) >= 9 ? 0 : 1);
  const laNumber = options.laNumber ?? '938';
  const establishmentNumber = options.establishmentNumber ?? '4001';
  const yearGroups = options.yearGroups ?? ['7', '8', '9', '10', '11'];
  const suffixes = options.tutorSuffixes ?? ['A', 'B', 'C', 'D', 'E', 'F'];
  const domain = options.schoolDomain ?? 'oakfield-academy.sch.uk.invalid';

  const groups: MisGroup[] = [];
  for (const year of yearGroups) {
    groups.push({ id: `YEAR:${year}`, name: yearGroupName(year), kind: 'year' });
    for (const suffix of suffixes)
      groups.push({ id: `TUTOR:${year}${suffix}`, name: `${year}${suffix}`, kind: 'tutor' });
  }

  const usedUpns = new Set<string>();
  const serials = new Map<number, number>();
  const upnFor = (allocatedYear: number): string => {
    // Serial numbers run 000–999 per year of allocation; a full year borrows the next one.
    for (let year = allocatedYear; ; year += 1) {
      const serial = serials.get(year % 100) ?? 0;
      if (serial > 999) continue;
      serials.set(year % 100, serial + 1);
      const body = `${laNumber}${establishmentNumber}${pad(year % 100, 2)}${pad(serial, 3)}`;
      const letter = upnCheckLetter(body);
      if (letter === undefined || usedUpns.has(body)) continue;
      usedUpns.add(body);
      return `${letter}${body}`;
    }
  };
  const usedUlns = new Set<string>();
  const ulnNext = (): string => {
    for (;;) {
      const uln = ulnFrom(`${1 + Math.floor(random() * 9)}${pad(Math.floor(random() * 1e8), 8)}`);
      if (uln !== undefined && !usedUlns.has(uln)) {
        usedUlns.add(uln);
        return uln;
      }
    }
  };

  const families: Family[] = [];
  let phones = 0;
  const phone = () => `07700 900${pad(phones++ % 1000, 3)}`;
  const newFamily = (): Family => {
    const number = families.length + 1;
    const surname = pick(SURNAMES);
    const address = `${1 + Math.floor(random() * 120)} ${pick(STREETS)}, ${pick(TOWNS)} ZZ9 ${number % 10}XX`;
    const both = chance(0.7);
    const first = chance(0.8) ? 'Mother' : 'Father';
    const relationships = both ? ['Mother', 'Father'] : [chance(0.1) ? 'Carer' : first];
    const family: Family = {
      surname,
      children: [],
      parents: relationships.map((relationship, index) => ({
        id: `CON-F${pad(number, 5)}-${index + 1}`,
        name: `${relationship === 'Father' ? pick(BOYS) : pick(GIRLS)} ${surname}`,
        relationship,
        phone: phone(),
        email: `family${number}.${relationship.toLowerCase()}@example.com`,
        address,
        parentalResponsibility: true,
        priority: index + 1,
      })),
    };
    families.push(family);
    return family;
  };

  const pupils: MisPupil[] = [];
  for (let index = 0; index < options.pupils; index += 1) {
    const yearGroup = yearGroups[index % yearGroups.length] as string;
    const suffix = suffixes[Math.floor(index / yearGroups.length) % suffixes.length] as string;
    const nc = yearGroup === 'R' ? 0 : Number(yearGroup);
    // About 15 % of pupils have a brother or sister already in the school.
    const family = families.length > 0 && chance(0.15) ? pick(families) : newFamily();
    const girl = chance(0.5);
    const forename = girl ? pick(GIRLS) : pick(BOYS);
    const birthYear = academicYearStart - nc - 5;
    const dateOfBirth = isoDay(Date.UTC(birthYear, 8, 1) + Math.floor(random() * 365) * DAY_MS);
    const firstNc = yearGroups[0] === 'R' ? 0 : Number(yearGroups[0]);
    const entryYear = academicYearStart - (nc - firstNc) + (chance(0.1) ? Math.min(1, nc - firstNc) : 0);
    const preferred = chance(0.4) ? PREFERRED[forename] : undefined;
    const contacts = [...family.parents];
    if (chance(0.2))
      contacts.push({
        id: `CON-P${pad(index + 1, 5)}-G`,
        name: `${pick(GIRLS)} ${pick(SURNAMES)}`,
        relationship: 'Grandparent',
        phone: phone(),
        parentalResponsibility: false,
        priority: contacts.length + 1,
      });
    const marks = marksFor(random, days);
    const summary = summaryOf(marks);
    const pupil: MisPupil = {
      id: `STU-${pad(index + 1, 5)}`,
      upn: upnFor(birthYear + 5),
      uln: ulnNext(),
      legalForename: forename,
      legalSurname: family.surname,
      ...(preferred === undefined ? {} : { preferredForename: preferred }),
      ...(chance(0.3) ? { middleNames: pick(MIDDLE_NAMES) } : {}),
      dateOfBirth,
      gender: girl ? 'F' : 'M',
      admissionDate: `${entryYear}-09-0${1 + Math.floor(random() * 5)}`,
      ncYear: yearGroup,
      groupIds: [`TUTOR:${yearGroup}${suffix}`, `YEAR:${yearGroup}`],
      senProvision: chance(0.04) ? 'E' : chance(0.12) ? 'K' : 'N',
      pupilPremium: chance(0.25),
      freeSchoolMeals: chance(0.2),
      englishAdditionalLanguage: chance(0.18),
      ethnicity: pick(ETHNICITIES),
      religion: pick(RELIGIONS),
      lookedAfter: chance(0.02),
      ...(chance(0.15) ? { medicalConditions: [pick(CONDITIONS)] } : {}),
      contacts,
      siblingIds: [],
      ...(summary === undefined ? {} : { attendanceSummary: summary }),
      attendance: marks,
    };
    family.children.push(pupil);
    pupils.push(pupil);
  }
  for (const family of families)
    for (const child of family.children)
      child.siblingIds.push(...family.children.filter((other) => other !== child).map((other) => other.id));

  const staffCount = options.staff ?? Math.max(3, Math.ceil(options.pupils / 12));
  const staff: MisStaff[] = [];
  const emails = new Set<string>();
  for (let index = 0; index < staffCount; index += 1) {
    const woman = chance(0.6);
    const forename = woman ? pick(GIRLS) : pick(BOYS);
    const surname = pick(SURNAMES);
    const title = woman ? pick(['Mrs', 'Ms', 'Miss', 'Dr', 'Mx']) : pick(['Mr', 'Dr', 'Mx']);
    let email = `${asciiWord(forename).slice(0, 1)}.${asciiWord(surname)}@${domain}`;
    for (let n = 2; emails.has(email); n += 1)
      email = `${asciiWord(forename).slice(0, 1)}.${asciiWord(surname)}${n}@${domain}`;
    emails.add(email);
    const role =
      index === 0
        ? 'Headteacher'
        : index === 1
          ? 'Designated Safeguarding Lead'
          : index === 2
            ? 'SENCo'
            : pick(STAFF_ROLES);
    staff.push({
      id: `EMP-${pad(index + 1, 4)}`,
      title,
      forename,
      surname,
      email,
      roles: [role === 'Head of Year' ? `Head of Year ${pick(yearGroups)}` : role],
    });
  }

  return { format: LANTERN_EXTRACT_FORMAT, generatedAt, complete: true, groups, pupils, staff };
}

export interface MutateOptions {
  /** The share of pupils to change, e.g. 0.02. */
  readonly changeFraction: number;
  readonly seed: number;
}

/**
 * The extract with a share of its pupils changed as a night's MIS edits would change them: a new
 * surname, a new phone number for a contact only that pupil has, or a move to another tutor group of
 * the same year. Everything else (including generatedAt) is left as it was; the input is not modified.
 */
export function mutateExtract(extract: MisExtract, options: MutateOptions): MisExtract {
  const random = randomFrom(options.seed);
  const count = Math.round(extract.pupils.length * options.changeFraction);
  // A seeded shuffle of the row numbers; the first `count` rows change.
  const order = extract.pupils.map((_, index) => index);
  for (let index = order.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [order[index], order[other]] = [order[other] as number, order[index] as number];
  }
  const changing = new Set(order.slice(0, count));
  const contactHolders = new Map<string, number>();
  for (const pupil of extract.pupils)
    for (const contact of pupil.contacts)
      contactHolders.set(contact.id, (contactHolders.get(contact.id) ?? 0) + 1);
  const tutorGroups = extract.groups.filter((group) => group.kind === 'tutor');
  let turn = 0;
  const pupils = extract.pupils.map((pupil, index) => {
    if (!changing.has(index)) return pupil;
    const kind = turn++ % 3;
    const ownContact = pupil.contacts.findIndex((contact) => contactHolders.get(contact.id) === 1);
    if (kind === 1 && ownContact !== -1) {
      const contacts = pupil.contacts.map((contact, at) =>
        at === ownContact
          ? { ...contact, phone: `07700 900${pad(Math.floor(random() * 1000), 3)}` }
          : contact,
      );
      if (contacts[ownContact]?.phone !== pupil.contacts[ownContact]?.phone) return { ...pupil, contacts };
    }
    if (kind === 2) {
      const current = pupil.groupIds.find((id) => tutorGroups.some((group) => group.id === id));
      const yearPrefix = current === undefined ? undefined : current.replace(/[A-Z]$/, '');
      const others = tutorGroups.filter(
        (group) =>
          group.id !== current &&
          yearPrefix !== undefined &&
          group.id.startsWith(yearPrefix) &&
          group.id.length === current?.length,
      );
      if (current !== undefined && others.length > 0) {
        const next = others[Math.floor(random() * others.length)] as MisGroup;
        return { ...pupil, groupIds: pupil.groupIds.map((id) => (id === current ? next.id : id)) };
      }
    }
    const surnames = SURNAMES.filter((surname) => surname !== pupil.legalSurname);
    return { ...pupil, legalSurname: surnames[Math.floor(random() * surnames.length)] as string };
  });
  return { ...extract, pupils };
}

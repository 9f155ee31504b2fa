/**
 * Synthetic pupils for demos and tests: deterministic from a seed, so the same school gets the same
 * pupils (and ids) on every run. Names are varied UK names with accents, apostrophes and hyphens;
 * dates of birth match the year groups of the academic year given; UPNs and ULNs carry correct check
 * characters; tutor and year groups, contacts and sibling links are generated with them. Pure: it
 * writes nothing, so the MIS import's tests can reuse it. Every name, number and address is invented
 * (phone numbers from Ofcom's drama range, emails at example.org).
 */
import { createHash } from 'node:crypto';
import type { ClassAccess, ClassGroup } from '../access/class-group';
import type { Contact, Pupil, PupilLink } from './pupil';
import { summaryOf } from './pupil';
import { ulnFrom, upnCheckLetter } from './uk-identifiers';

export interface DemoPupilOptions {
  readonly schoolId: string;
  /** Any number: the same seed gives the same pupils. */
  readonly seed: number;
  readonly count: number;
  /** National curriculum years, youngest first: "R" is Reception (NC year 0). */
  readonly yearGroups: readonly string[];
  /** The tutor groups of a year are named `<year><suffix>`, e.g. 5B. */
  readonly tutorGroupSuffixes: readonly string[];
  /** The calendar year the current academic year started in (September). */
  readonly academicYearStart: number;
  /** For UPNs: the school's local authority (3 digits) and DfE establishment (4 digits) numbers. */
  readonly laNumber: string;
  readonly establishmentNumber: string;
  /** Who may see each generated class's pupils when class restrictions are on. */
  readonly classAccess?: ClassAccess;
  /** The time stamps the records carry. */
  readonly at: string;
}

export interface DemoSchoolPupils {
  readonly classes: ClassGroup[];
  readonly pupils: Pupil[];
  readonly contacts: Contact[];
  /** Both directions of every sibling link. */
  readonly links: PupilLink[];
}

export const GIRLS = [
  'Amelia',
  'Olivia',
  'Isla',
  'Ava',
  'Freya',
  'Zoë',
  'Maya',
  'Aisha',
  'Chloé',
  'Niamh',
  'Priya',
  'Sofia',
  'Grace',
  'Siân',
  'Ffion',
  'Aoife',
  'Hannah',
  'Leah',
  'Fatima',
  'Maryam',
  'Zofia',
  'Renée',
  'Ruby',
  'Poppy',
  'Evie',
  'Imogen',
  'Nia',
  'Amara',
  'Chidinma',
  'Mei',
  'Anaïs',
  'Eilidh',
];
export const BOYS = [
  'Oliver',
  'Noah',
  'Muhammad',
  'Leo',
  'Arthur',
  'Harry',
  'Jack',
  'Theo',
  'Oscar',
  'Kacper',
  'Tomás',
  'Yusuf',
  'Rhys',
  'Callum',
  'Dylan',
  'Matthew',
  'Ibrahim',
  'Arjun',
  'Jakub',
  'Seán',
  'Finley',
  'Ethan',
  'Kai',
  'Reuben',
  'Tobi',
  'Emeka',
  'Wei',
  'Joël',
  'Ruaridh',
  'Dafydd',
  'Alfie',
  'Zain',
];
export const SURNAMES = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Khan',
  'Patel',
  "O'Brien",
  'Nowak',
  'Evans',
  'Thomas',
  'Roberts',
  'Hughes',
  'Ahmed',
  'Clarke',
  'Walker-Reid',
  'Okafor',
  'Murphy',
  'Lewis',
  'Begum',
  'Kowalski',
  'Davies',
  'Greenwood',
  'Hall',
  'Wright',
  'Ali',
  'Turner',
  'Bennett',
  "D'Souza",
  'MacLeod',
  'Ó Súilleabháin',
  'Adeyemi',
  'Chen',
  'Nguyen',
  'Fernández',
  'Singh',
  'Kaur',
  'Pryce-Jones',
  'Müller',
  'Łukasiewicz',
  "O'Connor",
  'Fitzgerald',
  'Campbell',
  'Llewellyn',
  'Osei',
  'Haddad',
  'Russo',
];
export const MIDDLE_NAMES = [
  'Rose',
  'James',
  'Grace',
  'Alexander',
  'May',
  'Louise',
  'John',
  'Anne-Marie',
  'Elizabeth',
];
/** Short forms some pupils are known by. */
export const PREFERRED: Readonly<Record<string, string>> = {
  Matthew: 'Matt',
  Oliver: 'Ollie',
  Alfie: 'Alf',
  Theo: 'Teddy',
  Hannah: 'Hanna',
  Imogen: 'Immy',
  Muhammad: 'Mo',
  Callum: 'Cal',
};
export const ETHNICITIES = [
  'WBRI',
  'WBRI',
  'WBRI',
  'WIRI',
  'WOTH',
  'APKN',
  'AIND',
  'ABAN',
  'BAFR',
  'BCRB',
  'CHNE',
  'MWBC',
  'MWAS',
  'OOTH',
  'REFU',
  'NOBT',
];
export const RELIGIONS = [
  'Christian',
  'No religion',
  'Muslim',
  'Hindu',
  'Sikh',
  'Jewish',
  'Buddhist',
  'Refused',
];
export const CONDITIONS = [
  'Asthma',
  'Nut allergy',
  'Type 1 diabetes',
  'Epilepsy',
  'Eczema',
  'Hay fever',
  'Wears glasses',
];
export const STREETS = [
  'Church Lane',
  'Station Road',
  'Mill Street',
  'Park Avenue',
  'Oak Close',
  'Victoria Road',
  'Meadow Way',
];
export const TOWNS = ['Oakfield', 'Riverside', 'Ashby Green', 'Westbrook'];

/** mulberry32: a small, fast generator whose sequence depends only on the seed. */
export function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A UUID (version-4 shaped) derived from a name, so the same input always gives the same id. */
export function demoUuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** NC year number: Reception is 0. */
function ncYear(yearGroup: string): number {
  return yearGroup === 'R' ? 0 : Number(yearGroup);
}

function yearGroupName(yearGroup: string): string {
  return yearGroup === 'R' ? 'Reception' : `Year ${yearGroup}`;
}

export function generateDemoPupils(options: DemoPupilOptions): DemoSchoolPupils {
  const random = randomFrom(options.seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const chance = (probability: number) => random() < probability;
  const id = (what: string) => demoUuid(`${options.schoolId}:${options.seed}:${what}`);
  const access = options.classAccess ?? { personIds: [], groupIds: [] };
  const classGroup = (name: string, kind: ClassGroup['kind']): ClassGroup => ({
    classId: id(`class:${name}`),
    schoolId: options.schoolId,
    name,
    kind,
    misId: `DEMO-${name.replace(/\s+/g, '')}`,
    access,
    awaitingAccess: access.personIds.length === 0 && access.groupIds.length === 0,
    createdAt: options.at,
    updatedAt: options.at,
    version: 1,
  });

  const classes: ClassGroup[] = [];
  const yearClass = new Map<string, ClassGroup>();
  const tutorClasses = new Map<string, ClassGroup[]>();
  for (const yearGroup of options.yearGroups) {
    const year = classGroup(yearGroupName(yearGroup), 'year');
    const tutors = options.tutorGroupSuffixes.map((suffix) => classGroup(`${yearGroup}${suffix}`, 'tutor'));
    yearClass.set(yearGroup, year);
    tutorClasses.set(yearGroup, tutors);
    classes.push(year, ...tutors);
  }

  const pupils: Pupil[] = [];
  const contacts: Contact[] = [];
  const links: PupilLink[] = [];
  /** Each family: surname, home address and parents, shared by siblings. */
  interface Family {
    surname: string;
    address: string;
    parents: { name: string; relationship: string; phone: string; email: string }[];
    children: Pupil[];
  }
  const families: Family[] = [];
  const newFamily = (): Family => {
    const surname = pick(SURNAMES);
    const parentNames = [
      { forename: pick(GIRLS), relationship: 'Mother' },
      { forename: pick(BOYS), relationship: 'Father' },
    ].slice(0, chance(0.7) ? 2 : 1);
    const familyNumber = families.length;
    const family: Family = {
      surname,
      address: `${1 + Math.floor(random() * 120)} ${pick(STREETS)}, ${pick(TOWNS)} ZZ9 ${pad(familyNumber % 10, 1)}XX`,
      parents: parentNames.map(({ forename, relationship }, index) => ({
        name: `${forename} ${surname}`,
        relationship,
        phone: `07700 900${pad((familyNumber * 2 + index) % 1000, 3)}`,
        email: `family${familyNumber}.${relationship.toLowerCase()}@example.org`,
      })),
      children: [],
    };
    families.push(family);
    return family;
  };

  for (let index = 0; index < options.count; index += 1) {
    const yearGroup = options.yearGroups[index % options.yearGroups.length] as string;
    const tutors = tutorClasses.get(yearGroup) ?? [];
    const tutor = tutors[Math.floor(index / options.yearGroups.length) % Math.max(1, tutors.length)];
    const year = yearClass.get(yearGroup);
    // About one pupil in six has a brother or sister already in the school.
    const family = families.length > 0 && chance(0.17) ? pick(families) : newFamily();
    const girl = chance(0.5);
    const forename = girl ? pick(GIRLS) : pick(BOYS);
    const birthYear = options.academicYearStart - ncYear(yearGroup) - 5;
    // Born between 1 September of birthYear and 31 August of the next year.
    const birthDay = new Date(Date.UTC(birthYear, 8, 1) + Math.floor(random() * 365) * 86_400_000);
    // Joined at the start of the school's first year group, or (a few) a year later.
    const firstYearStart =
      options.academicYearStart - (ncYear(yearGroup) - ncYear(options.yearGroups[0] ?? yearGroup));
    const allocated = pad((birthYear + 5) % 100, 2);
    const upnBody = `${options.laNumber}${options.establishmentNumber}${allocated}${pad(index % 1000, 3)}`;
    const checkLetter = upnCheckLetter(upnBody);
    let uln: string | undefined;
    while (uln === undefined)
      uln = ulnFrom(`${1 + Math.floor(random() * 9)}${pad(Math.floor(random() * 1e8), 8)}`);
    const preferred = chance(0.4) ? PREFERRED[forename] : undefined;
    const pupilId = id(`pupil:${index}`);
    const pupil: Pupil = {
      pupilId,
      schoolId: options.schoolId,
      legalForename: forename,
      legalSurname: family.surname,
      ...(preferred === undefined ? {} : { preferredForename: preferred }),
      ...(chance(0.3) ? { middleNames: pick(MIDDLE_NAMES) } : {}),
      dateOfBirth: birthDay.toISOString().slice(0, 10),
      gender: girl ? 'F' : 'M',
      ...(checkLetter === undefined ? {} : { upn: `${checkLetter}${upnBody}` }),
      uln,
      admissionDate: `${chance(0.85) ? firstYearStart : Math.min(options.academicYearStart, firstYearStart + 1)}-09-0${1 + Math.floor(random() * 5)}`,
      yearGroup,
      ...(tutor ? { tutorGroup: tutor.name } : {}),
      senProvision: chance(0.04) ? 'E' : chance(0.12) ? 'K' : 'N',
      pupilPremium: chance(0.25),
      freeSchoolMeals: chance(0.2),
      englishAdditionalLanguage: chance(0.18),
      ethnicity: pick(ETHNICITIES),
      religion: pick(RELIGIONS),
      lookedAfter: chance(0.02),
      ...(chance(0.15) ? { medicalConditions: [pick(CONDITIONS)] } : {}),
      classIds: [tutor?.classId, year?.classId].filter((classId): classId is string => classId !== undefined),
      archived: false,
      source: 'mis',
      misId: `DEMO-${options.seed}-${pad(index, 5)}`,
      monitoredCategoryIds: [],
      createdAt: options.at,
      updatedAt: options.at,
      version: 1,
    };
    pupils.push(pupil);
    family.parents.forEach((parent, priority) => {
      contacts.push({
        contactId: id(`contact:${index}:${priority}`),
        pupilId,
        name: parent.name,
        relationship: parent.relationship,
        phone: parent.phone,
        email: parent.email,
        address: family.address,
        parentalResponsibility: true,
        priority: priority + 1,
        source: 'mis',
        updatedAt: options.at,
        version: 1,
      });
    });
    if (chance(0.2)) {
      contacts.push({
        contactId: id(`contact:${index}:grandparent`),
        pupilId,
        name: `${pick(GIRLS)} ${pick(SURNAMES)}`,
        relationship: 'Grandparent',
        phone: `07700 900${pad((index * 7) % 1000, 3)}`,
        parentalResponsibility: false,
        priority: family.parents.length + 1,
        source: 'mis',
        updatedAt: options.at,
        version: 1,
      });
    }
    for (const sibling of family.children) {
      const link = (from: Pupil, to: Pupil): PupilLink => ({
        pupilId: from.pupilId,
        otherPupilId: to.pupilId,
        kind: 'sibling',
        other: summaryOf(to),
        source: 'mis',
        createdAt: options.at,
      });
      links.push(link(pupil, sibling), link(sibling, pupil));
    }
    family.children.push(pupil);
  }
  return { classes, pupils, contacts, links };
}

/** The demo pupil generator: deterministic, realistic and valid against the pupil schema and UK identifiers. */
import { ClassGroupSchema } from '../../../lib/access/class-group';
import { generateDemoPupils, type DemoPupilOptions } from '../../../lib/pupils/demo-pupils';
import { ContactSchema, PupilLinkSchema, PupilSchema } from '../../../lib/pupils/pupil';
import { isValidUln, isValidUpn } from '../../../lib/pupils/uk-identifiers';

const options: DemoPupilOptions = {
  schoolId: '5a0c3b7e-1f4d-4e7a-9c2b-6d8e0f1a2b3c',
  seed: 990001,
  count: 300,
  yearGroups: ['R', '1', '2', '3', '4', '5', '6'],
  tutorGroupSuffixes: ['A', 'B'],
  academicYearStart: 2025,
  laNumber: '999',
  establishmentNumber: '2001',
  at: '2025-09-01T08:00:00.000Z',
};

const demo = generateDemoPupils(options);

it('gives the same pupils, ids and all, for the same seed, and others for another seed', () => {
  expect(generateDemoPupils(options)).toEqual(demo);
  const other = generateDemoPupils({ ...options, seed: 990002 });
  expect(other.pupils[0]?.pupilId).not.toBe(demo.pupils[0]?.pupilId);
  expect(new Set(demo.pupils.map((pupil) => pupil.pupilId)).size).toBe(300);
});

it('makes records the schemas accept, with valid UPNs and ULNs', () => {
  for (const pupil of demo.pupils) {
    expect(PupilSchema.parse(pupil)).toEqual(pupil);
    expect(isValidUpn(pupil.upn!)).toBe(true);
    expect(isValidUln(pupil.uln!)).toBe(true);
  }
  for (const contact of demo.contacts) expect(ContactSchema.parse(contact)).toEqual(contact);
  for (const link of demo.links) expect(PupilLinkSchema.parse(link)).toEqual(link);
  for (const classGroup of demo.classes) expect(ClassGroupSchema.parse(classGroup)).toEqual(classGroup);
  expect(new Set(demo.pupils.map((pupil) => pupil.upn)).size).toBe(300);
});

it('gives each pupil a date of birth in their year group’s academic year (1 September to 31 August)', () => {
  for (const pupil of demo.pupils) {
    const ncYear = pupil.yearGroup === 'R' ? 0 : Number(pupil.yearGroup);
    const born = pupil.dateOfBirth;
    const from = `${2025 - ncYear - 5}-09-01`;
    const to = `${2025 - ncYear - 4}-08-31`;
    expect(born >= from && born <= to).toBe(true);
  }
});

it('places every pupil in a tutor group and the year group it belongs to', () => {
  const byId = new Map(demo.classes.map((classGroup) => [classGroup.classId, classGroup]));
  expect(demo.classes.map((classGroup) => classGroup.name)).toEqual(
    expect.arrayContaining(['Reception', 'RA', 'RB', 'Year 5', '5B']),
  );
  for (const pupil of demo.pupils) {
    const names = pupil.classIds.map((classId) => byId.get(classId)?.name);
    const year = pupil.yearGroup === 'R' ? 'Reception' : `Year ${pupil.yearGroup}`;
    expect(names).toEqual([pupil.tutorGroup, year]);
    expect(pupil.tutorGroup?.startsWith(pupil.yearGroup!)).toBe(true);
  }
});

it('uses varied names, with accents, apostrophes and hyphens among them', () => {
  const names = demo.pupils.map((pupil) => `${pupil.legalForename} ${pupil.legalSurname}`);
  expect(new Set(names).size).toBeGreaterThan(200);
  expect(names.some((name) => /[À-ž]/.test(name))).toBe(true);
  expect(names.some((name) => name.includes("'"))).toBe(true);
  expect(names.some((name) => /\p{L}-\p{L}/u.test(name))).toBe(true);
  expect(demo.pupils.some((pupil) => pupil.preferredForename !== undefined)).toBe(true);
});

it('links siblings both ways, and gives them the same surname and parents', () => {
  expect(demo.links.length).toBeGreaterThan(10);
  const pupils = new Map(demo.pupils.map((pupil) => [pupil.pupilId, pupil]));
  for (const link of demo.links) {
    expect(link.kind).toBe('sibling');
    expect(demo.links).toContainEqual(
      expect.objectContaining({ pupilId: link.otherPupilId, otherPupilId: link.pupilId }),
    );
    expect(pupils.get(link.pupilId)?.legalSurname).toBe(pupils.get(link.otherPupilId)?.legalSurname);
    const parentsOf = (pupilId: string) =>
      demo.contacts.filter((c) => c.pupilId === pupilId && c.parentalResponsibility).map((c) => c.phone);
    expect(parentsOf(link.pupilId)).toEqual(parentsOf(link.otherPupilId));
  }
});

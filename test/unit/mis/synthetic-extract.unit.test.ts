/**
 * The synthetic extract generator: valid and deterministic, and the same pupils come back from
 * Lantern JSON, Wonde JSON and CTF XML (each format carrying what it can).
 */
import { CTF_MEDICAL_FLAG_TEXT, ctfPupilId } from '../../../lib/mis/formats/ctf-format';
import type { MisExtract, MisPupil } from '../../../lib/mis/mis-extract';
import { parseExtract } from '../../../lib/mis/parse-extract';
import { mutateExtract, syntheticExtract, toCtfXml, toWondeJson } from '../../../lib/mis/synthetic-extract';
import { isTemporaryUpn, isValidUln, isValidUpn } from '../../../lib/pupils/uk-identifiers';

const bytes = (text: string) => new TextEncoder().encode(text);
const extract = syntheticExtract({ seed: 7, pupils: 300, attendanceDays: 40 });

it('is the same for the same seed and different for another', () => {
  expect(syntheticExtract({ seed: 7, pupils: 300, attendanceDays: 40 })).toEqual(extract);
  expect(syntheticExtract({ seed: 8, pupils: 300, attendanceDays: 40 }).pupils[0]).not.toEqual(
    extract.pupils[0],
  );
});

it('passes validation with no problems at all', () => {
  const result = parseExtract(bytes(JSON.stringify(extract)));
  expect(result.problems).toEqual([]);
  expect(result.pupils).toEqual(extract.pupils);
  expect(result.staff).toEqual(extract.staff);
  expect(result.groups).toEqual(extract.groups);
});

it('gives every pupil a distinct valid permanent UPN and a distinct valid ULN', () => {
  const upns = extract.pupils.map((pupil) => pupil.upn ?? '');
  const ulns = extract.pupils.map((pupil) => pupil.uln ?? '');
  expect(upns.every((upn) => isValidUpn(upn) && !isTemporaryUpn(upn) && upn.slice(1, 8) === '9384001')).toBe(
    true,
  );
  expect(ulns.every(isValidUln)).toBe(true);
  expect(new Set(upns).size).toBe(upns.length);
  expect(new Set(ulns).size).toBe(ulns.length);
});

it('puts every pupil in one tutor group and one year group, and varies the names', () => {
  const kinds = new Map(extract.groups.map((group) => [group.id, group.kind]));
  for (const pupil of extract.pupils)
    expect(pupil.groupIds.map((id) => kinds.get(id)).sort()).toEqual(['tutor', 'year']);
  expect(extract.groups.filter((group) => group.kind === 'tutor').map((group) => group.name)).toContain(
    '11F',
  );
  expect(new Set(extract.pupils.map((pupil) => pupil.legalSurname)).size).toBeGreaterThan(30);
  expect(new Set(extract.pupils.map((pupil) => pupil.legalForename)).size).toBeGreaterThan(40);
});

it('gives 1–3 contacts in the drama phone range, and links siblings both ways through shared parents', () => {
  for (const pupil of extract.pupils) {
    expect(pupil.contacts.length).toBeGreaterThanOrEqual(1);
    expect(pupil.contacts.length).toBeLessThanOrEqual(3);
    for (const contact of pupil.contacts) {
      expect(contact.phone).toMatch(/^07700 900\d{3}$/);
      if (contact.email !== undefined) expect(contact.email).toMatch(/@example\.com$/);
    }
  }
  const byId = new Map(extract.pupils.map((pupil) => [pupil.id, pupil]));
  const withSiblings = extract.pupils.filter((pupil) => pupil.siblingIds.length > 0);
  expect(withSiblings.length / extract.pupils.length).toBeGreaterThan(0.1);
  expect(withSiblings.length / extract.pupils.length).toBeLessThan(0.4);
  for (const pupil of withSiblings)
    for (const siblingId of pupil.siblingIds) {
      const sibling = byId.get(siblingId);
      expect(sibling?.siblingIds).toContain(pupil.id);
      expect(sibling?.legalSurname).toBe(pupil.legalSurname);
    }
});

it('marks school days only, mostly present, with a summary that adds up', () => {
  const allMarks: string[] = [];
  for (const pupil of extract.pupils) {
    expect(pupil.attendance).toHaveLength(40);
    for (const day of pupil.attendance) {
      expect([1, 2, 3, 4, 5]).toContain(new Date(`${day.date}T00:00:00Z`).getUTCDay());
      allMarks.push(day.am ?? '', day.pm ?? '');
    }
    const summary = pupil.attendanceSummary;
    expect(summary?.sessionsPossible).toBe(80);
    expect(
      (summary?.sessionsAttended ?? 0) +
        (summary?.sessionsAuthorisedAbsence ?? 0) +
        (summary?.sessionsUnauthorisedAbsence ?? 0),
    ).toBe(80);
  }
  const present = allMarks.filter((mark) => mark === '/' || mark === '\\' || mark === 'L').length;
  expect(present / allMarks.length).toBeGreaterThan(0.9);
  expect(new Set(allMarks)).toEqual(new Set(['/', '\\', 'L', 'C', 'M', 'I', 'N', 'U', 'G']));
});

it('makes staff with titles and school emails', () => {
  expect(extract.staff).toHaveLength(25);
  for (const member of extract.staff) {
    expect(member.title).toMatch(/^(Mr|Mrs|Ms|Miss|Dr|Mx)$/);
    expect(member.email).toMatch(/^[a-z]\.[a-z]+\d*@oakfield-academy\.sch\.uk\.invalid$/);
  }
  expect(new Set(extract.staff.map((member) => member.email)).size).toBe(25);
});

it('round-trips through Wonde JSON', () => {
  const result = parseExtract(bytes(toWondeJson(extract)));
  expect(result.format).toBe('wonde');
  expect(result.problems).toEqual([]);
  expect(result.generatedAt).toBe(extract.generatedAt);
  // Wonde has no sibling list; siblings come back from the parents they share, in any order.
  const sorted = (pupils: readonly MisPupil[]) =>
    pupils.map((pupil) => ({ ...pupil, siblingIds: [...pupil.siblingIds].sort() }));
  expect(sorted(result.pupils)).toEqual(sorted(extract.pupils));
  expect(result.staff).toEqual(extract.staff);
  expect([...result.groups].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
    extract.groups
      .filter((group) => result.groups.some((seen) => seen.id === group.id))
      .sort((a, b) => a.id.localeCompare(b.id)),
  );
});

/** What a CTF can carry of a pupil (see lib/mis/formats/ctf-writer.ts). */
function asCtfCarriesIt(pupil: MisPupil, generatedAt: string): MisPupil {
  const upn = pupil.upn ?? '';
  const summary = pupil.attendanceSummary;
  const {
    admissionDate: _admission,
    leavingDate: _leaving,
    religion: _religion,
    pupilPremium: _premium,
    englishAdditionalLanguage: _eal,
    medicalConditions,
    attendanceSummary: _summary,
    ...kept
  } = pupil;
  return {
    ...kept,
    id: ctfPupilId(upn),
    groupIds: pupil.groupIds.filter((id) => id.startsWith('YEAR:')),
    siblingIds: [],
    ...(medicalConditions === undefined ? {} : { medicalConditions: [CTF_MEDICAL_FLAG_TEXT] }),
    contacts: pupil.contacts.map((contact, index) => ({ ...contact, id: `${upn}-C${index + 1}` })),
    ...(summary === undefined ? {} : { attendanceSummary: { ...summary, to: generatedAt.slice(0, 10) } }),
  };
}

it('round-trips through CTF XML: pupils by UPN, year groups, never complete', () => {
  const xml = toCtfXml(extract, { sourceLea: '938', sourceEstab: '4001', schoolName: 'Oakfield Academy' });
  const result = parseExtract(bytes(xml));
  expect(result).toMatchObject({ format: 'ctf', complete: false, staff: [], problems: [] });
  expect(result.generatedAt).toBe(extract.generatedAt);
  expect(result.groups).toEqual(extract.groups.filter((group) => group.kind === 'year'));
  expect(result.pupils).toEqual(extract.pupils.map((pupil) => asCtfCarriesIt(pupil, extract.generatedAt)));
});

it('escapes names in CTF XML', () => {
  const awkward: MisExtract = {
    ...extract,
    pupils: [{ ...(extract.pupils[0] as MisPupil), legalSurname: 'Smith & <Jones>', siblingIds: [] }],
  };
  const xml = toCtfXml(awkward, { sourceLea: '938', sourceEstab: '4001', schoolName: 'A & B' });
  expect(parseExtract(bytes(xml)).pupils[0]?.legalSurname).toBe('Smith & <Jones>');
});

it('changes the given share of pupils, deterministically, and nothing else', () => {
  const changed = mutateExtract(extract, { changeFraction: 0.02, seed: 3 });
  expect(mutateExtract(extract, { changeFraction: 0.02, seed: 3 })).toEqual(changed);
  const differing = changed.pupils.filter(
    (pupil, index) => JSON.stringify(pupil) !== JSON.stringify(extract.pupils[index]),
  );
  expect(differing).toHaveLength(6);
  expect(changed.staff).toBe(extract.staff);
  expect(changed.groups).toBe(extract.groups);
  expect(parseExtract(bytes(JSON.stringify(changed))).problems).toEqual([]);
  // The input is untouched.
  expect(extract).toEqual(syntheticExtract({ seed: 7, pupils: 300, attendanceDays: 40 }));
});

it('reads a 2,000-pupil extract with a term of marks in all three formats', () => {
  const big = syntheticExtract({ seed: 1, pupils: 2000, attendanceDays: 60 });
  const lantern = JSON.stringify(big);
  expect(lantern.length).toBeGreaterThan(4_000_000);
  expect(parseExtract(bytes(lantern)).pupils).toHaveLength(2000);
  expect(parseExtract(bytes(toWondeJson(big))).pupils).toHaveLength(2000);
  expect(
    parseExtract(bytes(toCtfXml(big, { sourceLea: '938', sourceEstab: '4001', schoolName: 'Oakfield' })))
      .pupils,
  ).toHaveLength(2000);
});

/**
 * Row validation through parseExtract (Lantern JSON): every bad-input case of issue 5 gives the
 * expected RowProblem, valid rows still come through beside invalid ones, and no problem holds a name.
 * UPN examples are computed by hand from the DfE rule (see uk-standards): 938400125001 sums to 168,
 * 168 mod 23 = 7 → H; the temporary 93840012500A sums to 155, mod 23 = 17 → U.
 */
import { parseExtract } from '../../../lib/mis/parse-extract';
import type { RowProblem } from '../../../lib/mis/mis-extract';

const VALID_UPN = 'H938400125001';
const OTHER_UPN = 'B801200005001';
const TEMPORARY_UPN = 'U93840012500A';
// 1×10 + 2×9 + … + 9×2 = 210; (210 + 9) mod 11 = 10.
const VALID_ULN = '1234567899';

function pupil(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    legalForename: 'Amelia',
    legalSurname: "O'Brien",
    dateOfBirth: '2013-02-03',
    gender: 'F',
    ...extra,
  };
}

function extract(pupils: unknown[], extra: Record<string, unknown> = {}) {
  const body = {
    format: 'lantern-mis-extract/1',
    generatedAt: '2026-01-10T02:00:00Z',
    groups: [{ id: 'G7A', name: '7A', kind: 'tutor' }],
    pupils,
    ...extra,
  };
  return parseExtract(new TextEncoder().encode(JSON.stringify(body)));
}

function problemsFor(problems: readonly RowProblem[], row: number): RowProblem[] {
  return problems.filter((problem) => problem.section === 'pupils' && problem.row === row);
}

it('keeps valid rows beside invalid ones, and reports the invalid row by row, id, field and reason', () => {
  const result = extract([
    pupil('P1', { upn: VALID_UPN, uln: VALID_ULN }),
    pupil('P2', { dateOfBirth: '2026-02-30' }),
    pupil('P3'),
  ]);
  expect(result.pupils.map((row) => row.id)).toEqual(['P1', 'P3']);
  expect(result.problems).toEqual([
    {
      section: 'pupils',
      row: 2,
      misId: 'P2',
      field: 'dateOfBirth',
      reason: 'is not a real calendar date (e.g. 30 February)',
      severity: 'error',
    },
  ]);
});

it.each([
  [
    'a wrong check letter',
    { upn: 'A938400125001' },
    'upn',
    'the check letter does not match the rest of the UPN (mistyped?)',
  ],
  [
    'a UPN of the wrong shape',
    { upn: 'H93840012500' },
    'upn',
    expect.stringContaining('must be 13 characters'),
  ],
  [
    'a ULN with a wrong check digit',
    { uln: '1234567890' },
    'uln',
    'the check digit does not match the rest of the ULN (mistyped?)',
  ],
  [
    'a ULN of the wrong shape',
    { uln: '0234567899' },
    'uln',
    'must be 10 digits, the first not 0 (a Unique Learner Number)',
  ],
  [
    'an impossible date',
    { admissionDate: '2025-02-29' },
    'admissionDate',
    'is not a real calendar date (e.g. 30 February)',
  ],
  [
    'a date in the wrong format',
    { dateOfBirth: '03/02/2013' },
    'dateOfBirth',
    'must be a date written YYYY-MM-DD',
  ],
  [
    'a birth date after the extract',
    { dateOfBirth: '2026-01-11' },
    'dateOfBirth',
    'is after the date of the extract',
  ],
  [
    'a birth date over 25 years back',
    { dateOfBirth: '2001-01-09' },
    'dateOfBirth',
    'is more than 25 years before the date of the extract',
  ],
  [
    'leaving before admission',
    { admissionDate: '2024-09-01', leavingDate: '2024-08-31' },
    'leavingDate',
    'is before admissionDate',
  ],
  ['an unknown SEN provision code', { senProvision: 'S' }, 'senProvision', 'must be one of: E, K, N'],
  ['an unknown gender code', { gender: 'Q' }, 'gender', 'must be one of: M, F, X, U'],
  ['a missing surname', { legalSurname: undefined }, 'legalSurname', 'is required'],
  ['a blank forename', { legalForename: '  ' }, 'legalForename', 'must not be empty'],
  ['a wrong NC year', { ncYear: '15' }, 'ncYear', 'must be an NC year: N1, N2, R or 1 to 14'],
  ['a boolean written as text', { freeSchoolMeals: 'maybe' }, 'freeSchoolMeals', 'must be true or false'],
  [
    'a misspelt field',
    { dateofbirth: '2013-02-03' },
    'dateofbirth',
    'is not a field of a pupil row (check the spelling)',
  ],
])('skips a row with %s', (_case, extra, field, reason) => {
  const result = extract([pupil('P1', extra), pupil('P2')]);
  expect(result.pupils.map((row) => row.id)).toEqual(['P2']);
  expect(problemsFor(result.problems, 1)).toEqual([
    { section: 'pupils', row: 1, misId: 'P1', field, reason, severity: 'error' },
  ]);
});

it('accepts a birth date exactly 25 years before the extract and one on its date', () => {
  const result = extract([
    pupil('P1', { dateOfBirth: '2001-01-10' }),
    pupil('P2', { dateOfBirth: '2026-01-10' }),
  ]);
  expect(result.pupils).toHaveLength(2);
});

it('accepts 29 February in a leap year', () => {
  expect(extract([pupil('P1', { admissionDate: '2024-02-29' })]).pupils).toHaveLength(1);
});

it('imports a temporary UPN and flags it with a warning', () => {
  const result = extract([pupil('P1', { upn: TEMPORARY_UPN })]);
  expect(result.pupils[0]?.upn).toBe(TEMPORARY_UPN);
  expect(result.problems).toEqual([
    expect.objectContaining({
      row: 1,
      misId: 'P1',
      field: 'upn',
      severity: 'warning',
      reason: expect.stringContaining('temporary UPN'),
    }),
  ]);
});

it('skips every row holding a UPN that appears twice, naming the other row', () => {
  const result = extract([
    pupil('P1', { upn: VALID_UPN }),
    pupil('P2', { upn: OTHER_UPN }),
    pupil('P3', { upn: ` ${VALID_UPN.toLowerCase()} ` }),
  ]);
  expect(result.pupils.map((row) => row.id)).toEqual(['P2']);
  expect(result.problems).toEqual([
    { section: 'pupils', row: 1, misId: 'P1', field: 'upn', reason: 'UPN also on row 3', severity: 'error' },
    { section: 'pupils', row: 3, misId: 'P3', field: 'upn', reason: 'UPN also on row 1', severity: 'error' },
  ]);
});

it('skips every row holding an id that appears twice', () => {
  const result = extract([pupil('P1'), pupil('P1'), pupil('P2')]);
  expect(result.pupils.map((row) => row.id)).toEqual(['P2']);
  expect(result.problems.map((problem) => [problem.row, problem.field, problem.reason])).toEqual([
    [1, 'id', 'id also on row 2: each row needs its own id'],
    [2, 'id', 'id also on row 1: each row needs its own id'],
  ]);
});

it('imports an unknown ethnicity code without the ethnicity, with a warning', () => {
  const result = extract([pupil('P1', { ethnicity: 'wbri' }), pupil('P2', { ethnicity: 'ZZZZ' })]);
  expect(result.pupils[0]?.ethnicity).toBe('WBRI');
  expect(result.pupils[1]).not.toHaveProperty('ethnicity');
  expect(result.problems).toEqual([
    expect.objectContaining({ row: 2, field: 'ethnicity', severity: 'warning' }),
  ]);
});

it('drops a bad contact with a warning and keeps the pupil and its other contacts', () => {
  const result = extract([
    pupil('P1', {
      contacts: [
        { id: 'C1', name: 'Sarah Smith', relationship: 'Mother', phone: '07700 900001' },
        { id: 'C2', name: 'John Smith', relationship: 'Father', email: 'not an email' },
        { id: 'C1', name: 'Sarah Smith', relationship: 'Mother' },
      ],
    }),
  ]);
  expect(result.pupils[0]?.contacts.map((contact) => contact.id)).toEqual(['C1']);
  expect(result.problems).toEqual([
    {
      section: 'pupils',
      row: 1,
      misId: 'P1',
      field: 'contacts[1].email',
      reason: 'must be an email address; this contact was not imported',
      severity: 'warning',
    },
    {
      section: 'pupils',
      row: 1,
      misId: 'P1',
      field: 'contacts[2].id',
      reason: 'another contact of this pupil has the same id; this one was not imported',
      severity: 'warning',
    },
  ]);
});

it('drops attendance days with bad codes, impossible dates or repeated dates, with warnings', () => {
  const result = extract([
    pupil('P1', {
      attendance: [
        { date: '2026-01-05', am: '/', pm: '\\' },
        { date: '2026-01-06', am: '/', pm: 'Q9' },
        { date: '2025-11-31', am: '/' },
        { date: '2026-01-05', am: 'I', pm: 'I' },
      ],
    }),
  ]);
  expect(result.pupils[0]?.attendance).toEqual([{ date: '2026-01-05', am: '/', pm: '\\' }]);
  expect(result.problems.map((problem) => [problem.field, problem.severity, problem.reason])).toEqual([
    ['attendance[1].pm', 'warning', 'must be a DfE attendance code; this day was not imported'],
    [
      'attendance[2].date',
      'warning',
      'is not a real calendar date (e.g. 30 February); this day was not imported',
    ],
    ['attendance[3].date', 'warning', 'this date is listed twice; the second was not imported'],
  ]);
});

it('drops group memberships and sibling links to rows the extract does not hold, with warnings', () => {
  const result = extract([
    pupil('P1', { groupIds: ['G7A', 'G9Z'], siblingIds: ['P2', 'P3', 'P9'] }),
    pupil('P2', { siblingIds: ['P1'] }),
    pupil('P3', { dateOfBirth: 'never' }),
  ]);
  expect(result.pupils[0]).toMatchObject({ groupIds: ['G7A'], siblingIds: ['P2'] });
  expect(result.problems.map((problem) => [problem.row, problem.field, problem.severity])).toEqual([
    [1, 'groupIds', 'warning'],
    [1, 'siblingIds', 'warning'],
    [1, 'siblingIds', 'warning'],
    [3, 'dateOfBirth', 'error'],
  ]);
});

it('validates staff and group rows the same way', () => {
  const result = extract([pupil('P1')], {
    groups: [
      { id: 'G7A', name: '7A', kind: 'tutor' },
      { id: 'G7B', name: '7B', kind: 'house' },
    ],
    staff: [
      { id: 'S1', forename: 'Dana', surname: 'Reid', email: 'D.Reid@School.sch.uk.invalid' },
      { id: 'S2', forename: 'Tom', surname: 'Hall', email: 'tom at school' },
    ],
  });
  expect(result.groups.map((group) => group.id)).toEqual(['G7A']);
  expect(result.staff).toEqual([
    { id: 'S1', forename: 'Dana', surname: 'Reid', email: 'd.reid@school.sch.uk.invalid', roles: [] },
  ]);
  expect(result.problems).toEqual([
    {
      section: 'groups',
      row: 2,
      misId: 'G7B',
      field: 'kind',
      reason: 'must be one of: tutor, year',
      severity: 'error',
    },
    {
      section: 'staff',
      row: 2,
      misId: 'S2',
      field: 'email',
      reason: 'must be an email address',
      severity: 'error',
    },
  ]);
});

it('never puts a name into a problem', () => {
  const result = extract([
    pupil('P1', {
      upn: 'A938400125001',
      contacts: [{ id: 'C1', name: 'Sarah Smith', relationship: 'Mother', email: 'x' }],
    }),
    pupil('P2', { legalForename: 'Zebedee'.repeat(20) }),
  ]);
  expect(result.problems.length).toBeGreaterThan(0);
  const written = JSON.stringify(result.problems);
  for (const name of ['Amelia', "O'Brien", 'Sarah', 'Smith', 'Zebedee']) expect(written).not.toContain(name);
});

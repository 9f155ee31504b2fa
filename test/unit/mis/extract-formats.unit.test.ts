/**
 * The three accepted formats: picking the format, structural failures (rejected whole, naming the
 * field or element), Wonde's and CTF's mappings, and safe XML parsing.
 */
import { parseExtract } from '../../../lib/mis/parse-extract';
import { ExtractStructureError } from '../../../lib/mis/mis-extract';
import { CTF_MEDICAL_FLAG_TEXT } from '../../../lib/mis/formats/ctf-format';

const bytes = (text: string) => new TextEncoder().encode(text);
const json = (value: unknown) => bytes(JSON.stringify(value));

function structureError(run: () => unknown): { field: string; reason: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof ExtractStructureError) return { field: error.field, reason: error.reason };
    throw error;
  }
  throw new Error('expected an ExtractStructureError');
}

const LANTERN = {
  format: 'lantern-mis-extract/1',
  generatedAt: '2026-01-10T02:00:00+00:00',
  pupils: [
    { id: 'P1', legalForename: 'Amelia', legalSurname: 'Khan', dateOfBirth: '2013-02-03', gender: 'F' },
  ],
};

describe('Lantern JSON', () => {
  it('parses, filling defaults (complete, groups, staff, contacts)', () => {
    const result = parseExtract(json(LANTERN));
    expect(result).toMatchObject({ format: 'lantern', complete: true, groups: [], staff: [], problems: [] });
    expect(result.pupils[0]).toMatchObject({ id: 'P1', contacts: [], attendance: [], groupIds: [] });
  });

  it('strips a byte order mark', () => {
    expect(parseExtract(bytes(`\uFEFF${JSON.stringify(LANTERN)}`)).pupils).toHaveLength(1);
  });

  it.each([
    [
      'malformed JSON',
      bytes('{"format": "lantern-mis-extract/1",'),
      'body',
      expect.stringMatching(/^not valid JSON: /),
    ],
    ['a top-level array', json([LANTERN]), 'body', expect.stringMatching(/^unknown format/)],
    [
      'an unknown format name',
      json({ ...LANTERN, format: 'acme/2' }),
      'body.format',
      expect.stringMatching(/^unknown format: "acme\/2"/),
    ],
    ['no pupils', json({ ...LANTERN, pupils: undefined }), 'body.pupils', 'must be an array of objects'],
    [
      'a pupil that is not an object',
      json({ ...LANTERN, pupils: ['P1'] }),
      'body.pupils[0]',
      expect.stringContaining('must be an object'),
    ],
    [
      'staff that is not an array',
      json({ ...LANTERN, staff: {} }),
      'body.staff',
      'must be an array of objects',
    ],
    [
      'a bad generatedAt',
      json({ ...LANTERN, generatedAt: '2026-01-10' }),
      'body.generatedAt',
      expect.stringContaining('offset'),
    ],
    [
      'complete written as text',
      json({ ...LANTERN, complete: 'yes' }),
      'body.complete',
      'must be true or false',
    ],
    [
      'an unknown top-level field',
      json({ ...LANTERN, schools: [] }),
      'body.schools',
      'is not a field of an extract',
    ],
    ['bytes that are not UTF-8', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 'body', 'is not UTF-8 text'],
  ])('rejects %s whole', (_case, body, field, reason) => {
    expect(structureError(() => parseExtract(body))).toEqual({ field, reason });
  });

  it('lets the declared format win over sniffing', () => {
    expect(structureError(() => parseExtract(json(LANTERN), { format: 'wonde' })).field).toBe(
      'body.students',
    );
  });
});

const WONDE = {
  students: {
    data: [
      {
        id: 'A1001',
        mis_id: '5001',
        forename: 'Mo',
        surname: 'Ahmed',
        legal_forename: 'Muhammad',
        legal_surname: 'Ahmed',
        middle_names: 'Ali',
        gender: 'male',
        date_of_birth: { date: '2012-10-04 00:00:00.000000', timezone_type: 3, timezone: 'Europe/London' },
        education_details: {
          data: {
            upn: 'H938400125001',
            uln: '1234567899',
            current_nc_year: 8,
            admission_date: { date: '2024-09-03 00:00:00.000000' },
          },
        },
        extended_details: {
          data: {
            sen_status: 'SEN support',
            free_school_meals: 'Y',
            premium_pupil_indicator: 1,
            english_as_additional_language: 'No',
            ethnicity: 'APKN',
            in_lea_care: false,
            religion: 'Muslim',
          },
        },
        classes: { data: [{ id: 'CL8B', name: '8B' }] },
        year: { data: { id: 'YR8', name: 'Year 8', code: '8' } },
        contacts: {
          data: [
            {
              id: 'CT1',
              forename: 'Fatima',
              surname: 'Ahmed',
              relationship: { relationship: 'Mother', parental_responsibility: 'Y', priority: '1' },
              contact_details: {
                data: {
                  emails: { email: 'fatima@example.com' },
                  telephones: { mobile: '07700 900123' },
                  addresses: {
                    address_line_1: '1 Mill Street',
                    address_town: 'Oakfield',
                    address_postcode: 'ZZ9 1XX',
                  },
                },
              },
            },
          ],
        },
        attendance: {
          data: [
            {
              date: { date: '2026-01-05 00:00:00.000000' },
              session: 'AM',
              attendance_code: { data: { code: '/' } },
            },
            { date: { date: '2026-01-05 00:00:00.000000' }, session: 'PM', code: 'I' },
          ],
        },
      },
      {
        id: 'A1002',
        forename: 'Ayesha',
        surname: 'Ahmed',
        gender: 'F',
        date_of_birth: { date: '2014-03-01 00:00:00.000000' },
        education_details: { data: { current_nc_year: 'Reception' } },
        contacts: {
          data: [
            {
              id: 'CT1',
              forename: 'Fatima',
              surname: 'Ahmed',
              relationship: { relationship: 'Mother', parental_responsibility: true },
            },
          ],
        },
      },
      {
        id: 'A1003',
        forename: 'Left',
        surname: 'Already',
        gender: 'F',
        date_of_birth: { date: '2013-01-01' },
      },
    ],
  },
  employees: {
    data: [
      {
        id: 'E1',
        title: 'Mrs',
        forename: 'Dana',
        surname: 'Reid',
        contact_details: { data: { emails: { email: 'd.reid@oakfield.sch.uk.invalid' } } },
        roles: { data: [{ name: 'Designated Safeguarding Lead' }] },
      },
    ],
  },
  deletions: { data: [{ id: 'A1003', type: 'student' }] },
};

describe('Wonde JSON', () => {
  it('maps students, classes, year, contacts, attendance and employees, and leaves out deletions', () => {
    const result = parseExtract(json(WONDE), { receivedAt: '2026-01-10T02:00:00.000Z' });
    expect(result).toMatchObject({
      format: 'wonde',
      complete: true,
      generatedAt: '2026-01-10T02:00:00.000Z',
    });
    expect(result.problems).toEqual([]);
    expect(result.groups).toEqual([
      { id: 'CL8B', name: '8B', kind: 'tutor' },
      { id: 'YR8', name: 'Year 8', kind: 'year' },
    ]);
    expect(result.pupils.map((pupil) => pupil.id)).toEqual(['A1001', 'A1002']);
    expect(result.pupils[0]).toEqual({
      id: 'A1001',
      upn: 'H938400125001',
      uln: '1234567899',
      legalForename: 'Muhammad',
      legalSurname: 'Ahmed',
      preferredForename: 'Mo',
      middleNames: 'Ali',
      dateOfBirth: '2012-10-04',
      gender: 'M',
      admissionDate: '2024-09-03',
      ncYear: '8',
      groupIds: ['CL8B', 'YR8'],
      senProvision: 'K',
      pupilPremium: true,
      freeSchoolMeals: true,
      englishAdditionalLanguage: false,
      ethnicity: 'APKN',
      religion: 'Muslim',
      lookedAfter: false,
      contacts: [
        {
          id: 'CT1',
          name: 'Fatima Ahmed',
          relationship: 'Mother',
          phone: '07700 900123',
          email: 'fatima@example.com',
          address: '1 Mill Street, Oakfield, ZZ9 1XX',
          parentalResponsibility: true,
          priority: 1,
        },
      ],
      siblingIds: ['A1002'],
      attendance: [{ date: '2026-01-05', am: '/', pm: 'I' }],
    });
    expect(result.pupils[1]).toMatchObject({ ncYear: 'R', siblingIds: ['A1001'], legalForename: 'Ayesha' });
    expect(result.staff).toEqual([
      {
        id: 'E1',
        title: 'Mrs',
        forename: 'Dana',
        surname: 'Reid',
        email: 'd.reid@oakfield.sch.uk.invalid',
        roles: ['Designated Safeguarding Lead'],
      },
    ]);
  });

  it('reads a bare page of students ({ data: [...] })', () => {
    const result = parseExtract(json({ data: WONDE.students.data.slice(1, 2) }), {
      receivedAt: '2026-01-10T02:00:00.000Z',
    });
    expect(result.pupils.map((pupil) => pupil.id)).toEqual(['A1002']);
  });

  it('passes unrecognised values through for validation to report', () => {
    const student = {
      ...WONDE.students.data[1],
      extended_details: { data: { sen_status: 'Q', free_school_meals: 'sometimes' } },
    };
    const result = parseExtract(json({ data: [student] }), { receivedAt: '2026-01-10T02:00:00.000Z' });
    expect(result.pupils).toEqual([]);
    expect(result.problems.map((problem) => problem.field)).toEqual(['senProvision', 'freeSchoolMeals']);
  });

  it('rejects students that are not a list of objects', () => {
    expect(structureError(() => parseExtract(json({ students: { data: [1] } })))).toEqual({
      field: 'body.students.data[0]',
      reason: 'must be an object',
    });
    expect(structureError(() => parseExtract(json({ students: [] }))).field).toBe('body.students');
  });
});

const CTF = `<?xml version="1.0" encoding="UTF-8"?>
<CTfile>
  <Header>
    <DocumentName>Common Transfer File</DocumentName>
    <CTFversion>26.0</CTFversion>
    <DateTime>2026-01-10T14:30:00</DateTime>
    <SourceSchool><LEA>938</LEA><Estab>4001</Estab><SchoolName>Riverside &amp; Co</SchoolName></SourceSchool>
  </Header>
  <CTFpupilData>
    <Pupil>
      <UPN>H938400125001</UPN>
      <UniqueLearnerNumber>1234567899</UniqueLearnerNumber>
      <Surname>O&apos;Brien</Surname>
      <Forename>Si&#226;n</Forename>
      <DOB>2013-02-03</DOB>
      <Sex>F</Sex>
      <BasicDetails>
        <PreferredForename>Shan</PreferredForename>
        <NCyearActual>7</NCyearActual>
        <Ethnicity>WIRI</Ethnicity>
        <EnrolStatus>C</EnrolStatus>
        <MedicalFlag>true</MedicalFlag>
      </BasicDetails>
      <LookedAfter><InCare>true</InCare></LookedAfter>
      <FSMhistory>
        <FSMinstance><FSMstartDate>2023-09-01</FSMstartDate><FSMendDate>2024-07-20</FSMendDate></FSMinstance>
        <FSMinstance><FSMstartDate>2025-01-06</FSMstartDate></FSMinstance>
      </FSMhistory>
      <SENhistory>
        <SEN><StartDate>2022-09-01</StartDate><SENprovision>K</SENprovision></SEN>
        <SEN><StartDate>2025-03-01</StartDate><SENprovision>E</SENprovision></SEN>
      </SENhistory>
      <Address><BS7666Address><PAON>12</PAON><Street>Church Lane</Street><Town>Oakfield</Town></BS7666Address><PostCode>ZZ9 2XX</PostCode></Address>
      <Contacts>
        <Contact>
          <Order>1</Order><Title>Mrs</Title><Forename>Mary</Forename><Surname>O'Brien</Surname>
          <Relationship>PAR</Relationship><Responsibility>true</Responsibility>
          <Address><AddressAsPupil>true</AddressAsPupil></Address>
          <Phones><Phone><TelephoneType>M</TelephoneType><PhoneNo>07700 900456</PhoneNo></Phone></Phones>
          <Email>mary@example.com</Email>
        </Contact>
        <Contact><Forename>Gran</Forename><Relationship>Grandmother</Relationship></Contact>
      </Contacts>
      <Attendance>
        <YearData>
          <Year>2024</Year><SessionsPossible>300</SessionsPossible><SessionsAuthorised>10</SessionsAuthorised>
          <SessionsAttended>285</SessionsAttended><SessionsUnauthorised>5</SessionsUnauthorised>
          <AttendanceStartDate>2024-09-02</AttendanceStartDate>
        </YearData>
        <YearData>
          <Year>2025</Year><SessionsPossible>10</SessionsPossible><SessionsAuthorised>2</SessionsAuthorised>
          <SessionsAttended>7</SessionsAttended><SessionsUnauthorised>1</SessionsUnauthorised>
          <AttendanceStartDate>2026-01-01</AttendanceStartDate>
          <AttendanceMarks>##/\\####/\\IIN---/\\</AttendanceMarks>
        </YearData>
      </Attendance>
    </Pupil>
    <Pupil>
      <UPN>B801200005001</UPN><Surname>Nowak</Surname><Forename>Kacper</Forename><DOB>2012-11-30</DOB><Gender>M</Gender>
      <BasicDetails><NCyearActual>8</NCyearActual></BasicDetails>
    </Pupil>
  </CTFpupilData>
</CTfile>`;

describe('CTF XML', () => {
  it('maps pupils by UPN, with year groups, contacts, FSM, SEN and attendance; never complete', () => {
    const result = parseExtract(bytes(CTF));
    expect(result).toMatchObject({ format: 'ctf', complete: false, staff: [], problems: [] });
    // 14:30 in January is 14:30 UTC.
    expect(result.generatedAt).toBe('2026-01-10T14:30:00.000Z');
    expect(result.groups).toEqual([
      { id: 'YEAR:7', name: 'Year 7', kind: 'year' },
      { id: 'YEAR:8', name: 'Year 8', kind: 'year' },
    ]);
    expect(result.pupils[0]).toEqual({
      id: 'UPN:H938400125001',
      upn: 'H938400125001',
      uln: '1234567899',
      legalForename: 'Siân',
      legalSurname: "O'Brien",
      preferredForename: 'Shan',
      dateOfBirth: '2013-02-03',
      gender: 'F',
      ncYear: '7',
      groupIds: ['YEAR:7'],
      senProvision: 'E',
      freeSchoolMeals: true,
      ethnicity: 'WIRI',
      lookedAfter: true,
      medicalConditions: [CTF_MEDICAL_FLAG_TEXT],
      contacts: [
        {
          id: 'H938400125001-C1',
          name: "Mary O'Brien",
          relationship: 'Parent',
          phone: '07700 900456',
          email: 'mary@example.com',
          address: '12, Church Lane, Oakfield, ZZ9 2XX',
          parentalResponsibility: true,
          priority: 1,
        },
        { id: 'H938400125001-C2', name: 'Gran', relationship: 'Grandmother', parentalResponsibility: false },
      ],
      siblingIds: [],
      attendanceSummary: {
        from: '2026-01-01',
        to: '2026-01-10',
        sessionsPossible: 10,
        sessionsAttended: 7,
        sessionsAuthorisedAbsence: 2,
        sessionsUnauthorisedAbsence: 1,
      },
      // From Thursday 1 January 2026, two marks a day through the weekend: a closure ("##") on the
      // bank holiday, "-" for no mark, nothing kept for the weekend or a day with no marks.
      attendance: [
        { date: '2026-01-01', am: '#', pm: '#' },
        { date: '2026-01-02', am: '/', pm: '\\' },
        { date: '2026-01-05', am: '/', pm: '\\' },
        { date: '2026-01-06', am: 'I', pm: 'I' },
        { date: '2026-01-07', am: 'N' },
        { date: '2026-01-09', am: '/', pm: '\\' },
      ],
    });
    expect(result.pupils[1]).toMatchObject({
      id: 'UPN:B801200005001',
      gender: 'M',
      groupIds: ['YEAR:8'],
      contacts: [],
    });
  });

  it('reads a header time in British Summer Time as UK local time', () => {
    const summer = CTF.replace('2026-01-10T14:30:00', '2025-07-01T10:00:00');
    expect(parseExtract(bytes(summer), { mediaType: 'application/xml; charset=utf-8' }).generatedAt).toBe(
      '2025-07-01T09:00:00.000Z',
    );
  });

  it('keeps the summary but not the days when the marks do not run through weekends, with a warning', () => {
    const weekdaysOnly = CTF.replace('##/\\####/\\IIN---/\\', '##/\\/\\/\\');
    const result = parseExtract(bytes(weekdaysOnly));
    expect(result.pupils[0]?.attendance).toEqual([]);
    expect(result.pupils[0]?.attendanceSummary?.sessionsPossible).toBe(10);
    expect(result.problems).toEqual([
      expect.objectContaining({
        row: 1,
        misId: 'UPN:H938400125001',
        field: 'attendance',
        severity: 'warning',
      }),
    ]);
  });

  it.each([
    ['malformed XML', '<CTfile><Header></CTfile>', 'body', expect.stringMatching(/^not well-formed XML: /)],
    [
      'another root element',
      '<ATfile><Header/></ATfile>',
      'CTfile',
      expect.stringContaining('root element must be CTfile'),
    ],
    [
      'no pupil data',
      '<CTfile><Header><DateTime>2026-01-10T14:30:00</DateTime></Header></CTfile>',
      'CTfile/CTFpupilData',
      expect.stringContaining('is missing'),
    ],
    [
      'no header date',
      '<CTfile><Header></Header><CTFpupilData></CTFpupilData></CTfile>',
      'CTfile/Header/DateTime',
      expect.stringContaining('must be a date and time'),
    ],
    [
      'a DTD (entity expansion)',
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><CTfile><Header><DateTime>2026-01-10T14:30:00</DateTime></Header><CTFpupilData><Pupil><Surname>&lol2;</Surname></Pupil></CTFpupilData></CTfile>',
      'body',
      expect.stringContaining('DOCTYPE is not accepted'),
    ],
  ])('rejects %s whole, naming the element', (_case, xml, field, reason) => {
    expect(structureError(() => parseExtract(bytes(xml)))).toEqual({ field, reason });
  });

  it('does not expand entities it does not know', () => {
    const xml = CTF.replace('<Surname>O&apos;Brien</Surname>', '<Surname>&unknown;</Surname>');
    expect(parseExtract(bytes(xml)).pupils[0]?.legalSurname).toBe('&unknown;');
  });

  it('reports rows the CTF writes badly like any other format', () => {
    const xml = CTF.replace('<UPN>B801200005001</UPN>', '<UPN>A801200005001</UPN>');
    const result = parseExtract(bytes(xml));
    expect(result.pupils.map((pupil) => pupil.id)).toEqual(['UPN:H938400125001']);
    expect(result.problems).toEqual([
      expect.objectContaining({ row: 2, misId: 'UPN:A801200005001', field: 'upn', severity: 'error' }),
    ]);
  });
});

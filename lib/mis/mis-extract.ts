/**
 * Lantern's own MIS extract format, version 1 (MIS-1): the documented JSON a connector pushes, and
 * the one shape every accepted format (Wonde-shaped JSON, DfE CTF XML) is converted into before the
 * import validates and applies it. These zod schemas are the single source for the published
 * schema (OpenAPI component `MisExtract`), the row-by-row validation and the import's types.
 *
 * Identity: every row carries the MIS's own `id`, stable across nights. Pupils are matched by it;
 * formats without one (CTF) use the UPN (`ctfPupilId` in lib/mis/formats/ctf-format.ts).
 */
import { z } from 'zod';
import { GenderSchema, SenProvisionSchema } from '../pupils/pupil';

export const LANTERN_EXTRACT_FORMAT = 'lantern-mis-extract/1';

export const ExtractFormatSchema = z.enum(['lantern', 'wonde', 'ctf']).meta({
  description:
    'lantern: Lantern JSON (this schema); wonde: Wonde-shaped JSON; ctf: DfE Common Transfer File XML (pupils only)',
});
export type ExtractFormat = z.output<typeof ExtractFormatSchema>;

const MisId = z.string().trim().min(1, 'must not be empty').max(64);
const IsoDate = z.iso.date('must be a date written YYYY-MM-DD');
const Name = z.string().trim().min(1, 'must not be empty').max(80);

export const MisGroupSchema = z
  .object({
    id: MisId,
    name: z.string().trim().min(1, 'must not be empty').max(60),
    /** Tutor (registration) group or year group: the two kinds class restrictions use. */
    kind: z.enum(['tutor', 'year']),
  })
  .strict()
  .meta({ id: 'MisGroup' });

export const MisContactSchema = z
  .object({
    id: MisId,
    name: z.string().trim().min(1, 'must not be empty').max(120),
    relationship: z.string().trim().min(1, 'must not be empty').max(60),
    phone: z.string().trim().max(40).optional(),
    email: z.string().trim().email('must be an email address').max(254).optional(),
    address: z.string().trim().max(300).optional(),
    parentalResponsibility: z.boolean().default(false),
    /** Order in which to call (1 first). */
    priority: z.number().int().min(1).max(20).optional(),
  })
  .strict()
  .meta({ id: 'MisContact' });

/**
 * DfE attendance codes (2024 scheme): present `/` `\` `L`; approved educational activity K V P W B D;
 * authorised absence C C1 C2 M J1 S T R I E; unauthorised G N O U; not counted Q Y1–Y7 X Z #.
 */
export const ATTENDANCE_CODES = [
  '/',
  '\\',
  'L',
  'K',
  'V',
  'P',
  'W',
  'B',
  'D',
  'C',
  'C1',
  'C2',
  'M',
  'J1',
  'S',
  'T',
  'R',
  'I',
  'E',
  'G',
  'N',
  'O',
  'U',
  'Q',
  'Y1',
  'Y2',
  'Y3',
  'Y4',
  'Y5',
  'Y6',
  'Y7',
  'X',
  'Z',
  '#',
] as const;
export const AttendanceCodeSchema = z.enum(ATTENDANCE_CODES, 'must be a DfE attendance code');
export type AttendanceCode = z.output<typeof AttendanceCodeSchema>;

export const AttendanceDaySchema = z
  .object({
    date: IsoDate,
    /** Morning and afternoon session marks; absent when no mark was taken. */
    am: AttendanceCodeSchema.optional(),
    pm: AttendanceCodeSchema.optional(),
  })
  .strict()
  .meta({ id: 'MisAttendanceDay' });

/** Sessions counted over a period, as the MIS reports them (CTF YearData carries exactly these). */
export const AttendanceSummarySchema = z
  .object({
    from: IsoDate,
    to: IsoDate,
    sessionsPossible: z.number().int().min(0).max(1000),
    sessionsAttended: z.number().int().min(0).max(1000),
    sessionsAuthorisedAbsence: z.number().int().min(0).max(1000),
    sessionsUnauthorisedAbsence: z.number().int().min(0).max(1000),
  })
  .strict()
  .meta({ id: 'MisAttendanceSummary' });

export const MisPupilSchema = z
  .object({
    id: MisId,
    /** 13 characters with a correct check letter; a temporary UPN (final letter) is accepted and flagged. */
    upn: z.string().trim().toUpperCase().optional(),
    /** 10 digits with a correct check digit. */
    uln: z.string().trim().optional(),
    legalForename: Name,
    legalSurname: Name,
    preferredForename: Name.optional(),
    preferredSurname: Name.optional(),
    middleNames: z.string().trim().max(120).optional(),
    dateOfBirth: IsoDate,
    gender: GenderSchema,
    admissionDate: IsoDate.optional(),
    /** A leaving date on or before the import's date archives the pupil (kept on the profile). */
    leavingDate: IsoDate.optional(),
    /** National curriculum year: "N1", "N2", "R", "1" … "14". */
    ncYear: z
      .string()
      .trim()
      .regex(/^(N1|N2|R|[1-9]|1[0-4])$/, 'must be an NC year: N1, N2, R or 1 to 14')
      .optional(),
    /** Ids of this extract's `groups` the pupil belongs to (one tutor group and one year group, usually). */
    groupIds: z.array(MisId).max(20).default([]),
    senProvision: SenProvisionSchema.optional(),
    pupilPremium: z.boolean().optional(),
    freeSchoolMeals: z.boolean().optional(),
    englishAdditionalLanguage: z.boolean().optional(),
    /** DfE ethnicity code, e.g. WBRI, or REFU / NOBT. */
    ethnicity: z.string().trim().toUpperCase().optional(),
    religion: z.string().trim().max(60).optional(),
    lookedAfter: z.boolean().optional(),
    medicalConditions: z.array(z.string().trim().min(1).max(200)).max(30).optional(),
    contacts: z.array(MisContactSchema).max(20).default([]),
    /** Other pupils' `id`s in this extract: shown as sibling links on both profiles. */
    siblingIds: z.array(MisId).max(20).default([]),
    attendanceSummary: AttendanceSummarySchema.optional(),
    /** Daily marks; the import keeps them by month. */
    attendance: z.array(AttendanceDaySchema).max(400).default([]),
  })
  .strict()
  .meta({ id: 'MisPupil' });

export const MisStaffSchema = z
  .object({
    id: MisId,
    title: z.string().trim().max(20).optional(),
    forename: Name,
    surname: Name,
    email: z.string().trim().toLowerCase().email('must be an email address').max(254).optional(),
    /** e.g. "Teacher", "Head of Year 7". */
    roles: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
  })
  .strict()
  .meta({ id: 'MisStaff' });

/** The whole extract. Rows are validated one by one (see lib/mis/extract-validation.ts). */
export const MisExtractSchema = z
  .object({
    format: z.literal(LANTERN_EXTRACT_FORMAT),
    generatedAt: z.iso.datetime({ offset: true }),
    /**
     * true (the default): the extract lists every pupil on roll, so pupils it no longer lists are
     * archived. false: it only adds and updates (a CTF is always partial).
     */
    complete: z.boolean().default(true),
    groups: z.array(MisGroupSchema).max(2000).default([]),
    pupils: z.array(MisPupilSchema).max(10000),
    staff: z.array(MisStaffSchema).max(2000).default([]),
  })
  .strict()
  .meta({ id: 'MisExtract' });

export type MisGroup = z.output<typeof MisGroupSchema>;
export type MisContact = z.output<typeof MisContactSchema>;
export type AttendanceDay = z.output<typeof AttendanceDaySchema>;
export type AttendanceSummary = z.output<typeof AttendanceSummarySchema>;
export type MisPupil = z.output<typeof MisPupilSchema>;
export type MisStaff = z.output<typeof MisStaffSchema>;
export type MisExtract = z.output<typeof MisExtractSchema>;

/** One skipped (or flagged) row: where it is in the pushed file, which field, and why. */
export const RowProblemSchema = z
  .object({
    /** `pupils`, `staff`, `groups`, or a pupil's `contacts` / `attendance`. */
    section: z.string(),
    /** 1-based position in its section, as the connector author counts rows. */
    row: z.number().int().min(1),
    /** The row's MIS id when it has one (never a name: import logs hold no pupil names). */
    misId: z.string().optional(),
    field: z.string(),
    reason: z.string(),
    /** `error`: the row was skipped; `warning`: applied, but worth a look (e.g. a temporary UPN). */
    severity: z.enum(['error', 'warning']),
  })
  .meta({ id: 'MisRowProblem' });
export type RowProblem = z.output<typeof RowProblemSchema>;

/** What validation hands the import: the rows that passed, and every problem found. */
export interface ValidatedExtract {
  readonly format: ExtractFormat;
  readonly generatedAt: string;
  readonly complete: boolean;
  readonly groups: readonly MisGroup[];
  readonly pupils: readonly MisPupil[];
  readonly staff: readonly MisStaff[];
  readonly problems: readonly RowProblem[];
}

/** A file that is not an extract at all (bad JSON/XML, wrong top-level shape): rejected whole. */
export class ExtractStructureError extends Error {
  constructor(
    /** Where, e.g. `body`, `body.pupils`, `CTfile/CTFpupilData`. */
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'ExtractStructureError';
  }
}

/**
 * Row-by-row validation shared by every extract format (MIS-1, issue 5 part 4). A row that fails is
 * skipped and reported, and every other row still applies; a contact or an attendance day that fails
 * is dropped from its pupil with a warning, because losing a phone number is better than losing the
 * pupil. Reasons are plain English for a connector author, and a problem names only the row, its MIS
 * id and the field, never a name: import logs hold no pupil names.
 *
 * Beyond the row schemas of lib/mis/mis-extract.ts: UPN format and check letter (a temporary UPN is
 * accepted with a warning), ULN check digit, dates of birth in the future or more than 25 years
 * before the extract, a leaving date before the admission date, ethnicity codes, UPNs and ids that
 * appear on more than one row (every such row is skipped), and references (groupIds, siblingIds) to
 * rows the extract does not hold (dropped with a warning).
 *
 * A problem's `field` is a path into its row; indexes in it count from 0 (`contacts[0]` is the first
 * contact), while `row` counts rows from 1 as a person reading the file does.
 */
import { z } from 'zod';
import { isTemporaryUpn, isValidUln, isValidUpn } from '../pupils/uk-identifiers';
import { isRecord, type LooseExtract } from './formats/loose-extract';
import {
  ATTENDANCE_CODES,
  type AttendanceCode,
  AttendanceDaySchema,
  type ExtractFormat,
  type MisContact,
  MisContactSchema,
  type MisGroup,
  MisGroupSchema,
  type MisPupil,
  MisPupilSchema,
  type MisStaff,
  MisStaffSchema,
  type RowProblem,
  type AttendanceDay,
  type ValidatedExtract,
} from './mis-extract';

/**
 * DfE ethnicity main codes, plus REFU (refused) and NOBT (not obtained). Extended codes are not
 * listed: one outside this list is a warning and the pupil imports without an ethnicity.
 */
export const ETHNICITY_CODES: ReadonlySet<string> = new Set([
  'WBRI',
  'WIRI',
  'WIRT',
  'WOTH',
  'WROM',
  'MWBC',
  'MWBA',
  'MWAS',
  'MOTH',
  'AIND',
  'APKN',
  'ABAN',
  'AOTH',
  'BCRB',
  'BAFR',
  'BOTH',
  'CHNE',
  'OOTH',
  'REFU',
  'NOBT',
]);

/** A pupil row whose contacts and days are checked one by one (see validatePupilRow). */
const PupilRowSchema = MisPupilSchema.extend({
  contacts: z.array(z.unknown()).max(20, 'must have at most 20 contacts').default([]),
  attendance: z.array(z.unknown()).max(400, 'must have at most 400 days').default([]),
});

type Section = 'pupils' | 'staff' | 'groups';

/** Text a row field holds, for spotting duplicates before validation. */
function rawText(row: unknown, field: string): string | undefined {
  if (!isRecord(row)) return undefined;
  const value = row[field];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim().toUpperCase();
  return trimmed === '' ? undefined : trimmed;
}

function rawId(row: unknown): string | undefined {
  if (!isRecord(row) || typeof row['id'] !== 'string') return undefined;
  const id = row['id'].trim();
  return id === '' ? undefined : id;
}

/** For each row index, the 1-based row of another row holding the same value (first other one). */
function duplicates(
  rows: readonly unknown[],
  valueOf: (row: unknown) => string | undefined,
): Map<number, number> {
  const seen = new Map<string, number[]>();
  rows.forEach((row, index) => {
    const value = valueOf(row);
    if (value === undefined) return;
    const at = seen.get(value);
    if (at === undefined) seen.set(value, [index]);
    else at.push(index);
  });
  const other = new Map<number, number>();
  for (const indexes of seen.values()) {
    if (indexes.length < 2) continue;
    const [first, second] = indexes as [number, number];
    for (const index of indexes) other.set(index, (index === first ? second : first) + 1);
  }
  return other;
}

function pathOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  boolean: 'true or false',
  number: 'a number',
  int: 'a whole number',
  array: 'a list',
  object: 'an object',
};

/** zod's own messages start like this; ours (set in the schemas) are already plain English. */
const ZOD_DEFAULT = /^(Invalid|Too (big|small)|Unrecognized)/;

interface Issue {
  readonly field: string;
  readonly reason: string;
}

/** zod issues as fields and plain-English reasons. */
function issuesOf(error: z.ZodError, rowName: string): Issue[] {
  const issues: Issue[] = [];
  for (const issue of error.issues) {
    const field = pathOf(issue.path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        issues.push({
          field: field === '' ? key : `${field}.${key}`,
          reason: `is not a field of ${rowName} (check the spelling)`,
        });
      continue;
    }
    issues.push({ field: field === '' ? '(row)' : field, reason: reasonOf(issue) });
  }
  return issues;
}

function reasonOf(issue: z.core.$ZodIssue): string {
  if (
    issue.code === 'invalid_format' &&
    issue.format === 'date' &&
    typeof issue.input === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(issue.input)
  )
    return 'is not a real calendar date (e.g. 30 February)';
  if (!ZOD_DEFAULT.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map((value) => String(value)).join(', ')}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${String(issue.maximum)} characters`;
      if (issue.origin === 'array') return `must have at most ${String(issue.maximum)} entries`;
      return `must be at most ${String(issue.maximum)}`;
    case 'too_small':
      if (issue.origin === 'string') return `must be at least ${String(issue.minimum)} characters`;
      if (issue.origin === 'array') return `must have at least ${String(issue.minimum)} entries`;
      return `must be at least ${String(issue.minimum)}`;
    case 'invalid_format':
      return issue.format === 'email'
        ? 'must be an email address'
        : `is not in the right format (${issue.format})`;
    default:
      return issue.message;
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, rowName: string): { data?: T; issues: Issue[] } {
  const result = schema.safeParse(value, { reportInput: true });
  return result.success ? { data: result.data, issues: [] } : { issues: issuesOf(result.error, rowName) };
}

/** A context that records problems for one row. */
class RowReport {
  readonly errors: RowProblem[] = [];
  readonly warnings: RowProblem[] = [];
  constructor(
    private readonly section: Section,
    private readonly row: number,
    private readonly misId: string | undefined,
  ) {}

  private problem(field: string, reason: string, severity: RowProblem['severity']): RowProblem {
    return {
      section: this.section,
      row: this.row,
      ...(this.misId === undefined ? {} : { misId: this.misId }),
      field,
      reason,
      severity,
    };
  }

  error(field: string, reason: string): void {
    this.errors.push(this.problem(field, reason, 'error'));
  }

  warning(field: string, reason: string): void {
    this.warnings.push(this.problem(field, reason, 'warning'));
  }

  /** Errors skip the row (and its warnings are moot); otherwise the warnings stand. */
  into(problems: RowProblem[]): boolean {
    if (this.errors.length > 0) {
      problems.push(...this.errors);
      return false;
    }
    problems.push(...this.warnings);
    return true;
  }
}

function reportDuplicates(
  report: RowReport,
  index: number,
  ids: Map<number, number>,
  upns?: Map<number, number>,
) {
  const idRow = ids.get(index);
  if (idRow !== undefined) report.error('id', `id also on row ${idRow}: each row needs its own id`);
  const upnRow = upns?.get(index);
  if (upnRow !== undefined) report.error('upn', `UPN also on row ${upnRow}`);
}

function yearsBefore(date: string, years: number): string {
  return `${String(Number(date.slice(0, 4)) - years).padStart(4, '0')}${date.slice(4)}`;
}

/** Checks on a pupil the schema accepted; fields worth keeping only with a warning are removed. */
function checkPupil(pupil: MisPupil, report: RowReport, extractDate: string): MisPupil {
  let checked = pupil;
  if (pupil.upn !== undefined) {
    if (!/^[A-Z][0-9]{11}[0-9A-Z]$/.test(pupil.upn))
      report.error(
        'upn',
        'must be 13 characters: a check letter, 11 digits, then a digit (or a letter for a temporary UPN)',
      );
    else if (!isValidUpn(pupil.upn))
      report.error('upn', 'the check letter does not match the rest of the UPN (mistyped?)');
    else if (isTemporaryUpn(pupil.upn))
      report.warning(
        'upn',
        'is a temporary UPN: imported, but a temporary UPN never matches a pupil who moves school; send the permanent UPN when the pupil has one',
      );
  }
  if (pupil.uln !== undefined) {
    if (!/^[1-9][0-9]{9}$/.test(pupil.uln))
      report.error('uln', 'must be 10 digits, the first not 0 (a Unique Learner Number)');
    else if (!isValidUln(pupil.uln))
      report.error('uln', 'the check digit does not match the rest of the ULN (mistyped?)');
  }
  if (pupil.dateOfBirth > extractDate) report.error('dateOfBirth', 'is after the date of the extract');
  else if (pupil.dateOfBirth < yearsBefore(extractDate, 25))
    report.error('dateOfBirth', 'is more than 25 years before the date of the extract');
  if (
    pupil.admissionDate !== undefined &&
    pupil.leavingDate !== undefined &&
    pupil.leavingDate < pupil.admissionDate
  )
    report.error('leavingDate', 'is before admissionDate');
  if (pupil.ethnicity !== undefined && !ETHNICITY_CODES.has(pupil.ethnicity)) {
    report.warning(
      'ethnicity',
      `is not a DfE ethnicity code Lantern knows (the main codes, REFU or NOBT): the pupil was imported without an ethnicity`,
    );
    checked = { ...checked, ethnicity: undefined };
    delete (checked as { ethnicity?: string }).ethnicity;
  }
  return checked;
}

function checkContacts(contacts: readonly unknown[], report: RowReport): MisContact[] {
  const kept: MisContact[] = [];
  const seen = new Set<string>();
  contacts.forEach((contact, index) => {
    const { data, issues } = parse(MisContactSchema, contact, 'a contact');
    for (const issue of issues)
      report.warning(`contacts[${index}].${issue.field}`, `${issue.reason}; this contact was not imported`);
    if (data === undefined) return;
    if (seen.has(data.id)) {
      report.warning(
        `contacts[${index}].id`,
        'another contact of this pupil has the same id; this one was not imported',
      );
      return;
    }
    seen.add(data.id);
    kept.push(data);
  });
  return kept;
}

const CODES: ReadonlySet<unknown> = new Set(ATTENDANCE_CODES);
const DAY_KEYS: ReadonlySet<string> = new Set(['date', 'am', 'pm']);
const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** YYYY-MM-DD naming a day that exists (what z.iso.date() accepts). */
function isRealDate(date: string): boolean {
  const match = DATE_SHAPE.exec(date);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const at = new Date(Date.UTC(year, month - 1, day));
  return at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day;
}

/**
 * A term of marks is ~120 days a pupil and ~250,000 in a big school's extract: the usual, valid day
 * is recognised by hand, and only the others go through zod (for its reasons). Same rules as
 * AttendanceDaySchema.
 */
function plainValidDay(day: unknown): AttendanceDay | undefined {
  if (!isRecord(day)) return undefined;
  for (const key in day) if (!DAY_KEYS.has(key)) return undefined;
  const { date, am, pm } = day;
  if (typeof date !== 'string' || !isRealDate(date)) return undefined;
  if ((am !== undefined && !CODES.has(am)) || (pm !== undefined && !CODES.has(pm))) return undefined;
  return {
    date,
    ...(am === undefined ? {} : { am: am as AttendanceCode }),
    ...(pm === undefined ? {} : { pm: pm as AttendanceCode }),
  };
}

function checkDays(days: readonly unknown[], report: RowReport): AttendanceDay[] {
  const kept: AttendanceDay[] = [];
  const seen = new Set<string>();
  days.forEach((day, index) => {
    const plain = plainValidDay(day);
    const { data, issues } =
      plain !== undefined
        ? { data: plain, issues: [] }
        : parse(AttendanceDaySchema, day, 'an attendance day');
    for (const issue of issues)
      report.warning(`attendance[${index}].${issue.field}`, `${issue.reason}; this day was not imported`);
    if (data === undefined) return;
    if (seen.has(data.date)) {
      report.warning(`attendance[${index}].date`, 'this date is listed twice; the second was not imported');
      return;
    }
    seen.add(data.date);
    kept.push(data);
  });
  return kept;
}

function validateGroups(rows: readonly unknown[], problems: RowProblem[]): MisGroup[] {
  const ids = duplicates(rows, rawId);
  const kept: MisGroup[] = [];
  rows.forEach((row, index) => {
    const report = new RowReport('groups', index + 1, rawId(row));
    reportDuplicates(report, index, ids);
    const { data, issues } = parse(MisGroupSchema, row, 'a group');
    for (const issue of issues) report.error(issue.field, issue.reason);
    if (report.into(problems) && data !== undefined) kept.push(data);
  });
  return kept;
}

function validateStaff(rows: readonly unknown[], problems: RowProblem[]): MisStaff[] {
  const ids = duplicates(rows, rawId);
  const kept: MisStaff[] = [];
  rows.forEach((row, index) => {
    const report = new RowReport('staff', index + 1, rawId(row));
    reportDuplicates(report, index, ids);
    const { data, issues } = parse(MisStaffSchema, row, 'a staff row');
    for (const issue of issues) report.error(issue.field, issue.reason);
    if (report.into(problems) && data !== undefined) kept.push(data);
  });
  return kept;
}

interface KeptPupil {
  readonly pupil: MisPupil;
  readonly report: RowReport;
}

function validatePupils(
  rows: readonly unknown[],
  groupIds: ReadonlySet<string>,
  extractDate: string,
  allProblems: RowProblem[],
): MisPupil[] {
  const problems: RowProblem[] = [];
  const ids = duplicates(rows, rawId);
  const upns = duplicates(rows, (row) => rawText(row, 'upn'));
  const kept: KeptPupil[] = [];
  rows.forEach((row, index) => {
    const report = new RowReport('pupils', index + 1, rawId(row));
    reportDuplicates(report, index, ids, upns);
    const { data, issues } = parse(PupilRowSchema, row, 'a pupil row');
    for (const issue of issues) report.error(issue.field, issue.reason);
    if (data === undefined || report.errors.length > 0) {
      report.into(problems);
      return;
    }
    const { contacts, attendance, ...rest } = data;
    const pupil = checkPupil(
      { ...rest, contacts: checkContacts(contacts, report), attendance: checkDays(attendance, report) },
      report,
      extractDate,
    );
    if (report.errors.length > 0) report.into(problems);
    else kept.push({ pupil, report });
  });

  // References are checked once every row is known: a sibling's row may come later or be skipped.
  const pupilIds = new Set(kept.map(({ pupil }) => pupil.id));
  const pupils = kept.map(({ pupil, report }) => {
    const keptGroups = [...new Set(pupil.groupIds)].filter((groupId) => {
      if (groupIds.has(groupId)) return true;
      report.warning(
        'groupIds',
        `group ${groupId} is not in this extract's groups (or its row was skipped); membership dropped`,
      );
      return false;
    });
    const keptSiblings = [...new Set(pupil.siblingIds)].filter((siblingId) => {
      if (siblingId === pupil.id) {
        report.warning('siblingIds', 'lists the pupil as their own sibling; dropped');
        return false;
      }
      if (pupilIds.has(siblingId)) return true;
      report.warning(
        'siblingIds',
        `pupil ${siblingId} is not in this extract (or its row was skipped); sibling link dropped`,
      );
      return false;
    });
    report.into(problems);
    return { ...pupil, groupIds: keptGroups, siblingIds: keptSiblings };
  });
  // Skipped rows were reported in the first pass and kept rows in the second: back into row order.
  allProblems.push(...problems.sort((a, b) => a.row - b.row));
  return pupils;
}

/** Validates a format reader's rows; problems come in section order (groups, pupils, staff). */
export function validateExtract(format: ExtractFormat, loose: LooseExtract): ValidatedExtract {
  const problems: RowProblem[] = [];
  const extractDate = loose.generatedAt.slice(0, 10);
  const groups = validateGroups(loose.groups, problems);
  const pupils = validatePupils(
    loose.pupils,
    new Set(groups.map((group) => group.id)),
    extractDate,
    problems,
  );
  const staff = validateStaff(loose.staff, problems);
  return {
    format,
    generatedAt: loose.generatedAt,
    complete: loose.complete,
    groups,
    pupils,
    staff,
    problems: [...(loose.problems ?? []), ...problems],
  };
}

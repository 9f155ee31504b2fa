/**
 * What the import keeps about itself (MIS-3, MIS-4): one MisImport per pushed extract (the import log),
 * the school's MisState (newest extract, last success: the health light), one MisPupilIndex per MIS
 * pupil (which Lantern pupil it is and fingerprints of what was last applied, so an unchanged row is
 * recognised without reading the pupil), MisStaffMember rows, and RollChanges for the transfer detector.
 */
import { z } from 'zod';
import { ExtractFormatSchema, RowProblemSchema } from './mis-extract';

export const ImportStatusSchema = z.enum([
  /** Stored and structurally valid; waiting for the nightly run (or "run now"). */
  'received',
  /** Not an extract (bad JSON/XML, unknown format, wrong shape): nothing of it was applied. */
  'rejected',
  'applying',
  'applied',
  /** Applying stopped with an error; the next run applies the newest extract again. */
  'failed',
  /** A newer extract arrived before this one was applied; it was never applied. */
  'superseded',
]);
export type ImportStatus = z.output<typeof ImportStatusSchema>;

export const ImportCountsSchema = z
  .object({
    pupilsInExtract: z.number().int().min(0),
    pupilsAdded: z.number().int().min(0),
    pupilsUpdated: z.number().int().min(0),
    pupilsUnchanged: z.number().int().min(0),
    pupilsArchived: z.number().int().min(0),
    pupilsRestored: z.number().int().min(0),
    rowsSkipped: z.number().int().min(0),
    classesAdded: z.number().int().min(0),
    classesRenamed: z.number().int().min(0),
    staffInExtract: z.number().int().min(0),
    usersDeactivated: z.number().int().min(0),
    /** Items put or deleted in the table: zero when the same extract is applied again. */
    itemsWritten: z.number().int().min(0),
  })
  .meta({ id: 'MisImportCounts' });
export type ImportCounts = z.output<typeof ImportCountsSchema>;

/** Problems kept on the import itself; the count is always exact, the list is cut at this length. */
export const MAX_STORED_PROBLEMS = 500;

export const MisImportSchema = z
  .object({
    importId: z.string().uuid(),
    schoolId: z.string().uuid(),
    status: ImportStatusSchema,
    format: ExtractFormatSchema.optional(),
    receivedAt: z.iso.datetime(),
    /** Which connector credential pushed it (never the secret). */
    credentialId: z.string().optional(),
    byteSize: z.number().int().min(0),
    sha256: z.string(),
    /** Where the raw extract is kept (SSE-KMS), until the retention period removes it. */
    objectKey: z.string(),
    /** For a rejected extract: where and why. */
    rejection: z.object({ field: z.string(), reason: z.string() }).optional(),
    startedAt: z.iso.datetime().optional(),
    finishedAt: z.iso.datetime().optional(),
    trigger: z.enum(['schedule', 'run-now']).optional(),
    counts: ImportCountsSchema.optional(),
    problemCount: z.number().int().min(0).default(0),
    problems: z.array(RowProblemSchema).max(MAX_STORED_PROBLEMS).default([]),
    /** Why applying failed, in words an admin can act on (no stack traces, no pupil data). */
    failure: z.string().optional(),
    version: z.number().int().positive(),
  })
  .strip()
  .meta({ id: 'MisImport' });
export type MisImport = z.output<typeof MisImportSchema>;

/** A time of day, HH:MM on the 24-hour clock (00:00–23:59): when the school's nightly import runs. */
export const NightlyTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 02:00, from 00:00 to 23:59');

export const MisStateSchema = z
  .object({
    schoolId: z.string().uuid(),
    /** The newest structurally valid extract received: what the next run applies. */
    newestImportId: z.string().uuid().optional(),
    newestReceivedAt: z.iso.datetime().optional(),
    /** The newest extract already applied, so a run with nothing new does nothing. */
    appliedImportId: z.string().uuid().optional(),
    lastSuccessAt: z.iso.datetime().optional(),
    lastFailureAt: z.iso.datetime().optional(),
    /** A run holds the school's import until this instant (a crashed run's lease lapses). */
    leaseImportId: z.string().uuid().optional(),
    leaseUntil: z.iso.datetime().optional(),
    /** When the school's nightly import schedule was made (on its first extract). */
    nightlyScheduledAt: z.iso.datetime().optional(),
    /** When the nightly import runs in the school's time zone, as an admin set it; absent: 02:00. */
    nightlyAt: NightlyTimeSchema.optional(),
    version: z.number().int().min(0),
  })
  .strip()
  .meta({ id: 'MisState' });
export type MisState = z.output<typeof MisStateSchema>;

export const MisPupilIndexSchema = z
  .object({
    misKey: z.string(),
    pupilId: z.string().uuid(),
    archived: z.boolean(),
    /** The pupil's permanent UPN, to match a row under another MIS id (a CTF's, keyed by UPN). */
    upn: z.string().optional(),
    /** Fingerprints of what was last applied, by facet: profile, contacts, siblings, attendance items. */
    hashes: z.record(z.string(), z.string()),
    importId: z.string().uuid(),
  })
  .strip();
export type MisPupilIndex = z.output<typeof MisPupilIndexSchema>;

/** A member of staff as the MIS lists them: available to add as a user (IAM-5). */
export const MisStaffMemberSchema = z
  .object({
    misId: z.string(),
    title: z.string().optional(),
    forename: z.string(),
    surname: z.string(),
    email: z.string().optional(),
    roles: z.array(z.string()),
    /** False once the MIS stops listing them (kept so a deactivation can name who vanished). */
    current: z.boolean(),
    fingerprint: z.string(),
    updatedAt: z.iso.datetime(),
  })
  .strip()
  .meta({ id: 'MisStaffMember' });
export type MisStaffMember = z.output<typeof MisStaffMemberSchema>;

/** A pupil who left or joined the roll in one import: what the transfer detector matches on. */
export const RollPupilSchema = z.object({
  pupilId: z.string().uuid(),
  upn: z.string().optional(),
  uln: z.string().optional(),
  dateOfBirth: z.string(),
  admissionDate: z.string().optional(),
  leavingDate: z.string().optional(),
});
export type RollPupil = z.output<typeof RollPupilSchema>;

export const RollChangesSchema = z
  .object({
    schoolId: z.string().uuid(),
    importId: z.string().uuid(),
    at: z.iso.datetime(),
    archived: z.array(RollPupilSchema),
    activated: z.array(RollPupilSchema),
  })
  .strip();
export type RollChanges = z.output<typeof RollChangesSchema>;

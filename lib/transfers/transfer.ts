/**
 * Record transfers between schools (TRF-1 … TRF-4, BYD-1, BYD-2). A transfer belongs to two schools:
 * the previous school (direction "outgoing" there) holds the records; the new school (direction
 * "incoming") receives a copy once it has asked and the previous school has authorised. The Transfer
 * item is the one true copy; each school lists its transfers through its own TransferListing item.
 */
import { z } from 'zod';
import { StaffRefSchema } from '../incidents/incident';

export const TRANSFER_STATUSES = [
  /** Detected: waits for the new school to request or dismiss it. */
  'Pending',
  /** Requested by the new school: waits for the previous school to authorise or reject it. */
  'Requested',
  /** Authorised: the records are being copied. */
  'Transferring',
  /** Copied: the new school has the records (and confirms receipt). */
  'Transferred',
  'Rejected',
  'Dismissed',
  'Cancelled',
  /** The pupil is archived at both schools, or back on the previous school's roll. */
  'Obsolete',
] as const;

export const TransferStatusSchema = z.enum(TRANSFER_STATUSES);
export type TransferStatus = z.infer<typeof TransferStatusSchema>;

/** Statuses after which nothing more happens (Transferred still takes a receipt). */
export const FINISHED_STATUSES: ReadonlySet<TransferStatus> = new Set([
  'Transferred',
  'Rejected',
  'Dismissed',
  'Cancelled',
  'Obsolete',
]);

export const TransferDirectionSchema = z.enum(['incoming', 'outgoing']);
export type TransferDirection = z.infer<typeof TransferDirectionSchema>;

/** The value both schools hold identically: a permanent UPN or a ULN. */
export const MatchedOnSchema = z
  .object({ kind: z.enum(['upn', 'uln']), value: z.string() })
  .strip()
  .meta({ id: 'TransferMatchedOn' });
export type MatchedOn = z.output<typeof MatchedOnSchema>;

/** One school's side of a transfer: the school and its own record of the pupil. */
export const TransferSideSchema = z
  .object({
    schoolId: z.string().uuid(),
    schoolName: z.string(),
    pupilId: z.string().uuid(),
    pupilName: z.string(),
  })
  .strip()
  .meta({ id: 'TransferSide' });
export type TransferSide = z.output<typeof TransferSideSchema>;

/** A decision with who took it, at which school, and when. */
export const TransferStepRecordSchema = z
  .object({
    status: TransferStatusSchema,
    at: z.iso.datetime(),
    /** Absent for what Lantern did itself (detection, copying, obsolescence). */
    by: StaffRefSchema.optional(),
    schoolId: z.string().uuid().optional(),
    note: z.string().optional(),
  })
  .strip()
  .meta({ id: 'TransferStep' });
export type TransferStepRecord = z.output<typeof TransferStepRecordSchema>;

/** TRF-3: what the previous school's settings said at the moment it authorised. */
export const SettingsAtAuthorisationSchema = z
  .object({
    categories: z.array(z.object({ categoryId: z.string(), name: z.string() }).strip()),
  })
  .strip()
  .meta({ id: 'TransferSettingsAtAuthorisation' });
export type SettingsAtAuthorisation = z.output<typeof SettingsAtAuthorisationSchema>;

/** BYD-1: the KCSIE clock, counted in the previous school's school days from the request. */
export const TransferClockSchema = z
  .object({
    requestedAt: z.iso.datetime(),
    /** The request came in a holiday: the five days are the first five of the next term. */
    newTerm: z.boolean(),
    /** The school day the count starts from (day 1), as YYYY-MM-DD. */
    dayOne: z.iso.date(),
    /** The fifth school day: the file should have moved by its end. */
    dueBy: z.iso.date(),
    /** When the previous school's DSLs are reminded (the morning of day 4) and escalated to (day 6). */
    remindAt: z.iso.datetime(),
    escalateAt: z.iso.datetime(),
    remindedAt: z.iso.datetime().optional(),
    escalatedAt: z.iso.datetime().optional(),
  })
  .strip()
  .meta({ id: 'TransferClock' });
export type TransferClock = z.output<typeof TransferClockSchema>;

export const ManifestFileSchema = z
  .object({
    /** The document's id at the new school. */
    documentId: z.string().uuid(),
    fileName: z.string(),
    sizeBytes: z.number().int().min(0),
    /** SHA-256 of the bytes stored at the new school, hex, checked against the previous school's. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strip()
  .meta({ id: 'TransferManifestFile' });
export type ManifestFile = z.output<typeof ManifestFileSchema>;

/** BYD-2: what the copy produced, shown to both schools and confirmed by the receiving DSL. */
export const TransferManifestSchema = z
  .object({
    producedAt: z.iso.datetime(),
    counts: z.object({
      incidents: z.number().int().min(0),
      actions: z.number().int().min(0),
      files: z.number().int().min(0),
    }),
    totalBytes: z.number().int().min(0),
    /** Sorted by documentId. */
    files: z.array(ManifestFileSchema),
    /** SHA-256 (hex) of the lines "<sha256> <documentId>\n" of every file, in documentId order. */
    setSha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strip()
  .meta({ id: 'TransferManifest' });
export type TransferManifest = z.output<typeof TransferManifestSchema>;

export const TransferReceiptSchema = z
  .object({ confirmedAt: z.iso.datetime(), confirmedBy: StaffRefSchema, schoolId: z.string().uuid() })
  .strip()
  .meta({ id: 'TransferReceipt' });
export type TransferReceipt = z.output<typeof TransferReceiptSchema>;

export const TransferSchema = z
  .object({
    transferId: z.string().uuid(),
    status: TransferStatusSchema,
    /** The previous school (outgoing). */
    from: TransferSideSchema,
    /** The new school (incoming). */
    to: TransferSideSchema,
    matchedOn: MatchedOnSchema,
    detectedAt: z.iso.datetime(),
    /** Every step, oldest first. */
    history: z.array(TransferStepRecordSchema),
    clock: TransferClockSchema.optional(),
    settingsAtAuthorisation: SettingsAtAuthorisationSchema.optional(),
    manifest: TransferManifestSchema.optional(),
    receipt: TransferReceiptSchema.optional(),
    updatedAt: z.iso.datetime(),
    version: z.number().int().positive(),
  })
  .strip()
  .meta({ id: 'Transfer' });
export type Transfer = z.output<typeof TransferSchema>;

/** TRF-3: the categories whose incidents transfer. None by default. */
export const TransferSettingsSchema = z
  .object({
    categoryIds: z.array(z.string()),
    updatedAt: z.iso.datetime().optional(),
    updatedBy: StaffRefSchema.optional(),
    version: z.number().int().min(0),
  })
  .strip()
  .meta({ id: 'TransferSettings' });
export type TransferSettings = z.output<typeof TransferSettingsSchema>;

/** Which side a school is on. */
export function directionFor(transfer: Pick<Transfer, 'from' | 'to'>, schoolId: string): TransferDirection {
  if (transfer.to.schoolId === schoolId) return 'incoming';
  if (transfer.from.schoolId === schoolId) return 'outgoing';
  throw new Error('The school is not part of this transfer.');
}

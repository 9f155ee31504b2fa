/**
 * The document vault (REC-9). Every file is stored under SSE-KMS with an encryption context naming
 * its school and pupil. Files attached to an incident or action take that record's category
 * protection; files added straight to the vault are visible to key holders who may see the pupil.
 */
import { z } from 'zod';

export const VaultDocumentSchema = z
  .object({
    documentId: z.string().uuid(),
    schoolId: z.string().uuid(),
    pupilId: z.string().uuid(),
    fileName: z.string().min(1).max(200),
    contentType: z.string().max(100),
    sizeBytes: z.number().int().min(0),
    /** SHA-256 of the stored bytes, hex (proof of receipt on transfer uses it). */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    /** The S3 object key under the vault bucket. */
    objectKey: z.string(),
    /** Set when attached to an incident or action: its categories protect the file. */
    incidentId: z.string().uuid().optional(),
    actionId: z.string().uuid().optional(),
    /** The protecting record's categories for this pupil, copied so a vault listing needs no second read. */
    categoryIds: z.array(z.string()),
    uploadedAt: z.iso.datetime(),
    uploadedBy: z.object({ personId: z.string().uuid(), name: z.string() }).strip(),
    removed: z
      .object({
        at: z.iso.datetime(),
        by: z.object({ personId: z.string().uuid(), name: z.string() }).strip(),
        reason: z.string(),
      })
      .strip()
      .optional(),
    training: z.boolean(),
    /** Set on a copy shared into a linked pupil's vault: the document it was copied from. */
    sharedFrom: z.object({ pupilId: z.string().uuid(), documentId: z.string().uuid() }).strip().optional(),
    /** Set on a document copied in from another school by a record transfer (TRF-4). */
    transferredFrom: z.object({ transferId: z.string().uuid(), schoolName: z.string() }).strip().optional(),
  })
  .strip()
  .meta({ id: 'VaultDocument' });

export type VaultDocument = z.output<typeof VaultDocumentSchema>;

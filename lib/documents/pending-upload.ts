/**
 * An upload asked for and not yet finished: what the uploader declared, where the browser may put
 * the bytes (a quarantine key), and the document id the finished file will have, fixed up front so
 * that completing twice returns the same document. Expires by TTL after an hour.
 */
import { z } from 'zod';

export const PENDING_UPLOAD_LIFETIME_SECONDS = 3600;

export const PendingUploadSchema = z
  .object({
    uploadId: z.string().uuid(),
    schoolId: z.string().uuid(),
    pupilId: z.string().uuid(),
    documentId: z.string().uuid(),
    uploader: z.object({ personId: z.string().uuid(), name: z.string() }).strip(),
    fileName: z.string(),
    /** The allow-list entry the declared name and type matched (lib/documents/file-types.ts). */
    fileTypeId: z.string(),
    sizeBytes: z.number().int().positive(),
    quarantineKey: z.string(),
    createdAt: z.iso.datetime(),
    /** Epoch seconds: DynamoDB's TTL removes the item after this. */
    expiresAt: z.number().int(),
    /** Set in the same transaction that stores the document. */
    completedAt: z.iso.datetime().optional(),
  })
  .strip();

export type PendingUpload = z.output<typeof PendingUploadSchema>;

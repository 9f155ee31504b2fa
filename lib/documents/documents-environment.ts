/**
 * Settings only the documents area reads, validated once at start-up. The vault key and bucket come
 * from the shared API environment; these have defaults, so a deployment sets them only to differ.
 */
import { z } from 'zod';
import { DEFAULT_DOCUMENT_LIMITS } from './document-service';

export const DocumentsEnvironmentSchema = z.object({
  /** Largest file a browser may upload into the vault, in bytes. */
  VAULT_MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(DEFAULT_DOCUMENT_LIMITS.maxUploadBytes),
});

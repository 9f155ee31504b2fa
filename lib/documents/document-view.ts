/** A vault document as the API shows it: no storage keys, no person ids, only names. */
import type { z } from 'zod';
import type { VaultDocument } from './document';
import type { VaultDocumentViewSchema } from './documents-api';

export function documentViewOf(document: VaultDocument): z.input<typeof VaultDocumentViewSchema> {
  return {
    documentId: document.documentId,
    pupilId: document.pupilId,
    fileName: document.fileName,
    contentType: document.contentType,
    sizeBytes: document.sizeBytes,
    sha256: document.sha256,
    uploadedAt: document.uploadedAt,
    uploadedBy: { name: document.uploadedBy.name },
    ...(document.incidentId ? { incidentId: document.incidentId } : {}),
    ...(document.actionId ? { actionId: document.actionId } : {}),
    shared: document.sharedFrom !== undefined,
    ...(document.removed
      ? {
          removed: {
            at: document.removed.at,
            by: { name: document.removed.by.name },
            reason: document.removed.reason,
          },
        }
      : {}),
  };
}

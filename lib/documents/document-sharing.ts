/**
 * Sharing files attached to an incident with the linked pupils' vaults (NewIncident
 * shareDocumentsWithLinked). Each linked pupil gets their own VaultDocument pointing at their own
 * copy of the object, under their prefix and encrypted with their encryption context, protected by
 * their own categories on the incident (BYD-4): removing or re-protecting one copy never touches
 * another pupil's. A copy's id is derived from the original and the pupil, so a retried incident
 * makes the same copies, and the Put is conditional on the copy not existing.
 *
 * Order for the incidents service: prepare() (reads the originals, copies the objects), then its
 * transaction with attachmentWrites() and the returned Puts; if that transaction fails, discard().
 */
import { createHash } from 'node:crypto';
import type { VaultDocument } from './document';
import { DocumentConflictError } from './document-errors';
import type { DocumentRepository } from './document-repository';
import { vaultDocumentItem } from './document-repository';
import type { TransactWriteItem } from './attachment-writes';
import { objectKeys } from './object-keys';
import type { VaultObjects } from './vault-objects';

export interface ShareRequest {
  readonly schoolId: string;
  /** The pupil whose vault holds the uploads. */
  readonly fromPupilId: string;
  readonly uploaderPersonId: string;
  readonly documentIds: readonly string[];
  readonly incidentId: string;
  readonly actionId?: string;
  readonly training: boolean;
  /** Each linked pupil and their own categories on the incident. */
  readonly targets: readonly { readonly pupilId: string; readonly categoryIds: readonly string[] }[];
  readonly sharedAt: string;
}

export interface PreparedShares {
  readonly copies: readonly VaultDocument[];
  /** Conditional Puts of the copies, for the incident's transaction. */
  readonly writes: readonly TransactWriteItem[];
}

/** A UUID (version 5 layout) derived from the original document and the pupil it is copied to. */
export function sharedDocumentId(documentId: string, pupilId: string): string {
  const hex = createHash('sha256').update(`${documentId}/${pupilId}`).digest('hex');
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export class DocumentSharing {
  constructor(
    private readonly repository: DocumentRepository,
    private readonly objects: VaultObjects,
    private readonly tableName: string,
  ) {}

  async prepare(request: ShareRequest): Promise<PreparedShares> {
    const originals = await this.repository.getMany(
      request.schoolId,
      request.fromPupilId,
      request.documentIds,
    );
    const usable = originals.filter(
      (document) =>
        document.uploadedBy.personId === request.uploaderPersonId &&
        !document.removed &&
        !document.incidentId,
    );
    if (usable.length !== new Set(request.documentIds).size) {
      throw new DocumentConflictError(
        'A file to attach is not one of your uploads for this pupil.',
        'body.documentIds',
      );
    }
    const copies: VaultDocument[] = [];
    for (const target of request.targets) {
      for (const original of usable) {
        const documentId = sharedDocumentId(original.documentId, target.pupilId);
        const copy: VaultDocument = {
          ...original,
          documentId,
          pupilId: target.pupilId,
          objectKey: objectKeys.vault(request.schoolId, target.pupilId, documentId),
          incidentId: request.incidentId,
          ...(request.actionId === undefined ? {} : { actionId: request.actionId }),
          categoryIds: [...target.categoryIds],
          training: request.training,
          uploadedAt: request.sharedAt,
          sharedFrom: { pupilId: request.fromPupilId, documentId: original.documentId },
        };
        await this.objects.copyIntoVault({
          sourceKey: original.objectKey,
          targetKey: copy.objectKey,
          schoolId: request.schoolId,
          pupilId: target.pupilId,
          contentType: original.contentType,
        });
        copies.push(copy);
      }
    }
    return {
      copies,
      writes: copies.map((copy) => ({
        Put: {
          TableName: this.tableName,
          Item: vaultDocumentItem(copy),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      })),
    };
  }

  /** Deletes the copied objects after the incident's transaction failed (none of their items exist). */
  async discard(prepared: PreparedShares): Promise<void> {
    await Promise.all(prepared.copies.map((copy) => this.objects.delete(copy.objectKey)));
  }
}

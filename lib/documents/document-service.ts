/**
 * The document vault (REC-9): two-step uploads through quarantine, listing, single and zipped
 * downloads, and removal with history. Every read of a pupil's documents checks permission through
 * lib/access/authorisation.ts and writes its audit record before anything is returned; a pupil or
 * document the viewer may not see is answered exactly like one that does not exist.
 */
import { randomUUID } from 'node:crypto';
import type { AccessProfile, PupilAccessFacts } from '../access/authorisation';
import type { AuditActor, AuditEntry } from '../audit/audit-event';
import type { VaultDocument } from './document';
import {
  DocumentNotFoundError,
  DocumentRemovedError,
  DocumentSelectionError,
  FileTooLargeError,
  FileTypeRefusedError,
  UploadRejectedError,
} from './document-errors';
import type { DocumentRepository } from './document-repository';
import { documentView, type DocumentView } from './document-visibility';
import type { ExportLink, ExportStore } from './export-store';
import { decideFileType, fileTypeById } from './file-types';
import { objectKeys } from './object-keys';
import { PENDING_UPLOAD_LIFETIME_SECONDS, type PendingUpload } from './pending-upload';
import { inspectUpload } from './upload-inspection';
import { DOWNLOAD_URL_SECONDS, type PresignedUpload, type VaultObjects } from './vault-objects';
import { uniqueEntryNames, zipStream } from './zip-stream';

/** Finds a pupil of a school (lib/pupils' PupilRepository); undefined when there is none. */
export interface PupilLookup {
  get(schoolId: string, pupilId: string): Promise<PupilAccessFacts | undefined>;
}

export interface AuditRecorder {
  record(actor: AuditActor, entry: AuditEntry): Promise<unknown>;
}

/** The member of staff acting: what they may do, and who they are for the audit log. */
export interface DocumentViewer {
  readonly access: AccessProfile;
  readonly actor: AuditActor;
}

export interface DocumentLimits {
  /** Largest file accepted, in bytes. */
  readonly maxUploadBytes: number;
  /** Most files in one zip. */
  readonly maxZipFiles: number;
  /** Most bytes in one zip, so it is built well within the function's time limit. */
  readonly maxZipBytes: number;
}

export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = {
  maxUploadBytes: 20 * 1024 * 1024,
  maxZipFiles: 50,
  maxZipBytes: 200 * 1024 * 1024,
};

export interface UploadRequest {
  readonly pupilId: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly sizeBytes: number;
}

export interface GrantedUpload {
  readonly uploadId: string;
  readonly documentId: string;
  readonly upload: PresignedUpload;
}

/** A document as a viewer sees it in a listing: removed ones carry the marker. */
export interface ListedDocument {
  readonly document: VaultDocument;
  readonly view: Exclude<DocumentView, 'hidden'>;
}

export interface DownloadLink {
  readonly url: string;
  readonly expiresAt: string;
}

export interface DocumentServiceDependencies {
  readonly repository: DocumentRepository;
  readonly objects: VaultObjects;
  readonly exports: ExportStore;
  readonly pupils: PupilLookup;
  readonly audit: AuditRecorder;
  readonly limits?: DocumentLimits;
  readonly now?: () => Date;
  readonly newId?: () => string;
}

export class DocumentService {
  private readonly limits: DocumentLimits;
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(private readonly deps: DocumentServiceDependencies) {
    this.limits = deps.limits ?? DEFAULT_DOCUMENT_LIMITS;
    this.now = deps.now ?? (() => new Date());
    this.newId = deps.newId ?? randomUUID;
  }

  get maxUploadBytes(): number {
    return this.limits.maxUploadBytes;
  }

  /**
   * Grants one browser upload into quarantine for a pupil of the viewer's school. Needs only the
   * `files` permission (a teacher without a key attaches a file to a concern), so the pupil is
   * checked to exist here but nothing about them is revealed.
   */
  async requestUpload(viewer: DocumentViewer, request: UploadRequest): Promise<GrantedUpload> {
    if (request.sizeBytes > this.limits.maxUploadBytes)
      throw new FileTooLargeError(this.limits.maxUploadBytes);
    const decision = decideFileType(request.fileName, request.contentType);
    if (!decision.accepted) throw new FileTypeRefusedError(decision.field, decision.reason);
    const schoolId = viewer.actor.schoolId;
    const pupil = await this.deps.pupils.get(schoolId, request.pupilId);
    if (!pupil || pupil.schoolId !== schoolId) throw new DocumentNotFoundError('pupil');

    const uploadId = this.newId();
    const now = this.now();
    const pending: PendingUpload = {
      uploadId,
      schoolId,
      pupilId: request.pupilId,
      documentId: this.newId(),
      uploader: { personId: viewer.actor.personId, name: viewer.actor.actorName },
      fileName: request.fileName,
      fileTypeId: decision.type.id,
      sizeBytes: request.sizeBytes,
      quarantineKey: objectKeys.quarantine(schoolId, uploadId),
      createdAt: now.toISOString(),
      expiresAt: Math.floor(now.getTime() / 1000) + PENDING_UPLOAD_LIFETIME_SECONDS,
    };
    const upload = await this.deps.objects.presignUpload(
      pending.quarantineKey,
      decision.type.contentType,
      request.sizeBytes,
    );
    await this.deps.repository.putPendingUpload(pending);
    return { uploadId, documentId: pending.documentId, upload };
  }

  /**
   * Checks the quarantined bytes (size, first bytes, SHA-256 while streaming), moves them into the
   * pupil's vault under SSE-KMS and stores the document. Only the uploader may complete; completing
   * again returns the same document. A refused file is deleted and nothing is stored.
   */
  async completeUpload(viewer: DocumentViewer, uploadId: string): Promise<VaultDocument> {
    const { schoolId, personId } = viewer.actor;
    const pending = await this.deps.repository.getPendingUpload(schoolId, uploadId);
    const expired = pending !== undefined && pending.expiresAt * 1000 < this.now().getTime();
    if (!pending || pending.uploader.personId !== personId || (expired && !pending.completedAt)) {
      throw new DocumentNotFoundError('upload');
    }
    if (pending.completedAt) return this.completedDocument(pending);

    const type = fileTypeById(pending.fileTypeId);
    const object = await this.deps.objects.open(pending.quarantineKey);
    // Not refused for good: the browser may still be sending it.
    if (!object) throw new UploadRejectedError('No file has been uploaded for this upload yet.');
    let inspected;
    try {
      inspected = await inspectUpload(object.body, type, pending.sizeBytes);
    } catch (error) {
      await this.discard(pending);
      throw error;
    }

    const document: VaultDocument = {
      documentId: pending.documentId,
      schoolId,
      pupilId: pending.pupilId,
      fileName: pending.fileName,
      contentType: type.contentType,
      sizeBytes: inspected.sizeBytes,
      sha256: inspected.sha256,
      objectKey: objectKeys.vault(schoolId, pending.pupilId, pending.documentId),
      categoryIds: [],
      uploadedAt: this.now().toISOString(),
      uploadedBy: pending.uploader,
      training: false,
    };
    try {
      await this.deps.objects.copyIntoVault({
        sourceKey: pending.quarantineKey,
        sourceETag: object.eTag,
        targetKey: document.objectKey,
        schoolId,
        pupilId: pending.pupilId,
        contentType: type.contentType,
      });
    } catch (error) {
      // A parallel completion may have finished and removed the quarantine copy first.
      const again = await this.deps.repository.getPendingUpload(schoolId, uploadId);
      if (again?.completedAt) return this.completedDocument(again);
      throw error;
    }
    const stored = await this.deps.repository.storeUploadedDocument(document, uploadId, document.uploadedAt);
    await this.deps.objects.delete(pending.quarantineKey);
    if (!stored) return this.completedDocument(pending);
    await this.deps.audit.record(viewer.actor, {
      action: 'document.upload',
      resourceType: 'document',
      resourceId: document.documentId,
      pupilId: document.pupilId,
      detail: `${type.id}, ${document.sizeBytes} bytes`,
    });
    return document;
  }

  /** The documents of a pupil this viewer may see (one Query), audited before they are returned. */
  async list(viewer: DocumentViewer, pupilId: string): Promise<ListedDocument[]> {
    const schoolId = viewer.actor.schoolId;
    const [pupil, documents] = await Promise.all([
      this.deps.pupils.get(schoolId, pupilId),
      this.deps.repository.listForPupil(schoolId, pupilId),
    ]);
    const facts = this.visiblePupil(viewer, pupil);
    await this.deps.audit.record(viewer.actor, {
      action: 'document.list',
      resourceType: 'pupil',
      resourceId: pupilId,
      pupilId,
    });
    return documents
      .map((document) => ({ document, view: documentView(viewer.access, facts, document) }))
      .filter((entry): entry is ListedDocument => entry.view !== 'hidden')
      .sort((a, b) => b.document.uploadedAt.localeCompare(a.document.uploadedAt));
  }

  /** Permission check, then the audit write, then a one-minute link that saves the file. */
  async download(viewer: DocumentViewer, pupilId: string, documentId: string): Promise<DownloadLink> {
    const schoolId = viewer.actor.schoolId;
    const [pupil, document] = await Promise.all([
      this.deps.pupils.get(schoolId, pupilId),
      this.deps.repository.get(schoolId, pupilId, documentId),
    ]);
    const facts = this.visiblePupil(viewer, pupil);
    const found = this.downloadable(viewer, facts, document, documentId);
    await this.deps.audit.record(viewer.actor, this.downloadEntry(found));
    const url = await this.deps.objects.presignDownload(found.objectKey, found.fileName, found.contentType);
    return { url, expiresAt: new Date(this.now().getTime() + DOWNLOAD_URL_SECONDS * 1000).toISOString() };
  }

  /**
   * Several documents as one zip: each is checked and audited, then streamed from S3 into the zip
   * and the zip into an S3 multipart upload under exports/, and a one-minute link is returned.
   */
  async downloadZip(
    viewer: DocumentViewer,
    pupilId: string,
    documentIds: readonly string[],
  ): Promise<ExportLink> {
    const schoolId = viewer.actor.schoolId;
    const wanted = [...new Set(documentIds)];
    if (wanted.length > this.limits.maxZipFiles) {
      throw new DocumentSelectionError('body.documentIds', `choose at most ${this.limits.maxZipFiles} files`);
    }
    const [pupil, documents] = await Promise.all([
      this.deps.pupils.get(schoolId, pupilId),
      this.deps.repository.getMany(schoolId, pupilId, wanted),
    ]);
    const facts = this.visiblePupil(viewer, pupil);
    const byId = new Map(documents.map((document) => [document.documentId, document]));
    const selected = wanted.map((documentId) =>
      this.downloadable(viewer, facts, byId.get(documentId), documentId),
    );
    const totalBytes = selected.reduce((sum, document) => sum + document.sizeBytes, 0);
    if (totalBytes > this.limits.maxZipBytes) {
      throw new DocumentSelectionError(
        'body.documentIds',
        `the files come to ${totalBytes} bytes; a zip may hold at most ${this.limits.maxZipBytes}`,
      );
    }
    await Promise.all(
      selected.map((document) =>
        this.deps.audit.record(viewer.actor, { ...this.downloadEntry(document), detail: 'in a zip' }),
      ),
    );
    const names = uniqueEntryNames(selected.map((document) => document.fileName));
    const archive = zipStream(
      selected.map((document, index) => ({
        name: names[index] ?? document.fileName,
        modifiedAt: new Date(document.uploadedAt),
        open: async () => {
          const object = await this.deps.objects.open(document.objectKey);
          if (!object) throw new Error('A vault object is missing');
          return object.body;
        },
      })),
    );
    const stored = await this.deps.exports.put(
      schoolId,
      `documents-${this.now().toISOString().slice(0, 10)}.zip`,
      'application/zip',
      archive,
    );
    return this.deps.exports.link(stored);
  }

  /** Sets the removed marker (the object is kept for history); audited. */
  async remove(
    viewer: DocumentViewer,
    pupilId: string,
    documentId: string,
    reason: string,
  ): Promise<VaultDocument> {
    const schoolId = viewer.actor.schoolId;
    const [pupil, document] = await Promise.all([
      this.deps.pupils.get(schoolId, pupilId),
      this.deps.repository.get(schoolId, pupilId, documentId),
    ]);
    const facts = this.visiblePupil(viewer, pupil);
    if (!document || documentView(viewer.access, facts, document) === 'hidden') {
      throw new DocumentNotFoundError('document');
    }
    const removed = await this.deps.repository.markRemoved(document, {
      at: this.now().toISOString(),
      by: { personId: viewer.actor.personId, name: viewer.actor.actorName },
      reason,
    });
    await this.deps.audit.record(viewer.actor, {
      action: 'document.remove',
      resourceType: 'document',
      resourceId: documentId,
      pupilId,
    });
    return removed;
  }

  /** The pupil's facts when the viewer may see them; otherwise the same 404 as an unknown pupil. */
  visiblePupil(viewer: DocumentViewer, pupil: PupilAccessFacts | undefined): PupilAccessFacts {
    const probe = { incidentId: undefined, categoryIds: [], removed: undefined };
    if (!pupil || documentView(viewer.access, pupil, probe) === 'hidden')
      throw new DocumentNotFoundError('pupil');
    return pupil;
  }

  /** A document this viewer may download: hidden ones are unknown; removed ones are gone (410) for editors. */
  downloadable(
    viewer: DocumentViewer,
    pupil: PupilAccessFacts,
    document: VaultDocument | undefined,
    documentId: string,
  ): VaultDocument {
    const view = document ? documentView(viewer.access, pupil, document) : 'hidden';
    if (!document || view === 'hidden') throw new DocumentNotFoundError('document');
    if (view === 'removed-marker') throw new DocumentRemovedError();
    if (document.documentId !== documentId) throw new DocumentNotFoundError('document');
    return document;
  }

  private downloadEntry(document: VaultDocument): AuditEntry {
    return {
      action: 'document.download',
      resourceType: 'document',
      resourceId: document.documentId,
      pupilId: document.pupilId,
    };
  }

  private async completedDocument(pending: PendingUpload): Promise<VaultDocument> {
    const document = await this.deps.repository.get(pending.schoolId, pending.pupilId, pending.documentId);
    if (!document) throw new DocumentNotFoundError('upload');
    return document;
  }

  private async discard(pending: PendingUpload): Promise<void> {
    await this.deps.objects.delete(pending.quarantineKey);
    await this.deps.repository.deletePendingUpload(pending.schoolId, pending.uploadId);
  }
}

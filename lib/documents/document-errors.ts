/** Refusals the document service raises; lib/documents/documents-problems.ts maps them to HTTP. */

/** The pupil, document or upload does not exist for this viewer (answered like an unknown id). */
export class DocumentNotFoundError extends Error {
  constructor(what: 'pupil' | 'document' | 'upload') {
    super(`No such ${what}.`);
    this.name = 'DocumentNotFoundError';
  }
}

/** The declared file is not one the vault takes (400, naming the field). */
export class FileTypeRefusedError extends Error {
  constructor(
    readonly field: 'fileName' | 'contentType',
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'FileTypeRefusedError';
  }
}

/** The declared size is over the limit (413, naming sizeBytes). */
export class FileTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`Files must be at most ${limitBytes} bytes.`);
    this.name = 'FileTooLargeError';
  }
}

/** The uploaded bytes are not what was declared (422): wrong size, wrong kind, or nothing uploaded. */
export class UploadRejectedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'UploadRejectedError';
  }
}

/** The document was removed: its editors see a marker and are told so (410); others get 404. */
export class DocumentRemovedError extends Error {
  constructor() {
    super('This document was removed.');
    this.name = 'DocumentRemovedError';
  }
}

/** A change that conflicts with the document's state (409): already removed, already attached. */
export class DocumentConflictError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DocumentConflictError';
  }
}

/** A selection the service will not package (400, naming the field): too many files, too many bytes. */
export class DocumentSelectionError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'DocumentSelectionError';
  }
}

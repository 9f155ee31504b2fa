/** Turns document refusals into problem+json: 404, 400 naming the field, 413, 422, 410, 409. */
import type { BoundEndpoint } from '../platform/http/endpoint';
import { HttpProblem, PROBLEM_TYPES, problems } from '../platform/http/problem';
import {
  DocumentConflictError,
  DocumentNotFoundError,
  DocumentRemovedError,
  DocumentSelectionError,
  FileTooLargeError,
  FileTypeRefusedError,
  UploadRejectedError,
} from './document-errors';

/** Problem types of this area (described in docs/api.md). */
export const DOCUMENT_PROBLEM_TYPES = {
  fileRejected: 'urn:lantern:problem:file-rejected',
  gone: 'urn:lantern:problem:gone',
} as const;

function toProblem(error: unknown): unknown {
  if (error instanceof DocumentNotFoundError) return problems.notFound(error.message);
  if (error instanceof FileTypeRefusedError) {
    return problems.validation([{ field: `body.${error.field}`, reason: error.reason }]);
  }
  if (error instanceof FileTooLargeError) {
    return new HttpProblem(413, PROBLEM_TYPES.payloadTooLarge, 'File too large', error.message, [
      { field: 'body.sizeBytes', reason: `must be at most ${error.limitBytes}` },
    ]);
  }
  if (error instanceof UploadRejectedError) {
    return new HttpProblem(422, DOCUMENT_PROBLEM_TYPES.fileRejected, 'File refused', error.reason, [
      { field: 'file', reason: error.reason },
    ]);
  }
  if (error instanceof DocumentRemovedError) {
    return new HttpProblem(410, DOCUMENT_PROBLEM_TYPES.gone, 'Removed', error.message);
  }
  if (error instanceof DocumentConflictError) {
    return problems.conflict(
      error.message,
      error.field ? [{ field: error.field, reason: error.message }] : undefined,
    );
  }
  if (error instanceof DocumentSelectionError) {
    return problems.validation([{ field: error.field, reason: error.reason }]);
  }
  return error;
}

export function documentsProblems(endpoints: readonly BoundEndpoint[]): BoundEndpoint[] {
  return endpoints.map(({ contract, implementation }) => ({
    contract,
    implementation: async (request) => {
      try {
        return await implementation(request);
      } catch (error) {
        throw toProblem(error);
      }
    },
  }));
}

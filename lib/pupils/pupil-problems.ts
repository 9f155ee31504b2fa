/** Turns pupil and monitoring refusals into problem+json: not found 404, conflict 409, unacceptable field 400. */
import type { BoundEndpoint } from '../platform/http/endpoint';
import { problems } from '../platform/http/problem';
import { PupilConflictError, PupilInvalidFieldError, PupilNotFoundError } from './pupil-errors';

function toProblem(error: unknown): unknown {
  if (error instanceof PupilNotFoundError) return problems.notFound(error.message);
  if (error instanceof PupilConflictError) {
    return problems.conflict(
      error.message,
      error.field ? [{ field: error.field, reason: error.message }] : undefined,
    );
  }
  if (error instanceof PupilInvalidFieldError) {
    return problems.validation([{ field: error.field, reason: error.reason }]);
  }
  return error;
}

export function pupilProblems(endpoints: readonly BoundEndpoint[]): BoundEndpoint[] {
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

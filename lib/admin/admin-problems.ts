/** Turns admin refusals into problem+json: not found 404, conflict 409, unacceptable field 400. */
import type { BoundEndpoint } from '../platform/http/endpoint';
import { problems } from '../platform/http/problem';
import { AdminConflictError, AdminInvalidFieldError, AdminNotFoundError } from './admin-errors';

function toProblem(error: unknown): unknown {
  if (error instanceof AdminNotFoundError) return problems.notFound(error.message);
  if (error instanceof AdminConflictError) {
    return problems.conflict(
      error.message,
      error.field ? [{ field: error.field, reason: error.message }] : undefined,
    );
  }
  if (error instanceof AdminInvalidFieldError) {
    return problems.validation([{ field: error.field, reason: error.reason }]);
  }
  return error;
}

export function adminProblems(endpoints: readonly BoundEndpoint[]): BoundEndpoint[] {
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

/** Turns incident refusals into problem+json: 404 (not found), 403 (category not allowed), 409, 400. */
import type { BoundEndpoint } from '../platform/http/endpoint';
import { HttpProblem, PROBLEM_TYPES, problems } from '../platform/http/problem';
import {
  IncidentConflictError,
  IncidentFieldsError,
  IncidentForbiddenError,
  IncidentNotFoundError,
} from './incident-errors';

function toProblem(error: unknown): unknown {
  if (error instanceof IncidentNotFoundError) return problems.notFound(error.message);
  if (error instanceof IncidentForbiddenError) {
    return new HttpProblem(403, PROBLEM_TYPES.forbidden, 'Forbidden', error.message);
  }
  if (error instanceof IncidentConflictError) {
    return problems.conflict(
      error.message,
      error.field ? [{ field: error.field, reason: error.message }] : undefined,
    );
  }
  if (error instanceof IncidentFieldsError) {
    switch (error.kind) {
      case 'not-found':
        return new HttpProblem(
          404,
          PROBLEM_TYPES.notFound,
          'Not found',
          'No such pupil in this school.',
          error.errors,
        );
      case 'forbidden':
        return new HttpProblem(
          403,
          PROBLEM_TYPES.forbidden,
          'Forbidden',
          'Your user group does not allow you to record in every category chosen.',
          error.errors,
        );
      case 'invalid':
        return problems.validation(error.errors);
    }
  }
  return error;
}

export function incidentProblems(endpoints: readonly BoundEndpoint[]): BoundEndpoint[] {
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

/** Sends one API request and turns "no answer at all" into a Problem, so callers handle one shape. */
import { apiRequest, NetworkError, type ApiRequest } from './client';
import { networkProblem, type Problem } from './problem';

/** The response, or a Problem when the request never got an answer. */
export async function send(
  path: `/api/${string}`,
  request: ApiRequest,
): Promise<{ response: Response } | { problem: Problem }> {
  try {
    return { response: await apiRequest(path, request) };
  } catch (error) {
    if (error instanceof NetworkError) return { problem: networkProblem() };
    throw error;
  }
}

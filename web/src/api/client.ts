/**
 * The one way the web app talks to the API: same-origin, relative `/api/...` URLs, JSON in and out.
 * A request that gets no answer at all raises NetworkError; an aborted one re-raises the AbortError.
 */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('The request did not reach Lantern.', { cause });
    this.name = 'NetworkError';
  }
}

export interface ApiRequest {
  method?: 'GET' | 'POST';
  /** Sent as JSON when present. */
  body?: unknown;
  signal?: AbortSignal;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export async function apiRequest(path: `/api/${string}`, request: ApiRequest = {}): Promise<Response> {
  const headers = new Headers({ Accept: 'application/json, application/problem+json' });
  const init: RequestInit = {
    method: request.method ?? 'GET',
    headers,
    credentials: 'same-origin',
    cache: 'no-store',
  };
  if (request.body !== undefined) {
    headers.set('Content-Type', 'application/json');
    init.body = JSON.stringify(request.body);
  }
  if (request.signal) init.signal = request.signal;
  try {
    return await fetch(path, init);
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new NetworkError(error);
  }
}

/** Parses a JSON body, or returns undefined if the body is not JSON. Never throws. */
export async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The one way the web app talks to the API: same-origin, relative `/api/...` URLs, JSON in and out.
 * A request that gets no answer at all raises NetworkError; an aborted one re-raises the AbortError.
 *
 * While someone is signed in, the client also carries the session's CSRF token (in memory only, never
 * in storage a script on another page load could read) and reports a 401 as the end of the session.
 */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('The request did not reach Lantern.', { cause });
    this.name = 'NetworkError';
  }
}

export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRequest {
  method?: ApiMethod;
  /** Sent as JSON when present. */
  body?: unknown;
  signal?: AbortSignal;
  /**
   * Whether a 401 answer ends the signed-in session (the default). Signing out turns this off: a 401
   * there means the session had already gone, which is the outcome asked for, not a surprise.
   */
  endsSessionOn401?: boolean;
}

/** What the client needs from the signed-in session. */
export interface ApiSession {
  csrfToken: string;
  /** Called once per 401 answer to a request made while signed in. */
  onUnauthorised: () => void;
}

/** The API only checks the CSRF token on methods that change something. */
const UNSAFE_METHODS: ReadonlySet<ApiMethod> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let currentSession: ApiSession | undefined;

/** Called by the session store when someone signs in, switches school or signs out. */
export function setApiSession(session: ApiSession | undefined): void {
  currentSession = session;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Answers about a signed-in person must never come from the browser's cache. */
const NO_STORE = { cache: 'no-store' } as const;

export async function apiRequest(path: `/api/${string}`, request: ApiRequest = {}): Promise<Response> {
  const method = request.method ?? 'GET';
  const session = currentSession;
  const headers = new Headers({ Accept: 'application/json, application/problem+json' });
  // Spread, because the Node RequestInit type that unit tests compile this file against lacks `cache`.
  const init: RequestInit = { method, headers, credentials: 'same-origin', ...NO_STORE };
  if (request.body !== undefined) {
    headers.set('Content-Type', 'application/json');
    init.body = JSON.stringify(request.body);
  }
  if (session && UNSAFE_METHODS.has(method)) headers.set('X-CSRF-Token', session.csrfToken);
  if (request.signal) init.signal = request.signal;
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new NetworkError(error);
  }
  // Only the session the request was made under can end: a 401 from before a new sign-in is stale.
  if (
    response.status === 401 &&
    session &&
    session === currentSession &&
    request.endsSessionOn401 !== false
  ) {
    session.onUnauthorised();
  }
  return response;
}

/** Parses a JSON body, or returns undefined if the body is not JSON. Never throws. */
export async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

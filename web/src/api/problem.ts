/**
 * RFC 9457 problem details as the web app shows them. Every failed API answer becomes a Problem,
 * even when the body is not JSON (a proxy's HTML error page, an empty 502): then a generic,
 * human-readable one stands in.
 */
export interface FieldError {
  field: string;
  reason: string;
}

export interface Problem {
  title: string;
  detail?: string;
  status?: number;
  type?: string;
  requestId?: string;
  errors?: FieldError[];
}

const MAX_TITLE_LENGTH = 200;
const MAX_DETAIL_LENGTH = 1000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function cleanText(value: unknown, maxLength: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

function fieldErrors(value: unknown): FieldError[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const errors = value.flatMap((item): FieldError[] => {
    if (!isRecord(item)) return [];
    const field = cleanText(item.field, MAX_TITLE_LENGTH);
    const reason = cleanText(item.reason, MAX_DETAIL_LENGTH);
    return field && reason ? [{ field, reason }] : [];
  });
  return errors.length > 0 ? errors : undefined;
}

/** The problem shown when the answer carries no usable problem details. */
export function genericProblem(status: number): Problem {
  return {
    title: 'Something went wrong',
    detail: `Lantern could not complete the request (error ${status}). Try again in a few minutes.`,
    status,
  };
}

/** The problem shown when the request never got an answer. */
export function networkProblem(): Problem {
  return {
    title: 'Lantern could not be reached',
    detail: 'Check your internet connection and try again.',
  };
}

/** Reads a parsed JSON body as problem details, or returns undefined if it has no usable title. */
export function parseProblem(body: unknown, status: number): Problem | undefined {
  if (!isRecord(body)) return undefined;
  const title = cleanText(body.title, MAX_TITLE_LENGTH);
  if (!title) return undefined;
  const problem: Problem = { title, status: typeof body.status === 'number' ? body.status : status };
  const detail = cleanText(body.detail, MAX_DETAIL_LENGTH);
  if (detail) problem.detail = detail;
  const type = cleanText(body.type, MAX_DETAIL_LENGTH);
  if (type) problem.type = type;
  const requestId = cleanText(body.requestId, MAX_TITLE_LENGTH);
  if (requestId) problem.requestId = requestId;
  const errors = fieldErrors(body.errors);
  if (errors) problem.errors = errors;
  return problem;
}

/** Turns a failed response into a Problem, whatever its body holds. Never throws. */
export async function problemFromResponse(response: Response): Promise<Problem> {
  const contentType = response.headers.get('content-type') ?? '';
  if (!/\bjson\b/i.test(contentType)) return genericProblem(response.status);
  try {
    const body: unknown = JSON.parse(await response.text());
    return parseProblem(body, response.status) ?? genericProblem(response.status);
  } catch {
    return genericProblem(response.status);
  }
}

/**
 * RFC 9457 problem details: the one shape every error response takes. Handlers and services
 * throw HttpProblem; the API bundle turns it (or any other error) into application/problem+json.
 */
import { z } from 'zod';

export const FieldErrorSchema = z
  .object({
    field: z.string().meta({ description: 'Where the problem is, e.g. "body.urn" or "query.limit".' }),
    reason: z.string(),
  })
  .meta({ id: 'FieldError' });

export const ProblemSchema = z
  .object({
    type: z.string().meta({ description: 'A URI identifying the kind of problem; see docs/api.md.' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(FieldErrorSchema).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details.' });

export type FieldError = z.infer<typeof FieldErrorSchema>;
export type Problem = z.infer<typeof ProblemSchema>;

/** Problem types Lantern defines; each is described in docs/api.md. */
export const PROBLEM_TYPES = {
  validation: 'urn:lantern:problem:validation',
  malformedJson: 'urn:lantern:problem:malformed-json',
  payloadTooLarge: 'urn:lantern:problem:payload-too-large',
  unsupportedMediaType: 'urn:lantern:problem:unsupported-media-type',
  notFound: 'urn:lantern:problem:not-found',
  methodNotAllowed: 'urn:lantern:problem:method-not-allowed',
  unauthenticated: 'urn:lantern:problem:unauthenticated',
  forbidden: 'urn:lantern:problem:forbidden',
  elevationRequired: 'urn:lantern:problem:elevation-required',
  conflict: 'urn:lantern:problem:conflict',
  tooManyRequests: 'urn:lantern:problem:too-many-requests',
  internal: 'urn:lantern:problem:internal',
} as const;

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: readonly FieldError[],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail ?? title);
    this.name = 'HttpProblem';
  }
}

export const problems = {
  validation: (errors: readonly FieldError[], detail = 'The request has invalid fields.') =>
    new HttpProblem(400, PROBLEM_TYPES.validation, 'Invalid request', detail, errors),
  malformedJson: (detail: string) =>
    new HttpProblem(400, PROBLEM_TYPES.malformedJson, 'Malformed JSON body', detail, [
      { field: 'body', reason: detail },
    ]),
  payloadTooLarge: (limitBytes: number) =>
    new HttpProblem(
      413,
      PROBLEM_TYPES.payloadTooLarge,
      'Request body too large',
      `The body must be at most ${limitBytes} bytes.`,
      [{ field: 'body', reason: `larger than ${limitBytes} bytes` }],
    ),
  unsupportedMediaType: (expected: string) =>
    new HttpProblem(
      415,
      PROBLEM_TYPES.unsupportedMediaType,
      'Unsupported media type',
      `The body must be sent as ${expected}.`,
      [{ field: 'header.content-type', reason: `must be ${expected}` }],
    ),
  notFound: (detail: string) => new HttpProblem(404, PROBLEM_TYPES.notFound, 'Not found', detail),
  methodNotAllowed: (method: string, allowed: readonly string[]) =>
    new HttpProblem(
      405,
      PROBLEM_TYPES.methodNotAllowed,
      'Method not allowed',
      `${method} is not allowed here; allowed: ${allowed.join(', ')}.`,
      undefined,
      { Allow: allowed.join(', ') },
    ),
  unauthenticated: (detail: string, challenge?: string) =>
    new HttpProblem(
      401,
      PROBLEM_TYPES.unauthenticated,
      'Authentication required',
      detail,
      undefined,
      challenge ? { 'WWW-Authenticate': challenge } : {},
    ),
  forbidden: (detail: string) => new HttpProblem(403, PROBLEM_TYPES.forbidden, 'Forbidden', detail),
  /** Allowed to a key holder once elevated: the web app answers by offering "Elevate your access". */
  elevationRequired: (detail: string) =>
    new HttpProblem(403, PROBLEM_TYPES.elevationRequired, 'Elevate your access', detail),
  tooManyRequests: (detail: string, retryAfterSeconds: number) =>
    new HttpProblem(429, PROBLEM_TYPES.tooManyRequests, 'Too many requests', detail, undefined, {
      'Retry-After': String(retryAfterSeconds),
    }),
  conflict: (detail: string, errors?: readonly FieldError[]) =>
    new HttpProblem(409, PROBLEM_TYPES.conflict, 'Conflict', detail, errors),
};

/** Turns zod issues into field errors, prefixed with where the value came from. */
export function fieldErrorsFromZod(location: 'body' | 'query' | 'path', error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: [location, ...issue.path.map(String)].join('.'),
    reason: issue.message,
  }));
}

/**
 * Turns an API Gateway proxy event into a validated request for one endpoint contract:
 * size limit (413), media type (415), JSON syntax (400) and zod validation (400, naming fields).
 * A contract with a `rawBody` gets its bytes instead, checked against its own media types and limit.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { EndpointContract, RawBodyContract } from './endpoint';
import { fieldErrorsFromZod, problems } from './problem';

export type HeaderMap = Readonly<Record<string, string>>;

/** Header names are case-insensitive; API Gateway keeps the client's spelling. */
export function lowerCaseHeaders(event: APIGatewayProxyEvent): HeaderMap {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined) headers[name.toLowerCase()] = value;
  }
  return headers;
}

function rawBody(event: APIGatewayProxyEvent): Buffer | undefined {
  if (event.body === null || event.body === undefined || event.body === '') return undefined;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
}

/** The media type without parameters (e.g. `; charset=utf-8`), lower-case. */
function mediaTypeOf(headers: HeaderMap): string {
  return (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function parseJsonBody(event: APIGatewayProxyEvent, headers: HeaderMap, maxBodyBytes: number): unknown {
  const body = rawBody(event);
  if (body && body.byteLength > maxBodyBytes) throw problems.payloadTooLarge(maxBodyBytes);
  if (!body) return undefined;
  const mediaType = mediaTypeOf(headers);
  if (mediaType !== 'application/json' && !mediaType?.endsWith('+json')) {
    throw problems.unsupportedMediaType('application/json');
  }
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch (error) {
    throw problems.malformedJson(
      error instanceof SyntaxError ? error.message : 'The body is not valid JSON.',
    );
  }
}

export interface ParsedParts {
  readonly params: unknown;
  readonly query: unknown;
  readonly body: unknown;
  readonly rawBody: Buffer | undefined;
  readonly rawBodyMediaType: string | undefined;
}

function acceptRawBody(
  contract: RawBodyContract,
  body: Buffer | undefined,
  headers: HeaderMap,
): { rawBody: Buffer; rawBodyMediaType: string } {
  if (!body) throw problems.validation([{ field: 'body', reason: 'a body is required' }]);
  const mediaType = mediaTypeOf(headers);
  if (!contract.mediaTypes.includes(mediaType)) {
    throw problems.unsupportedMediaType(contract.mediaTypes.join(' or '));
  }
  return { rawBody: body, rawBodyMediaType: mediaType };
}

export function parseRequestParts(
  contract: EndpointContract,
  event: APIGatewayProxyEvent,
  pathParams: Record<string, string>,
  maxBodyBytes: number,
): ParsedParts {
  const headers = lowerCaseHeaders(event);
  // The size limit applies to every request, so an oversized body is refused even where none is expected.
  // A raw-body contract names its own limit (an MIS extract is larger than any JSON form).
  const limit = contract.rawBody?.maxBytes ?? maxBodyBytes;
  const body = rawBody(event);
  if (body && body.byteLength > limit) throw problems.payloadTooLarge(limit);

  const params = contract.params ? contract.params.safeParse(pathParams) : undefined;
  if (params && !params.success) throw problems.validation(fieldErrorsFromZod('path', params.error));

  const query = contract.query ? contract.query.safeParse(event.queryStringParameters ?? {}) : undefined;
  if (query && !query.success) throw problems.validation(fieldErrorsFromZod('query', query.error));

  let parsedBody: unknown = undefined;
  if (contract.body) {
    const json = parseJsonBody(event, headers, maxBodyBytes);
    if (json === undefined) {
      throw problems.validation([{ field: 'body', reason: 'a JSON body is required' }]);
    }
    const result = contract.body.safeParse(json);
    if (!result.success) throw problems.validation(fieldErrorsFromZod('body', result.error));
    parsedBody = result.data;
  }
  const raw = contract.rawBody ? acceptRawBody(contract.rawBody, body, headers) : undefined;
  return {
    params: params?.data ?? {},
    query: query?.data ?? {},
    body: parsedBody,
    rawBody: raw?.rawBody,
    rawBodyMediaType: raw?.rawBodyMediaType,
  };
}

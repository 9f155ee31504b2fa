/**
 * Raw (non-JSON) request bodies: a contract's `rawBody` names the media types it accepts and its own
 * size limit, and the implementation receives the bytes exactly as sent.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { z } from 'zod';
import { defineEndpoint, MAX_RAW_BODY_BYTES } from '../../../lib/platform/http/endpoint';
import { HttpProblem } from '../../../lib/platform/http/problem';
import { parseRequestParts } from '../../../lib/platform/http/request-parsing';
import { buildOpenApiDocument } from '../../../lib/platform/openapi/openapi-document';

/** The handler's default limit, below the contract's own. */
const DEFAULT_LIMIT = 64;
const LIMIT = 256;

const ExtractSchema = z.object({ format: z.literal('test') }).meta({ id: 'TestExtract' });

const RAW_BODY = {
  mediaTypes: ['application/json', 'application/xml', 'text/xml'],
  maxBytes: LIMIT,
  description: 'An extract.',
  jsonSchema: ExtractSchema,
};

const upload = defineEndpoint({
  operationId: 'uploadExtract',
  method: 'POST',
  path: '/api/extracts',
  summary: 'upload',
  tags: ['Test'],
  access: { kind: 'connector' },
  rawBody: RAW_BODY,
  successStatus: 202,
  response: z.object({}),
});

const jsonForm = defineEndpoint({
  operationId: 'jsonForm',
  method: 'POST',
  path: '/api/form',
  summary: 'form',
  tags: ['Test'],
  access: { kind: 'public' },
  body: z.object({ name: z.string() }),
  successStatus: 200,
  response: z.object({}),
});

function event(body: string | null, contentType?: string, base64 = false): APIGatewayProxyEvent {
  return {
    httpMethod: 'POST',
    path: '/api/extracts',
    headers: contentType ? { 'Content-Type': contentType } : {},
    body,
    isBase64Encoded: base64,
    queryStringParameters: null,
  } as unknown as APIGatewayProxyEvent;
}

function refusal(run: () => unknown): HttpProblem {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpProblem) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const parse = (request: APIGatewayProxyEvent) => parseRequestParts(upload, request, {}, DEFAULT_LIMIT);

it('hands the bytes and their media type to the implementation, with no JSON parsing', () => {
  const xml = '<?xml version="1.0"?><CTfile><Header/></CTfile>'.padEnd(200, ' ');
  const parts = parse(event(xml, 'application/xml; charset=utf-8'));
  expect(parts.rawBody?.toString('utf8')).toBe(xml);
  expect(parts.rawBodyMediaType).toBe('application/xml');
  expect(parts.body).toBeUndefined();
});

it('decodes a body API Gateway sent base64-encoded to the same bytes', () => {
  const bytes = Buffer.from([0x3c, 0x61, 0x3e, 0xc3, 0xa9, 0x3c, 0x2f, 0x61, 0x3e]);
  const parts = parse(event(bytes.toString('base64'), 'text/xml', true));
  expect(parts.rawBody?.equals(bytes)).toBe(true);
});

it('accepts the contract’s limit exactly, above the handler default, and answers 413 one byte over', () => {
  const atLimit = parse(event('x'.repeat(LIMIT), 'application/json'));
  expect(atLimit.rawBody?.byteLength).toBe(LIMIT);

  const over = refusal(() => parse(event('x'.repeat(LIMIT + 1), 'application/json')));
  expect(over.status).toBe(413);
  expect(over.detail).toBe(`The body must be at most ${LIMIT} bytes.`);
});

it('answers 415 naming every accepted media type', () => {
  const problem = refusal(() => parse(event('a,b,c', 'text/csv')));
  expect(problem.status).toBe(415);
  expect(problem.errors).toEqual([
    { field: 'header.content-type', reason: 'must be application/json or application/xml or text/xml' },
  ]);
  expect(refusal(() => parse(event('{}'))).status).toBe(415);
});

it('answers 400 when the body is missing', () => {
  const problem = refusal(() => parse(event(null, 'application/json')));
  expect(problem.status).toBe(400);
  expect(problem.errors).toEqual([{ field: 'body', reason: 'a body is required' }]);
});

it('leaves the handler default limit for contracts without a raw body, and no raw body', () => {
  const form = parseRequestParts(jsonForm, event('{"name":"x"}', 'application/json'), {}, DEFAULT_LIMIT);
  expect(form.rawBody).toBeUndefined();
  expect(form.body).toEqual({ name: 'x' });
  const over = refusal(() =>
    parseRequestParts(
      jsonForm,
      event(JSON.stringify({ name: 'x'.repeat(100) }), 'application/json'),
      {},
      DEFAULT_LIMIT,
    ),
  );
  expect(over.status).toBe(413);
});

it('refuses a contract with both bodies, or a limit the Lambda payload cannot carry', () => {
  const base = { ...upload, operationId: 'bad' };
  expect(() => defineEndpoint({ ...base, body: z.object({}) })).toThrow(/body or a rawBody/);
  expect(() =>
    defineEndpoint({ ...base, rawBody: { ...RAW_BODY, maxBytes: MAX_RAW_BODY_BYTES + 1 } }),
  ).toThrow(/over/);
});

it('describes the body once per media type in the OpenAPI document', () => {
  const document = buildOpenApiDocument([upload], { version: 'test' }) as {
    paths: Record<string, Record<string, { requestBody: { content: Record<string, { schema: unknown }> } }>>;
  };
  const operation = document.paths['/api/extracts']!.post! as unknown as {
    requestBody: { description: string; content: Record<string, { schema: unknown }> };
    security: unknown;
  };
  expect(operation.requestBody.description).toBe(`An extract. At most ${LIMIT} bytes.`);
  expect(operation.requestBody.content['application/json']!.schema).toEqual({
    $ref: '#/components/schemas/TestExtract',
  });
  expect(operation.requestBody.content['application/xml']!.schema).toEqual({ type: 'string' });
  expect(operation.requestBody.content['text/xml']!.schema).toEqual({ type: 'string' });
  expect(operation.security).toEqual([{ connectorCredential: [] }]);
});

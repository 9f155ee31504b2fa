/** The shared API bundle: routing, validation, access, output stripping and error mapping. */
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { z } from 'zod';
import { createApiHandler } from '../../../lib/platform/http/api-handler';
import { defineEndpoint, implement } from '../../../lib/platform/http/endpoint';

const context = { awsRequestId: 'lambda-request', functionName: 'test' } as Context;

function event(
  method: string,
  path: string,
  overrides: Partial<APIGatewayProxyEvent> = {},
): APIGatewayProxyEvent {
  return {
    httpMethod: method,
    path,
    headers: {},
    body: null,
    isBase64Encoded: false,
    queryStringParameters: null,
    requestContext: { requestId: 'gateway-request', identity: { sourceIp: '203.0.113.9' } },
    ...overrides,
  } as unknown as APIGatewayProxyEvent;
}

const echo = defineEndpoint({
  operationId: 'echo',
  method: 'POST',
  path: '/api/things/{thingId}',
  summary: 'echo',
  tags: ['Test'],
  access: { kind: 'public' },
  params: z.object({ thingId: z.string().regex(/^\d+$/, 'must be digits') }),
  body: z.object({ name: z.string().min(1) }),
  successStatus: 201,
  response: z.object({ thingId: z.string(), name: z.string() }),
});

const secret = defineEndpoint({
  operationId: 'secret',
  method: 'GET',
  path: '/api/secret',
  summary: 'secret',
  tags: ['Test'],
  access: { kind: 'operator' },
  successStatus: 200,
  response: z.object({ ok: z.boolean() }),
});

const failing = defineEndpoint({
  operationId: 'failing',
  method: 'GET',
  path: '/api/failing',
  summary: 'failing',
  tags: ['Test'],
  access: { kind: 'public' },
  successStatus: 200,
  response: z.object({}),
});

const whoAmI = defineEndpoint({
  operationId: 'whoAmI',
  method: 'GET',
  path: '/api/whoami',
  summary: 'whoami',
  tags: ['Test'],
  access: { kind: 'public' },
  successStatus: 200,
  response: z.object({ sourceIp: z.string() }),
});

const STAFF_SESSION = {
  personId: 'p-1',
  schoolId: 's-1',
  elevated: false,
  sessionHash: 'h',
  csrfToken: 'csrf_expected-token-value-for-this-session',
};

const handler = createApiHandler(
  [
    implement(whoAmI, ({ sourceIp }) => Promise.resolve({ body: { sourceIp } })),
    implement(echo, ({ params, body }) =>
      // The extra field must not reach the client: the response schema strips it.
      Promise.resolve({
        body: { thingId: params.thingId, name: body.name, internalNote: 'hidden' } as never,
      }),
    ),
    implement(secret, () => Promise.resolve({ body: { ok: true } })),
    implement(failing, () => Promise.reject(new Error('database password is hunter2'))),
  ],
  {
    maxBodyBytes: 64,
    authenticators: {
      operator: (token) =>
        Promise.resolve(token === 'lantern_op_good' ? { tokenId: 't1', label: 'ops' } : undefined),
      staff: (sessionId) => Promise.resolve(sessionId === 'ls_good' ? STAFF_SESSION : undefined),
    },
  },
);

async function call(request: APIGatewayProxyEvent) {
  const response = await handler(request, context);
  return { ...response, json: JSON.parse(response.body || '{}') as Record<string, unknown> };
}

const jsonHeaders = { 'Content-Type': 'application/json' };

it('validates, calls the implementation and strips fields the contract does not publish', async () => {
  const response = await call(
    event('POST', '/api/things/42', { headers: jsonHeaders, body: '{"name":"kettle"}' }),
  );
  expect(response.statusCode).toBe(201);
  expect(response.json).toEqual({ thingId: '42', name: 'kettle' });
  expect(response.headers).toMatchObject({ 'X-Request-Id': 'gateway-request', 'Cache-Control': 'no-store' });
});

it('names the invalid path parameter and body field', async () => {
  const response = await call(
    event('POST', '/api/things/abc', { headers: jsonHeaders, body: '{"name":"kettle"}' }),
  );
  expect(response.statusCode).toBe(400);
  expect(response.json.errors).toEqual([{ field: 'path.thingId', reason: 'must be digits' }]);

  const missing = await call(event('POST', '/api/things/1', { headers: jsonHeaders, body: '{}' }));
  expect(missing.statusCode).toBe(400);
  expect((missing.json.errors as { field: string }[])[0]?.field).toBe('body.name');
});

it('answers 413 before parsing when the body is over the limit', async () => {
  const response = await call(
    event('POST', '/api/things/1', { headers: jsonHeaders, body: JSON.stringify({ name: 'x'.repeat(100) }) }),
  );
  expect(response.statusCode).toBe(413);
  expect(response.headers?.['Content-Type']).toContain('application/problem+json');
});

it('answers 400 for malformed JSON and 415 for another media type', async () => {
  expect(
    (await call(event('POST', '/api/things/1', { headers: jsonHeaders, body: '{"name":' }))).statusCode,
  ).toBe(400);
  const wrongType = await call(
    event('POST', '/api/things/1', { headers: { 'content-type': 'text/plain' }, body: 'x' }),
  );
  expect(wrongType.statusCode).toBe(415);
});

it('answers 404 for unknown paths and 405 with Allow for known paths', async () => {
  const missing = await call(event('GET', '/api/nothing'));
  expect(missing.statusCode).toBe(404);
  const wrongMethod = await call(event('GET', '/api/things/1'));
  expect(wrongMethod.statusCode).toBe(405);
  expect(wrongMethod.headers?.Allow).toBe('POST');
});

it('denies an operator endpoint without a valid bearer token and admits a valid one', async () => {
  expect((await call(event('GET', '/api/secret'))).statusCode).toBe(401);
  const wrong = await call(
    event('GET', '/api/secret', { headers: { Authorization: 'Bearer lantern_op_bad' } }),
  );
  expect(wrong.statusCode).toBe(401);
  const right = await call(
    event('GET', '/api/secret', { headers: { authorization: 'Bearer lantern_op_good' } }),
  );
  expect(right.statusCode).toBe(200);
});

it('hides internal error messages behind a 500 problem carrying the request id', async () => {
  const response = await call(event('GET', '/api/failing'));
  expect(response.statusCode).toBe(500);
  expect(response.body).not.toContain('hunter2');
  expect(response.json).toMatchObject({
    status: 500,
    requestId: 'gateway-request',
    instance: '/api/failing',
  });
});

it('takes the viewer address from the header CloudFront sets, else from the connection', async () => {
  const direct = await call(event('GET', '/api/whoami'));
  expect(direct.json).toEqual({ sourceIp: '203.0.113.9' });
  const viaEdge = await call(
    event('GET', '/api/whoami', { headers: { 'X-Lantern-Viewer-Ip': '198.51.100.7' } }),
  );
  expect(viaEdge.json).toEqual({ sourceIp: '198.51.100.7' });
});

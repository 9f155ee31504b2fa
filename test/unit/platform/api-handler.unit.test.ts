/** The shared API bundle: routing, validation, access, output stripping and error mapping. */
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { z } from 'zod';
import { createApiHandler } from '../../../lib/platform/http/api-handler';
import { defineEndpoint, implement } from '../../../lib/platform/http/endpoint';
import type { AccessRefusal } from '../../../lib/platform/http/access';
import { buildAccessProfile } from '../../../lib/access/authorisation';
import { NO_CATEGORY_ACCESS, type SystemPermission } from '../../../lib/access/permissions';
import { defaultSchoolSettings } from '../../../lib/access/school-settings';
import { newUserGroup } from '../../../lib/access/user-group';

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

const adminOnly = defineEndpoint({
  operationId: 'adminOnly',
  method: 'POST',
  path: '/api/admin-thing',
  summary: 'admin',
  tags: ['Test'],
  access: { kind: 'staff', permission: 'admin.users' },
  body: z.object({ n: z.number() }),
  successStatus: 200,
  response: z.object({ ok: z.boolean() }),
});

const CSRF = 'csrf_expected-token-value-for-this-session';

function staffSession(systemPermissions: SystemPermission[], elevated: boolean) {
  const group = {
    ...newUserGroup(
      '00000000-0000-4000-8000-0000000000a1',
      {
        name: 'G',
        description: '',
        systemPermissions,
        categoryPermissions: {},
        newCategoryDefault: NO_CATEGORY_ACCESS,
      },
      '2026-01-01T00:00:00.000Z',
    ),
  };
  return {
    personId: 'p-1',
    displayName: 'Pat',
    schoolId: 's-1',
    elevated,
    sessionHash: 'h',
    csrfToken: CSRF,
    access: buildAccessProfile({
      personId: 'p-1',
      schoolId: 's-1',
      elevated,
      group,
      settings: defaultSchoolSettings('s-1', '2026-01-01T00:00:00.000Z'),
      classGroups: [],
    }),
  };
}

const SESSIONS: Record<string, ReturnType<typeof staffSession>> = {
  ls_admin_elevated: staffSession(['admin.users'], true),
  ls_admin_not_elevated: staffSession(['admin.users'], false),
  ls_teacher: staffSession(['incidents.add'], true),
};
const refusals: AccessRefusal[] = [];

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
    implement(adminOnly, () => Promise.resolve({ body: { ok: true } })),
  ],
  {
    maxBodyBytes: 64,
    authenticators: {
      operator: (token) =>
        Promise.resolve(token === 'lantern_op_good' ? { tokenId: 't1', label: 'ops' } : undefined),
      connector: () => Promise.resolve(undefined),
      staff: (sessionId) => Promise.resolve(SESSIONS[sessionId]),
      recordRefusal: (refusal) => {
        refusals.push(refusal);
        return Promise.resolve();
      },
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

describe('a staff endpoint that needs a permission', () => {
  const post = (session: string, csrf = CSRF) =>
    call(
      event('POST', '/api/admin-thing', {
        headers: { ...jsonHeaders, Cookie: `lantern_session=${session}`, 'X-CSRF-Token': csrf },
        body: '{"n":1}',
      }),
    );

  beforeEach(() => refusals.splice(0));

  it('admits an elevated member whose group grants it', async () => {
    expect((await post('ls_admin_elevated')).statusCode).toBe(200);
    expect(refusals).toEqual([]);
  });

  it('asks a key holder to elevate first, and logs the refusal', async () => {
    const response = await post('ls_admin_not_elevated');
    expect(response.statusCode).toBe(403);
    expect(response.json.type).toBe('urn:lantern:problem:elevation-required');
    expect(refusals).toEqual([
      expect.objectContaining({ personId: 'p-1', reason: 'adminOnly: not elevated' }),
    ]);
  });

  it('refuses a member whose group does not grant it, even elevated', async () => {
    const response = await post('ls_teacher');
    expect(response.statusCode).toBe(403);
    expect(response.json.type).toBe('urn:lantern:problem:forbidden');
    expect(refusals[0]?.reason).toBe('adminOnly: no admin.users permission');
  });

  it('checks the CSRF token before the permission', async () => {
    const response = await post('ls_admin_elevated', 'csrf_wrong');
    expect(response.statusCode).toBe(403);
    expect(refusals).toEqual([]);
  });
});

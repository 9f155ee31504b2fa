/**
 * The `connector` access rule: an MIS connector's bearer secret, and nothing else, admits it; its
 * secret admits nothing else. Through the real API bundle with stub authenticators.
 */
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { z } from 'zod';
import { createApiHandler } from '../../../lib/platform/http/api-handler';
import {
  connectorPrincipal,
  establishPrincipal,
  type Authenticators,
} from '../../../lib/platform/http/access';
import { defineEndpoint, implement } from '../../../lib/platform/http/endpoint';
import { HttpProblem } from '../../../lib/platform/http/problem';

const context = { awsRequestId: 'lambda-request', functionName: 'test' } as Context;
const CONNECTOR_SECRET = 'lcn_the-one-valid-connector-secret';
const OPERATOR_TOKEN = 'lantern_op_the-one-valid-operator-token';
const SESSION = 'ls_a-live-session';
const CREDENTIAL = {
  schoolId: '00000000-0000-4000-8000-00000000000a',
  credentialId: '00000000-0000-4000-8000-00000000000c',
  label: 'Wonde nightly',
};

const presented: string[] = [];
const authenticators: Authenticators = {
  operator: (secret) =>
    Promise.resolve(secret === OPERATOR_TOKEN ? { tokenId: 't1', label: 'ops' } : undefined),
  connector: (secret) => {
    presented.push(secret);
    return Promise.resolve(secret === CONNECTOR_SECRET ? CREDENTIAL : undefined);
  },
  // Any cookie session would do: the connector rule must not look at it.
  staff: (sessionId) =>
    Promise.resolve(
      sessionId === SESSION
        ? ({
            personId: 'p-1',
            displayName: 'Pat',
            schoolId: CREDENTIAL.schoolId,
            elevated: true,
            sessionHash: 'h',
            csrfToken: 'csrf_x',
            access: {},
          } as never)
        : undefined,
    ),
  recordRefusal: () => Promise.resolve(),
};

const push = defineEndpoint({
  operationId: 'push',
  method: 'GET',
  path: '/api/push',
  summary: 'push',
  tags: ['Test'],
  access: { kind: 'connector' },
  successStatus: 200,
  response: z.object({ schoolId: z.string(), credentialId: z.string(), label: z.string() }),
});

const operatorOnly = defineEndpoint({
  operationId: 'operatorOnly',
  method: 'GET',
  path: '/api/operator-only',
  summary: 'operator',
  tags: ['Test'],
  access: { kind: 'operator' },
  successStatus: 200,
  response: z.object({ ok: z.boolean() }),
});

const staffOnly = defineEndpoint({
  operationId: 'staffOnly',
  method: 'GET',
  path: '/api/staff-only',
  summary: 'staff',
  tags: ['Test'],
  access: { kind: 'staff' },
  successStatus: 200,
  response: z.object({ ok: z.boolean() }),
});

const handler = createApiHandler(
  [
    implement(push, ({ principal }) => Promise.resolve({ body: connectorPrincipal(principal) })),
    implement(operatorOnly, () => Promise.resolve({ body: { ok: true } })),
    implement(staffOnly, () => Promise.resolve({ body: { ok: true } })),
  ],
  { maxBodyBytes: 1024, authenticators },
);

async function get(path: string, headers: Record<string, string>) {
  const event = {
    httpMethod: 'GET',
    path,
    headers,
    body: null,
    isBase64Encoded: false,
    queryStringParameters: null,
    requestContext: { requestId: 'gateway-request', identity: { sourceIp: '203.0.113.9' } },
  } as unknown as APIGatewayProxyEvent;
  const response = await handler(event, context);
  return {
    status: response.statusCode,
    challenge: response.headers?.['WWW-Authenticate'],
    json: JSON.parse(response.body || '{}') as Record<string, unknown>,
  };
}

beforeEach(() => presented.splice(0));

describe('a connector endpoint', () => {
  it('admits the connector secret and names its school, credential and label', async () => {
    const response = await get('/api/push', { Authorization: `Bearer ${CONNECTOR_SECRET}` });
    expect(response.status).toBe(200);
    expect(response.json).toEqual(CREDENTIAL);
  });

  it('refuses a request without the header with a connector challenge, asking no authenticator', async () => {
    const response = await get('/api/push', {});
    expect(response.status).toBe(401);
    expect(response.challenge).toBe('Bearer realm="lantern-connector"');
    expect(response.json.type).toBe('urn:lantern:problem:unauthenticated');
    expect(presented).toEqual([]);
  });

  it('refuses another scheme (Basic) as if no credential were sent', async () => {
    const basic = Buffer.from(`connector:${CONNECTOR_SECRET}`).toString('base64');
    const response = await get('/api/push', { Authorization: `Basic ${basic}` });
    expect(response.status).toBe(401);
    expect(response.challenge).toBe('Bearer realm="lantern-connector"');
    expect(presented).toEqual([]);
  });

  it('refuses an unknown (or revoked) secret as an invalid token', async () => {
    const response = await get('/api/push', { Authorization: 'Bearer lcn_revoked-or-never-issued' });
    expect(response.status).toBe(401);
    expect(response.challenge).toBe('Bearer realm="lantern-connector", error="invalid_token"');
    expect(presented).toEqual(['lcn_revoked-or-never-issued']);
  });

  it('refuses an operator token', async () => {
    const response = await get('/api/push', { Authorization: `Bearer ${OPERATOR_TOKEN}` });
    expect(response.status).toBe(401);
    expect(response.challenge).toContain('realm="lantern-connector"');
  });

  it('refuses a live staff session cookie', async () => {
    const response = await get('/api/push', { Cookie: `lantern_session=${SESSION}` });
    expect(response.status).toBe(401);
    expect(presented).toEqual([]);
  });
});

describe('the connector secret elsewhere', () => {
  it('does not satisfy an operator rule', async () => {
    const response = await get('/api/operator-only', { Authorization: `Bearer ${CONNECTOR_SECRET}` });
    expect(response.status).toBe(401);
    expect(response.challenge).toContain('realm="lantern-operator"');
    expect(presented).toEqual([]);
  });

  it('does not satisfy a staff rule', async () => {
    const response = await get('/api/staff-only', { Authorization: `Bearer ${CONNECTOR_SECRET}` });
    expect(response.status).toBe(401);
    expect(presented).toEqual([]);
  });
});

describe('connectorPrincipal', () => {
  it('refuses any principal that is not a connector', async () => {
    const operator = await establishPrincipal(
      { kind: 'operator' },
      'GET',
      { authorization: `Bearer ${OPERATOR_TOKEN}` },
      authenticators,
      { operationId: 'x', sourceIp: 'ip', userAgent: 'ua' },
    );
    expect(() => connectorPrincipal(operator)).toThrow(HttpProblem);
    expect(() => connectorPrincipal({ kind: 'anonymous' })).toThrow(HttpProblem);
  });
});

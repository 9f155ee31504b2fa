/**
 * The API as a client meets it: HTTP requests through the local gateway into the deployable
 * handler modules, against the DynamoDB, S3, KMS, SES, Step Functions and Scheduler stand-ins.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ALL_ENDPOINTS } from '../../../lib/platform/openapi/all-endpoints';
import { DEMO_OPERATOR_TOKEN } from '../../../local/demo-seed';
import { startApiHarness, type ApiHarness } from '../../support/api-harness';
import type { TestTable } from '../../support/test-table';

let harness: ApiHarness;
let table: TestTable;
let baseUrl: string;
const operatorHeaders = { Authorization: `Bearer ${DEMO_OPERATOR_TOKEN}` };

beforeAll(async () => {
  harness = await startApiHarness({ maxBodyBytes: 2048 });
  ({ table, baseUrl } = harness);
});

afterAll(async () => {
  await harness.close();
});

async function schoolItemCount(): Promise<number> {
  const result = await table.dynamo.send(
    new QueryCommand({
      TableName: table.tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': 'SCHOOLS' },
      Select: 'COUNT',
    }),
  );
  return result.Count ?? 0;
}

function postSchool(body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl}/api/operator/schools`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...operatorHeaders, ...headers },
    body,
  });
}

describe('health', () => {
  it('reports every dependency ok when all stand-ins answer', async () => {
    const response = await fetch(`${baseUrl}/api/health`);
    const report = (await response.json()) as {
      status: string;
      dependencies: { name: string; status: string }[];
    };
    expect(response.status).toBe(200);
    expect(report.status).toBe('ok');
    expect(report.dependencies.map((dependency) => [dependency.name, dependency.status])).toEqual([
      ['dynamodb', 'ok'],
      ['s3', 'ok'],
      ['kms', 'ok'],
      ['ses', 'ok'],
      ['stepfunctions', 'ok'],
      ['scheduler', 'ok'],
    ]);
    expect(response.headers.get('x-request-id')).toMatch(/[0-9a-f-]{36}/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('bad input gets problem+json and changes nothing', () => {
  it('answers an unknown route with 404 problem+json', async () => {
    const response = await fetch(`${baseUrl}/api/no-such-thing`);
    const problem = (await response.json()) as Record<string, unknown>;
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(problem).toMatchObject({ status: 404, title: 'Not found', instance: '/api/no-such-thing' });
    expect(problem.requestId).toEqual(response.headers.get('x-request-id'));
  });

  it('answers a wrong method with 405 and an Allow header', async () => {
    const response = await fetch(`${baseUrl}/api/health`, { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    expect(((await response.json()) as { title: string }).title).toBe('Method not allowed');
  });

  it('refuses malformed JSON with 400 naming the body', async () => {
    const before = await schoolItemCount();
    const response = await postSchool('{"urn": "990010",');
    const problem = (await response.json()) as {
      status: number;
      errors: { field: string }[];
      stack?: unknown;
    };
    expect(response.status).toBe(400);
    expect(problem.errors[0]?.field).toBe('body');
    expect(JSON.stringify(problem)).not.toMatch(/at .*\.ts:\d+/);
    expect(await schoolItemCount()).toBe(before);
  });

  it('refuses a body over the limit with 413', async () => {
    const before = await schoolItemCount();
    const response = await postSchool(JSON.stringify({ name: 'x'.repeat(4096) }));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('body');
    expect(await schoolItemCount()).toBe(before);
  });

  it('refuses a non-JSON media type with 415', async () => {
    const response = await postSchool('urn=990010', { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(415);
  });

  it('names each invalid field and reason', async () => {
    const before = await schoolItemCount();
    const response = await postSchool(
      JSON.stringify({
        urn: '12',
        laNumber: '999',
        establishmentNumber: '1',
        name: 'Hill Top',
        timeZone: 'Mars/Base',
      }),
    );
    const problem = (await response.json()) as { errors: { field: string; reason: string }[] };
    expect(response.status).toBe(400);
    expect(problem.errors.map((error) => error.field).sort()).toEqual([
      'body.establishmentNumber',
      'body.timeZone',
      'body.urn',
    ]);
    expect(problem.errors.find((error) => error.field === 'body.urn')?.reason).toContain('6-digit');
    expect(await schoolItemCount()).toBe(before);
  });
});

describe('operator-only schools', () => {
  it('refuses a request without an operator token with 401 and a challenge', async () => {
    const response = await fetch(`${baseUrl}/api/operator/schools`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
  });

  it('refuses a wrong operator token', async () => {
    const response = await fetch(`${baseUrl}/api/operator/schools`, {
      headers: { Authorization: 'Bearer lantern_op_guessed' },
    });
    expect(response.status).toBe(401);
  });

  it('creates a school, lists it, reads it, and refuses its URN a second time', async () => {
    const input = {
      urn: '990077',
      laNumber: '999',
      establishmentNumber: '7007',
      name: 'Hill Top School (test)',
    };
    const created = await postSchool(JSON.stringify(input));
    const school = (await created.json()) as { schoolId: string; dfeNumber: string; timeZone: string };
    expect(created.status).toBe(201);
    expect(school).toMatchObject({ dfeNumber: '9997007', timeZone: 'Europe/London' });

    const read = await fetch(`${baseUrl}/api/operator/schools/${school.schoolId}`, {
      headers: operatorHeaders,
    });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { name: string }).name).toBe(input.name);

    const before = await schoolItemCount();
    const duplicate = await postSchool(JSON.stringify({ ...input, name: 'Another name' }));
    expect(duplicate.status).toBe(409);
    expect(((await duplicate.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('body.urn');
    expect(await schoolItemCount()).toBe(before);

    const list = await fetch(`${baseUrl}/api/operator/schools?limit=100`, { headers: operatorHeaders });
    const names = ((await list.json()) as { items: { name: string }[] }).items.map((item) => item.name);
    expect(names).toEqual([
      'Hill Top School (test)',
      'Oakfield Primary School (demo)',
      'Riverside Academy (demo)',
    ]);
  });

  it('pages the list with a cursor and refuses a cursor from another list', async () => {
    const first = await fetch(`${baseUrl}/api/operator/schools?limit=1`, { headers: operatorHeaders });
    const page = (await first.json()) as { items: unknown[]; nextCursor: string };
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).toEqual(expect.any(String));

    const second = await fetch(`${baseUrl}/api/operator/schools?limit=1&cursor=${page.nextCursor}`, {
      headers: operatorHeaders,
    });
    const secondPage = (await second.json()) as { items: unknown[] };
    expect(secondPage.items).toHaveLength(1);
    expect(secondPage.items[0]).not.toEqual(page.items[0]);

    const forged = Buffer.from(
      JSON.stringify({ GSI1PK: 'OPERATORS', GSI1SK: 'x', PK: 'x', SK: 'x' }),
    ).toString('base64url');
    const refused = await fetch(`${baseUrl}/api/operator/schools?cursor=${forged}`, {
      headers: operatorHeaders,
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('query.cursor');
  });
});

describe('API description', () => {
  it('serves an OpenAPI 3.1 document with every operation and the problem schema', async () => {
    const response = await fetch(`${baseUrl}/api/openapi.json`);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string }>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(response.status).toBe(200);
    expect(document.openapi).toBe('3.1.0');
    const operations = Object.values(document.paths).flatMap((path) =>
      Object.values(path).map((op) => op.operationId),
    );
    expect(operations.sort()).toEqual(ALL_ENDPOINTS.map((endpoint) => endpoint.operationId).sort());
    expect(operations).toEqual(expect.arrayContaining(['createSchool', 'getHealth', 'signIn', 'getSession']));
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['Problem', 'School']));
  });
});

/**
 * MIS connector credentials (MIS-1) over HTTP: an admin with admin.imports creates, lists, rotates and
 * revokes them; the `connector` authenticator the API bundle is built with (createApiContext) accepts
 * exactly the live secrets; another school's admin cannot see or touch them; the secret is stored
 * nowhere; every change is audited. The push endpoint itself is tested with the MIS API.
 */
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { AuditLog } from '../../../lib/audit/audit-log';
import { auditActorOfConnector } from '../../../lib/audit/audit-actor';
import { auditKeys } from '../../../lib/data/keys';
import { hashToken } from '../../../lib/identity/opaque-token';
import type {
  ConnectorCredentialView,
  IssuedConnectorCredential,
} from '../../../lib/mis/connector-credential';
import { ConnectorCredentialRepository } from '../../../lib/mis/connector-credential-repository';
import { ConnectorCredentialService } from '../../../lib/mis/connector-credential-service';
import { createApiContext } from '../../../lib/platform/api-context';
import type { Authenticators } from '../../../lib/platform/http/access';
import { SchoolRepository } from '../../../lib/schools/school-repository';
import { DEMO_OPERATOR_TOKEN } from '../../../local/demo-seed';
import { startApiHarness, type ApiHarness } from '../../support/api-harness';
import { demoStaff, signInAs, signInElevated, type StaffClient } from '../../support/staff-client';

const CONNECTORS = '/api/admin/mis/connectors';

let harness: ApiHarness;
let dana: StaffClient;
let priyaAtRiverside: StaffClient;
let tom: StaffClient;
let authenticate: Authenticators['connector'];

beforeAll(async () => {
  harness = await startApiHarness();
  const schools = new SchoolRepository(harness.table.dynamo, harness.table.tableName);
  const riversideId = (await schools.findIdByUrn('990002'))!;
  [dana, priyaAtRiverside, tom] = await Promise.all([
    signInElevated(harness.baseUrl, 'dana'),
    signInElevated(harness.baseUrl, 'priya', riversideId),
    signInAs(harness.baseUrl, demoStaff('tom')),
  ]);
  // The very authenticator the API handlers are built with, over the harness's table.
  authenticate = createApiContext().handlerOptions.authenticators.connector;
}, 120_000);

afterAll(async () => {
  await harness.close();
});

async function create(label: string, client = dana): Promise<IssuedConnectorCredential> {
  const created = await client.json<IssuedConnectorCredential>('POST', CONNECTORS, { label });
  expect(created.status).toBe(201);
  return created.body;
}

async function list(client = dana): Promise<ConnectorCredentialView[]> {
  const listed = await client.json<{ items: ConnectorCredentialView[] }>('GET', CONNECTORS);
  expect(listed.status).toBe(200);
  return listed.body.items;
}

async function allItems(): Promise<Record<string, unknown>[]> {
  // A Scan, in the test only: proving the secret is nowhere in the table needs every item.
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await harness.table.dynamo.send(
      new ScanCommand({ TableName: harness.table.tableName, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

async function schoolAudit(schoolId: string) {
  const result = await harness.table.dynamo.send(
    new QueryCommand({
      TableName: harness.table.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': auditKeys.schoolPartition(schoolId) },
    }),
  );
  return (result.Items ?? []).filter((item) => String(item.action).startsWith('mis.connector.'));
}

it('creates a credential whose secret, shown once, authenticates as this school', async () => {
  const issued = await create('Wonde nightly');
  expect(issued.secret).toMatch(/^lcn_[A-Za-z0-9_-]{43}$/);
  expect(issued.schoolId).toBe(dana.schoolId);
  expect(issued.pushPath).toBe(`/api/mis/schools/${dana.schoolId}/extracts`);
  expect(issued.credential).toMatchObject({ label: 'Wonde nightly', createdByName: 'Dana Shah' });

  expect(await authenticate(issued.secret)).toEqual({
    schoolId: dana.schoolId,
    credentialId: issued.credential.credentialId,
    label: 'Wonde nightly',
  });
  // Neither a near miss nor an operator token is a connector credential.
  expect(await authenticate(`${issued.secret.slice(0, -1)}A`)).toBeUndefined();
  expect(await authenticate(DEMO_OPERATOR_TOKEN)).toBeUndefined();
});

it('lists label, creation and last use, and never the secret or its hash, in the list or the table', async () => {
  const issued = await create('Script on the office PC');
  await authenticate(issued.secret);
  const listed = await dana.request('GET', CONNECTORS);
  const text = await listed.text();
  const mine = (JSON.parse(text) as { items: ConnectorCredentialView[] }).items.find(
    (item) => item.credentialId === issued.credential.credentialId,
  );
  expect(mine).toEqual({
    credentialId: issued.credential.credentialId,
    label: 'Script on the office PC',
    createdAt: issued.credential.createdAt,
    createdByName: 'Dana Shah',
    lastUsedAt: expect.any(String) as string,
  });
  expect(text).not.toContain(issued.secret);
  expect(text).not.toContain(hashToken(issued.secret));

  const stored = JSON.stringify(await allItems());
  expect(stored).toContain(hashToken(issued.secret));
  expect(stored).not.toContain(issued.secret);
  expect(stored).not.toContain(issued.secret.slice(4));
});

it('records a use at most once an hour', async () => {
  const issued = await create('Hourly check');
  let now = new Date('2030-01-01T09:00:00.000Z');
  const service = new ConnectorCredentialService({
    repository: new ConnectorCredentialRepository(harness.table.dynamo, harness.table.tableName),
    audit: new AuditLog(harness.table.dynamo, harness.table.tableName),
    now: () => now,
  });
  const lastUsed = async () =>
    (await list()).find((item) => item.credentialId === issued.credential.credentialId)?.lastUsedAt;

  await service.verify(issued.secret);
  expect(await lastUsed()).toBe('2030-01-01T09:00:00.000Z');
  now = new Date('2030-01-01T09:59:00.000Z');
  await service.verify(issued.secret);
  expect(await lastUsed()).toBe('2030-01-01T09:00:00.000Z');
  now = new Date('2030-01-01T10:01:00.000Z');
  await service.verify(issued.secret);
  expect(await lastUsed()).toBe('2030-01-01T10:01:00.000Z');
});

it('rotates: the new secret works at once, the old one no longer does; id and label stay', async () => {
  const issued = await create('Arbor sync');
  const rotated = await dana.json<IssuedConnectorCredential>(
    'POST',
    `${CONNECTORS}/${issued.credential.credentialId}/rotate`,
  );
  expect(rotated.status).toBe(200);
  expect(rotated.body.secret).not.toBe(issued.secret);
  expect(rotated.body.credential).toMatchObject({
    credentialId: issued.credential.credentialId,
    label: 'Arbor sync',
    createdAt: issued.credential.createdAt,
    rotatedAt: expect.any(String) as string,
  });
  expect(rotated.body.pushPath).toBe(issued.pushPath);

  expect(await authenticate(issued.secret)).toBeUndefined();
  expect(await authenticate(rotated.body.secret)).toMatchObject({
    credentialId: issued.credential.credentialId,
  });
  const listed = (await list()).filter((item) => item.credentialId === issued.credential.credentialId);
  expect(listed).toHaveLength(1);
  expect(listed[0]?.lastUsedAt).toBeDefined();
});

it('revokes: the secret stops working and the credential leaves the list; a second revoke is 404', async () => {
  const issued = await create('Old connector');
  const path = `${CONNECTORS}/${issued.credential.credentialId}`;
  expect((await dana.request('DELETE', path)).status).toBe(204);
  expect(await authenticate(issued.secret)).toBeUndefined();
  expect((await list()).map((item) => item.credentialId)).not.toContain(issued.credential.credentialId);
  expect((await dana.request('DELETE', path)).status).toBe(404);
  expect((await dana.request('POST', `${path}/rotate`)).status).toBe(404);
});

it("keeps each school's credentials to itself", async () => {
  const oakfield = await create('Oakfield only');
  const riverside = await create('Riverside nightly', priyaAtRiverside);
  expect(riverside.schoolId).toBe(priyaAtRiverside.schoolId);
  expect(await authenticate(riverside.secret)).toMatchObject({ schoolId: priyaAtRiverside.schoolId });

  const seenAtRiverside = (await list(priyaAtRiverside)).map((item) => item.credentialId);
  expect(seenAtRiverside).toEqual([riverside.credential.credentialId]);
  expect((await list()).map((item) => item.credentialId)).not.toContain(riverside.credential.credentialId);

  const path = `${CONNECTORS}/${oakfield.credential.credentialId}`;
  const rotate = await priyaAtRiverside.request('POST', `${path}/rotate`);
  expect(rotate.status).toBe(404);
  expect((await priyaAtRiverside.request('DELETE', path)).status).toBe(404);
  expect(await authenticate(oakfield.secret)).toMatchObject({ schoolId: dana.schoolId });
});

it('refuses a bad label, naming the field, and creates nothing', async () => {
  const before = await list();
  for (const body of [{ label: '   ' }, { label: 'x'.repeat(101) }, {}, { label: 'ok', schoolId: 'x' }]) {
    const refused = await dana.json<{ errors: { field: string }[] }>('POST', CONNECTORS, body);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]?.field).toMatch(/^body/);
  }
  expect(await list()).toEqual(before);
});

it('is for admins with admin.imports only', async () => {
  expect((await tom.request('GET', CONNECTORS)).status).toBe(403);
  expect((await tom.request('POST', CONNECTORS, { label: 'Sneaky' })).status).toBe(403);
});

it('audits every create, rotate and revoke at school level, naming the credential and label', async () => {
  const issued = await create('Audited connector');
  const id = issued.credential.credentialId;
  await dana.request('POST', `${CONNECTORS}/${id}/rotate`);
  await dana.request('DELETE', `${CONNECTORS}/${id}`);
  const events = (await schoolAudit(dana.schoolId)).filter((event) => event.resourceId === id);
  expect(events.map((event) => String(event.action)).sort()).toEqual([
    'mis.connector.create',
    'mis.connector.revoke',
    'mis.connector.rotate',
  ]);
  for (const event of events) {
    expect(event).toMatchObject({
      resourceType: 'mis-connector',
      actorPersonId: dana.personId,
      detail: 'label "Audited connector"',
    });
  }
  expect(JSON.stringify(events)).not.toContain(issued.secret);
});

it('audits a connector as connector:<credentialId>, with its own trail', async () => {
  const issued = await create('Pushes audited');
  const audit = new AuditLog(harness.table.dynamo, harness.table.tableName);
  const principal = { kind: 'connector' as const, ...(await authenticate(issued.secret))! };
  const event = await audit.record(
    auditActorOfConnector(principal, { sourceIp: '198.51.100.1', userAgent: 'wonde', requestId: 'r-1' }),
    // Any action will do here: the push's own action comes with the push API.
    { action: 'settings.update', resourceType: 'mis-extract', resourceId: 'extract-1' },
  );
  expect(event.actorPersonId).toBe(`connector:${issued.credential.credentialId}`);
  expect(event.actorName).toBe('MIS connector "Pushes audited"');
  const trail = await audit.forActor(dana.schoolId, `connector:${issued.credential.credentialId}`, 10);
  expect(trail.items.map((item) => item.eventId)).toEqual([event.eventId]);
});

/**
 * The MIS API as a connector and an admin meet it, through the local gateway and the real handler
 * modules: pushing each format, every bad-input case the connector can cause (nothing stored changes),
 * a large extract through a presigned upload, "run now" making a one-off schedule whose input the
 * import task runs, the import log, and the dashboard's health light.
 */
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { GetScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import type { Context } from 'aws-lambda';
import { pupilKeys } from '../../../lib/data/keys';
import type { IssuedConnectorCredential } from '../../../lib/mis/connector-credential';
import { LANTERN_EXTRACT_FORMAT, type MisExtract } from '../../../lib/mis/mis-extract';
import { pupilIdFor } from '../../../lib/mis/pupil-plan';
import { nightlyScheduleName } from '../../../lib/mis/import-scheduler';
import { SchoolRepository } from '../../../lib/schools/school-repository';
import { DEMO_OPERATOR_TOKEN } from '../../../local/demo-seed';
import { LOCAL_EXTRACTS_BUCKET, LOCAL_SCHEDULE_GROUP } from '../../../local/local-environment';
import { startApiHarness, type ApiHarness } from '../../support/api-harness';
import { signInAs, demoStaff, signInElevated, type StaffClient } from '../../support/staff-client';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';

let harness: ApiHarness;
let dana: StaffClient;
let tom: StaffClient;
let oakfieldId: string;
let riversideId: string;
let oakfieldSecret: string;
let riversideSecret: string;

const UPNS = ['B801200005001', 'Q801200005002', 'E801200005003'];

function extract(surname = 'Adeyemi'): MisExtract {
  return {
    format: LANTERN_EXTRACT_FORMAT,
    generatedAt: '2026-11-22T01:30:00Z',
    complete: false,
    groups: [{ id: 'T-9Q', name: '9Q', kind: 'tutor' }],
    pupils: UPNS.map((upn, index) => ({
      id: `push-${index}`,
      upn,
      legalForename: ['Kemi', 'Oliver', 'Saanvi'][index]!,
      legalSurname: surname,
      dateOfBirth: '2011-10-1' + String(index),
      gender: 'F' as const,
      groupIds: ['T-9Q'],
      contacts: [],
      siblingIds: [],
      attendance: [],
    })),
    staff: [],
  };
}

async function push(
  body: string | Buffer,
  options: { secret?: string; schoolId?: string; contentType?: string; format?: string } = {},
) {
  const query = options.format ? `?format=${options.format}` : '';
  const response = await fetch(
    `${harness.baseUrl}/api/mis/schools/${options.schoolId ?? oakfieldId}/extracts${query}`,
    {
      method: 'POST',
      headers: {
        ...(options.secret === '' ? {} : { authorization: `Bearer ${options.secret ?? oakfieldSecret}` }),
        'content-type': options.contentType ?? 'application/json',
      },
      body,
    },
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function importLog(client = dana) {
  const log = await client.json<{ items: { importId: string; status: string }[] }>(
    'GET',
    '/api/admin/mis/imports',
  );
  expect(log.status).toBe(200);
  return log.body.items;
}

/** Runs the import task exactly as the schedule's target would, with the schedule's own input. */
async function runScheduledImport(input: string): Promise<unknown> {
  const { handler } = await import('../../../lambdas/mis/mis-import-task-handler');
  return handler(
    JSON.parse(input) as unknown,
    { awsRequestId: 'it', functionName: 'lantern-misImport' } as Context,
  );
}

beforeAll(async () => {
  harness = await startApiHarness();
  await new S3Client({ forcePathStyle: true })
    .send(new CreateBucketCommand({ Bucket: LOCAL_EXTRACTS_BUCKET }))
    .catch((error: Error) => {
      if (!/BucketAlready/.test(error.name)) throw error;
    });
  const schools = new SchoolRepository(harness.table.dynamo, harness.table.tableName);
  oakfieldId = (await schools.findIdByUrn('990001'))!;
  riversideId = (await schools.findIdByUrn('990002'))!;
  const priya = await signInElevated(harness.baseUrl, 'priya', riversideId);
  [dana, tom] = await Promise.all([
    signInElevated(harness.baseUrl, 'dana'),
    signInAs(harness.baseUrl, demoStaff('tom')),
  ]);
  const issue = async (client: StaffClient) => {
    const created = await client.json<IssuedConnectorCredential>('POST', '/api/admin/mis/connectors', {
      label: 'Nightly',
    });
    expect(created.status).toBe(201);
    return created.body.secret;
  };
  [oakfieldSecret, riversideSecret] = await Promise.all([issue(dana), issue(priya)]);
}, 120_000);

afterAll(async () => {
  await harness.close();
});

describe('pushing an extract', () => {
  it('accepts Lantern JSON, says what it holds, audits the push and puts the school on the nightly schedule', async () => {
    const pushed = await push(JSON.stringify(extract()));
    expect(pushed.status).toBe(202);
    expect(pushed.body).toMatchObject({
      status: 'received',
      format: 'lantern',
      structurallyValid: true,
      counts: { pupils: 3, staff: 0, groups: 1 },
      rowProblemCount: 0,
    });
    const importId = String(pushed.body.importId);
    expect(pushed.body.statusPath).toBe(`/api/mis/schools/${oakfieldId}/imports/${importId}`);

    const nightly = await new SchedulerClient({}).send(
      new GetScheduleCommand({ Name: nightlyScheduleName(oakfieldId), GroupName: LOCAL_SCHEDULE_GROUP }),
    );
    expect(nightly.ScheduleExpression).toBe('cron(0 2 * * ? *)');
    expect(nightly.ScheduleExpressionTimezone).toBe('Europe/London');
    expect(JSON.parse(nightly.Target?.Input ?? '{}')).toEqual({ schoolId: oakfieldId, trigger: 'schedule' });

    const audit = await harness.table.dynamo.send(
      new QueryCommand({
        TableName: harness.table.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `SCHOOL#${oakfieldId}#AUDIT` },
      }),
    );
    expect(
      audit.Items?.some((item) => item.action === 'mis.extract.push' && item.resourceId === importId),
    ).toBe(true);
  });

  it('accepts a Wonde-shaped JSON and a CTF XML', async () => {
    const wonde = {
      data: [
        {
          id: 'A1234',
          upi: 'x',
          forename: 'Lily',
          surname: 'Chen',
          legal_forename: 'Lily',
          legal_surname: 'Chen',
          gender: 'F',
          date_of_birth: { date: '2012-03-04 00:00:00.000000' },
          education_details: { data: { upn: 'E801200005003', current_nc_year: '8' } },
        },
      ],
    };
    const wondePush = await push(JSON.stringify(wonde), { format: 'wonde' });
    expect(wondePush.status).toBe(202);
    expect(wondePush.body).toMatchObject({ format: 'wonde', counts: { pupils: 1 } });

    const ctf = `<?xml version="1.0" encoding="UTF-8"?>
<CTfile><Header><DocumentName>Common Transfer File</DocumentName><CTFversion>24.0</CTFversion><DateTime>2026-11-20T10:00:00</DateTime></Header>
<CTFpupilData><Pupil><UPN>Q801200005002</UPN><Surname>Nowak</Surname><Forename>Jan</Forename><DOB>2012-05-06</DOB><Gender>M</Gender>
<BasicDetails><NCyearActual>8</NCyearActual></BasicDetails></Pupil></CTFpupilData></CTfile>`;
    const ctfPush = await push(ctf, { contentType: 'application/xml' });
    expect(ctfPush.status).toBe(202);
    expect(ctfPush.body).toMatchObject({ format: 'ctf', counts: { pupils: 1 } });
  });

  it('reports duplicate UPNs, bad check letters and impossible dates row by row, and still accepts the extract', async () => {
    const bad = extract();
    bad.pupils[1] = { ...bad.pupils[1]!, upn: UPNS[0] };
    bad.pupils[2] = { ...bad.pupils[2]!, upn: 'A801200005003' };
    bad.pupils.push({ ...bad.pupils[2], id: 'push-3', upn: 'X801200005006', dateOfBirth: '2011-02-30' });
    const pushed = await push(JSON.stringify(bad));
    expect(pushed.status).toBe(202);
    const problems = pushed.body.rowProblems as {
      row: number;
      field: string;
      reason: string;
      severity: string;
    }[];
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 1, field: 'upn', severity: 'error' }),
        expect.objectContaining({ row: 2, field: 'upn', severity: 'error' }),
        expect.objectContaining({ row: 3, field: 'upn', severity: 'error' }),
        expect.objectContaining({ row: 4, field: 'dateOfBirth', severity: 'error' }),
      ]),
    );
  });

  it.each([
    ['malformed JSON', '{"format": "lantern-mis-extract/1", "pupils": [', 'application/json', 'body'],
    ['malformed XML', '<CTfile><Header></CTfile>', 'application/xml', 'body'],
    ['an unknown format', JSON.stringify({ hello: 'world' }), 'application/json', 'body'],
  ])(
    'rejects %s with a 400 naming the field, logs it as rejected, and changes nothing',
    async (_what, body, contentType, field) => {
      const before = (await importLog()).length;
      const pushed = await push(body, { contentType });
      expect(pushed.status).toBe(400);
      expect(pushed.body.type).toBe('urn:lantern:problem:validation');
      expect((pushed.body.errors as { field: string }[])[0]?.field).toMatch(new RegExp(`^${field}`));
      expect(String(pushed.body.detail)).toMatch(/not accepted \(import [0-9a-f-]{36}\)/);
      const log = await importLog();
      expect(log).toHaveLength(before + 1);
      expect(log[0]?.status).toBe('rejected');
    },
  );

  it('refuses a missing or wrong credential (401), another school’s credential (403), another media type (415) and an oversized body (413)', async () => {
    expect((await push(JSON.stringify(extract()), { secret: '' })).status).toBe(401);
    expect((await push(JSON.stringify(extract()), { secret: 'lcn_not-a-real-secret' })).status).toBe(401);
    expect((await push(JSON.stringify(extract()), { secret: DEMO_OPERATOR_TOKEN })).status).toBe(401);
    const crossed = await push(JSON.stringify(extract()), { secret: riversideSecret, schoolId: oakfieldId });
    expect(crossed.status).toBe(403);
    expect((await push('a,b,c', { contentType: 'text/csv' })).status).toBe(415);
    const huge = Buffer.alloc(5 * 1024 * 1024, 0x20);
    expect((await push(huge)).status).toBe(413);
  });
});

describe('a large extract through a presigned upload', () => {
  it('uploads straight to storage, then completes (safely twice)', async () => {
    const started = await fetch(`${harness.baseUrl}/api/mis/schools/${oakfieldId}/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${oakfieldSecret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ contentType: 'application/json' }),
    });
    expect(started.status).toBe(201);
    const upload = (await started.json()) as {
      importId: string;
      url: string;
      headers: Record<string, string>;
      completePath: string;
    };
    const early = await fetch(`${harness.baseUrl}${upload.completePath}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${oakfieldSecret}` },
    });
    expect(early.status).toBe(404);
    const put = await fetch(upload.url, {
      method: 'PUT',
      headers: upload.headers,
      body: JSON.stringify(extract()),
    });
    expect(put.status).toBe(200);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const completed = await fetch(`${harness.baseUrl}${upload.completePath}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${oakfieldSecret}` },
      });
      expect(completed.status).toBe(202);
      expect(await completed.json()).toMatchObject({
        importId: upload.importId,
        status: 'received',
        format: 'lantern',
      });
    }
  });
});

describe('running the import', () => {
  it('"run now" makes a one-off schedule; its input applies the newest extract and the pupils appear', async () => {
    expect((await push(JSON.stringify(extract('Okonkwo')))).status).toBe(202);
    expect((await tom.json('POST', '/api/admin/mis/imports/run')).status).toBe(403);
    const run = await dana.json<{ importId: string; startsAt: string }>('POST', '/api/admin/mis/imports/run');
    expect(run.status).toBe(202);
    const name = `mis-run-${oakfieldId}-${Date.parse(run.body.startsAt) / 1000}`;
    const schedule = await new SchedulerClient({}).send(
      new GetScheduleCommand({ Name: name, GroupName: LOCAL_SCHEDULE_GROUP }),
    );
    expect(schedule.ScheduleExpression).toBe(`at(${run.body.startsAt.slice(0, 19)})`);
    expect(schedule.ActionAfterCompletion).toBe('DELETE');

    // The import task then takes the roll changes for the transfer detector (nothing matches here).
    expect(await runScheduledImport(schedule.Target?.Input ?? '')).toEqual({
      outcome: 'applied',
      detection: { changesTaken: 1, detected: 0, deferred: 0, obsolete: 0 },
    });
    const applied = await dana.json<{ status: string; counts: { pupilsAdded: number } }>(
      'GET',
      `/api/admin/mis/imports/${run.body.importId}`,
    );
    expect(applied.body).toMatchObject({ status: 'applied', counts: { pupilsAdded: 3 } });
    const profile = await harness.table.dynamo.send(
      new GetCommand({
        TableName: harness.table.tableName,
        Key: pupilKeys.profile(oakfieldId, pupilIdFor(oakfieldId, 'push-0')),
      }),
    );
    expect(profile.Item).toMatchObject({ legalSurname: 'Okonkwo', source: 'mis', tutorGroup: '9Q' });

    const connectorView = await fetch(
      `${harness.baseUrl}/api/mis/schools/${oakfieldId}/imports/${run.body.importId}`,
      {
        headers: { authorization: `Bearer ${oakfieldSecret}` },
      },
    );
    expect(await connectorView.json()).toMatchObject({ status: 'applied' });
    const health = await tom.json<{ light: string; lastSuccessAt: string }>(
      'GET',
      '/api/dashboard/mis-health',
    );
    expect(health.body.light).toBe('green');
    // The extracts received earlier and never applied are marked so in the log.
    expect((await importLog()).some((item) => item.status === 'superseded')).toBe(true);
  });

  it('shows a red light to a school that has never imported, and refuses "run now" with nothing to apply', async () => {
    const priya = await signInElevated(harness.baseUrl, 'priya', riversideId);
    const health = await priya.json<{ light: string }>('GET', '/api/dashboard/mis-health');
    expect(health.body.light).toBe('red');
    const run = await priya.json('POST', '/api/admin/mis/imports/run');
    expect(run.status).toBe(409);
  });
});

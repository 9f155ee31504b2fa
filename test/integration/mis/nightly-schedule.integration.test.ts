/**
 * The school's nightly import time (issue 5 part 3), through the local gateway and the real handler:
 * an admin moves the nightly import and the Scheduler stand-in's schedule moves with it, in the
 * school's own time zone; a time that is not one is refused naming the field, with the schedule
 * unchanged; a teacher may not; and a time set before the first extract is the one that extract uses.
 * Also that `/imports/schedule` reaches its endpoint, not `/imports/{importId}`.
 */
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { GetScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { IssuedConnectorCredential } from '../../../lib/mis/connector-credential';
import { nightlyScheduleName } from '../../../lib/mis/import-scheduler';
import { LANTERN_EXTRACT_FORMAT, type MisExtract } from '../../../lib/mis/mis-extract';
import { SchoolRepository } from '../../../lib/schools/school-repository';
import { LOCAL_EXTRACTS_BUCKET, LOCAL_SCHEDULE_GROUP } from '../../../local/local-environment';
import { startApiHarness, type ApiHarness } from '../../support/api-harness';
import { demoStaff, signInAs, signInElevated, type StaffClient } from '../../support/staff-client';

let harness: ApiHarness;
let dana: StaffClient;
let tom: StaffClient;
let priya: StaffClient;
let oakfieldId: string;
let riversideId: string;

const PATH = '/api/admin/mis/imports/schedule';

interface ScheduleState {
  nightlyAt: string;
  timeZone: string;
  scheduled: boolean;
}

async function nightlySchedule(schoolId: string) {
  return new SchedulerClient({}).send(
    new GetScheduleCommand({ Name: nightlyScheduleName(schoolId), GroupName: LOCAL_SCHEDULE_GROUP }),
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
  [dana, tom, priya] = await Promise.all([
    signInElevated(harness.baseUrl, 'dana'),
    signInAs(harness.baseUrl, demoStaff('tom')),
    signInElevated(harness.baseUrl, 'priya', riversideId),
  ]);
}, 120_000);

afterAll(async () => {
  await harness.close();
});

describe('the nightly import time', () => {
  it('is 02:00 in the school time zone, not yet scheduled, before anything is set (GET reaches the schedule, not an import)', async () => {
    const read = await dana.json<ScheduleState>('GET', PATH);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ nightlyAt: '02:00', timeZone: 'Europe/London', scheduled: false });
  });

  it('moves the schedule to 06:30 in the school time zone, audited, and says so', async () => {
    const set = await dana.json<{ nightlyAt: string; timeZone: string }>('PUT', PATH, { nightlyAt: '06:30' });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ nightlyAt: '06:30', timeZone: 'Europe/London' });

    const schedule = await nightlySchedule(oakfieldId);
    expect(schedule.ScheduleExpression).toBe('cron(30 6 * * ? *)');
    expect(schedule.ScheduleExpressionTimezone).toBe('Europe/London');
    expect(JSON.parse(schedule.Target?.Input ?? '{}')).toEqual({ schoolId: oakfieldId, trigger: 'schedule' });

    // A retry is safe: the same answer and the same schedule (an update, not a second one).
    const again = await dana.json('PUT', PATH, { nightlyAt: '06:30' });
    expect(again.status).toBe(200);
    expect((await nightlySchedule(oakfieldId)).ScheduleExpression).toBe('cron(30 6 * * ? *)');

    const read = await dana.json<ScheduleState>('GET', PATH);
    expect(read.body).toEqual({ nightlyAt: '06:30', timeZone: 'Europe/London', scheduled: true });

    const audit = await harness.table.dynamo.send(
      new QueryCommand({
        TableName: harness.table.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `SCHOOL#${oakfieldId}#AUDIT` },
      }),
    );
    expect(audit.Items?.filter((item) => item.action === 'mis.import.schedule')).toHaveLength(2);
  });

  it.each(['25:00', '6:30', '12:60', 'two'])(
    'refuses %s naming body.nightlyAt, leaving the schedule as it was',
    async (nightlyAt) => {
      const refused = await dana.json<{ errors: { field: string; reason: string }[] }>('PUT', PATH, {
        nightlyAt,
      });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([
        { field: 'body.nightlyAt', reason: 'must be a time like 02:00, from 00:00 to 23:59' },
      ]);
      expect((await nightlySchedule(oakfieldId)).ScheduleExpression).toBe('cron(30 6 * * ? *)');
      expect((await dana.json<ScheduleState>('GET', PATH)).body.nightlyAt).toBe('06:30');
    },
  );

  it('is not for a teacher', async () => {
    expect((await tom.json('GET', PATH)).status).toBe(403);
    expect((await tom.json('PUT', PATH, { nightlyAt: '03:00' })).status).toBe(403);
    expect((await nightlySchedule(oakfieldId)).ScheduleExpression).toBe('cron(30 6 * * ? *)');
  });

  it("stays at the time set before a school's first extract when that extract arrives", async () => {
    // Riverside has neither a schedule nor an extract: set the time, then a connector pushes.
    expect((await priya.json('PUT', PATH, { nightlyAt: '23:45' })).status).toBe(200);
    const created = await priya.json<IssuedConnectorCredential>('POST', '/api/admin/mis/connectors', {
      label: 'Nightly',
    });
    expect(created.status).toBe(201);
    const extract: MisExtract = {
      format: LANTERN_EXTRACT_FORMAT,
      generatedAt: '2026-11-22T01:30:00Z',
      complete: false,
      groups: [],
      pupils: [],
      staff: [],
    };
    const pushed = await fetch(`${harness.baseUrl}/api/mis/schools/${riversideId}/extracts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${created.body.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify(extract),
    });
    expect(pushed.status).toBe(202);
    const schedule = await nightlySchedule(riversideId);
    expect(schedule.ScheduleExpression).toBe('cron(45 23 * * ? *)');
    expect((await priya.json<ScheduleState>('GET', PATH)).body).toMatchObject({
      nightlyAt: '23:45',
      scheduled: true,
    });
  });
});

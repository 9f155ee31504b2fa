/**
 * Training mode over HTTP (REC-11): while it is on, new incidents and actions are marked and listed;
 * switching it off needs the school's name, keeps what the admin ticks as ordinary records and removes
 * every item of the rest, a few incidents per request, safely repeated.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { AlertInbox } from '../../../lib/alerts/alert-inbox';
import { AuditLog } from '../../../lib/audit/audit-log';
import { SchoolSettingsRepository } from '../../../lib/access/access-repositories';
import type { Category } from '../../../lib/categories/category';
import { categoryKeys, chronologyKeys, incidentKeys, pupilKeys } from '../../../lib/data/keys';
import { SchoolRepository } from '../../../lib/schools/school-repository';
import { TrainingRecords } from '../../../lib/training/training-records';
import { TrainingService } from '../../../lib/training/training-service';
import { startApiHarness, type ApiHarness } from '../../support/api-harness';
import { demoStaff, signInAs, signInElevated, type StaffClient } from '../../support/staff-client';
import {
  actionBody,
  addPupil,
  categoriesOf,
  incidentBody,
  type Problem,
} from '../incidents/incident-test-support';

interface Status {
  trainingMode: boolean;
  schoolName: string;
  entries: { incidentId: string; actionId?: string }[];
}
interface ChronologyPage {
  items: { incidentId: string; training: boolean; actions: { actionId: string; training: boolean }[] }[];
}

const SCHOOL_NAME = 'Oakfield Primary School (demo)';

let harness: ApiHarness;
let dana: StaffClient;
let tom: StaffClient;
let category: (name: string, parent?: string) => Category;
let hannah: string;
let matthew: string;

beforeAll(async () => {
  harness = await startApiHarness();
  [dana, tom] = await Promise.all([
    signInElevated(harness.baseUrl, 'dana'),
    signInAs(harness.baseUrl, demoStaff('tom')),
  ]);
  category = await categoriesOf(harness.table, dana.schoolId);
  hannah = await addPupil(harness.table, dana.schoolId, 'Hannah', 'Greenwood');
  matthew = await addPupil(harness.table, dana.schoolId, 'Matthew', 'Greenwood');
}, 120_000);

afterAll(async () => {
  await harness.close();
});

async function chronology(pupilId: string): Promise<ChronologyPage> {
  const page = await dana.json<ChronologyPage>('GET', `/api/chronology/${pupilId}?limit=100`);
  expect(page.status).toBe(200);
  return page.body;
}

async function partition(pk: string): Promise<Record<string, unknown>[]> {
  const result = await harness.table.dynamo.send(
    new QueryCommand({
      TableName: harness.table.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': pk },
    }),
  );
  return result.Items ?? [];
}

async function add(client: StaffClient, body: ReturnType<typeof incidentBody>) {
  const added = await client.json<{ number: number }>('POST', '/api/incidents', body);
  expect(added.status).toBe(201);
  return { incidentId: body.incidentId, number: added.body.number };
}

it('marks, lists, and on finishing keeps the ticked incidents and removes every item of the rest', async () => {
  const real = await add(tom, incidentBody(hannah, [category('Behaviour').categoryId]));

  const started = await dana.json<Status>('POST', '/api/admin/training/start');
  expect(started.status).toBe(200);
  expect(started.body).toMatchObject({ trainingMode: true, schoolName: SCHOOL_NAME, entries: [] });
  expect(await tom.json('GET', '/api/dashboard/training-mode')).toEqual({
    status: 200,
    body: { trainingMode: true },
  });
  // Saving the settings form (sent back as read, or with the flag off) never switches it off.
  const settings = await dana.json<Record<string, unknown>>('GET', '/api/admin/settings');
  const { schoolId: _school, updatedAt: _updated, ...input } = settings.body;
  expect((await dana.json('PUT', '/api/admin/settings', { ...input, trainingMode: false })).status).toBe(200);
  expect(
    (await tom.json<{ trainingMode: boolean }>('GET', '/api/dashboard/training-mode')).body.trainingMode,
  ).toBe(true);

  const practice = await add(
    tom,
    incidentBody(hannah, [category('Bullying').categoryId], {
      linkedPupils: [{ pupilId: matthew, role: 'witness', categoryIds: [category('Behaviour').categoryId] }],
      alerts: { personIds: [dana.personId], alertGroupIds: [] },
      assignedTo: dana.personId,
    }),
  );
  const keeper = await add(tom, incidentBody(matthew, [category('Behaviour').categoryId]));
  const practiceAction = actionBody(hannah);
  expect(
    (await dana.json('POST', `/api/incidents/${practice.incidentId}/actions`, practiceAction)).status,
  ).toBe(201);
  const realAction = actionBody(hannah);
  expect((await dana.json('POST', `/api/incidents/${real.incidentId}/actions`, realAction)).status).toBe(201);

  // Pinned for the practice too: the pin must go with the incident.
  expect(
    (
      await dana.json('POST', `/api/incidents/${practice.incidentId}/pin`, {
        pupilId: hannah,
        pinned: true,
      })
    ).status,
  ).toBe(200);

  // Marked in the chronology, and listed for review (incidents, each followed by its actions).
  const before = await chronology(hannah);
  expect(before.items.find((item) => item.incidentId === practice.incidentId)?.training).toBe(true);
  const realBefore = before.items.find((item) => item.incidentId === real.incidentId);
  expect(realBefore?.training).toBe(false);
  expect(realBefore?.actions.find((action) => action.actionId === realAction.actionId)?.training).toBe(true);
  const review = await dana.json<Status>('GET', '/api/admin/training');
  expect(review.body.entries).toHaveLength(4);
  expect(
    review.body.entries
      .filter((entry) => entry.actionId === undefined)
      .map((e) => e.incidentId)
      .sort(),
  ).toEqual([practice.incidentId, keeper.incidentId].sort());

  // The wrong name changes nothing.
  const wrong = await dana.json<Problem>('POST', '/api/admin/training/finish', {
    schoolName: 'Oakfield',
    keepIncidentIds: [keeper.incidentId],
  });
  expect(wrong.status).toBe(400);
  expect(wrong.body.errors?.[0]?.field).toBe('body.schoolName');
  expect((await dana.json<Status>('GET', '/api/admin/training')).body).toMatchObject({
    trainingMode: true,
    entries: review.body.entries,
  });
  // Only admins may finish.
  expect(
    (
      await tom.request('POST', '/api/admin/training/finish', {
        schoolName: SCHOOL_NAME,
        keepIncidentIds: [],
      })
    ).status,
  ).toBe(403);

  const finished = await dana.json<{ finished: boolean; kept: number; discarded: number; remaining: number }>(
    'POST',
    '/api/admin/training/finish',
    { schoolName: `  ${SCHOOL_NAME.toUpperCase()} `, keepIncidentIds: [keeper.incidentId] },
  );
  expect(finished).toEqual({ status: 200, body: { finished: true, kept: 1, discarded: 2, remaining: 0 } });
  expect(await tom.json('GET', '/api/dashboard/training-mode')).toEqual({
    status: 200,
    body: { trainingMode: false },
  });
  expect((await dana.json<Status>('GET', '/api/admin/training')).body.entries).toEqual([]);

  // The discarded incident is gone from everywhere it was written.
  expect(await partition(incidentKeys.partition(dana.schoolId, practice.incidentId))).toEqual([]);
  const hannahs = await chronology(hannah);
  const matthews = await chronology(matthew);
  expect(hannahs.items.map((item) => item.incidentId)).toEqual([real.incidentId]);
  const pinKey = chronologyKeys.pin(dana.schoolId, hannah, practice.incidentId);
  const hannahsItems = await partition(pupilKeys.partition(dana.schoolId, hannah));
  expect(hannahsItems.filter((item) => item.SK === pinKey.SK)).toEqual([]);
  expect(matthews.items.map((item) => item.incidentId)).toEqual([keeper.incidentId]);
  const uses = await partition(categoryKeys.usesPartition(dana.schoolId, category('Bullying').categoryId));
  expect(uses.filter((use) => use.SK === `INCIDENT#${practice.incidentId}`)).toEqual([]);
  const inbox = new AlertInbox(harness.table.dynamo, harness.table.tableName);
  expect(await inbox.get(dana.schoolId, dana.personId, practice.incidentId)).toBeUndefined();
  const dash = await dana.json<{ alerts: { incidentId: string }[]; assigned?: { incidentId: string }[] }>(
    'GET',
    '/api/dashboard',
  );
  expect(JSON.stringify(dash.body)).not.toContain(practice.incidentId);
  const number = await partition(`SCHOOL#${dana.schoolId}`);
  expect(
    number.filter((item) => item.SK === `INCIDENT_NUMBER#${String(practice.number).padStart(10, '0')}`),
  ).toEqual([]);

  // The kept one is ordinary now; the real incident stays, without the training action.
  expect(matthews.items[0]?.training).toBe(false);
  expect(hannahs.items[0]?.actions.map((action) => action.actionId)).not.toContain(realAction.actionId);
  const opened = await dana.request('GET', `/api/incidents/${practice.incidentId}?pupilId=${hannah}`);
  expect(opened.status).toBe(404);
});

it('works through a big list a few incidents per request, and a repeat is harmless', async () => {
  const records = new TrainingRecords(harness.table.dynamo, harness.table.tableName);
  const settings = new SchoolSettingsRepository(harness.table.dynamo, harness.table.tableName);
  const service = new TrainingService({
    records,
    settings,
    schools: new SchoolRepository(harness.table.dynamo, harness.table.tableName),
    audit: new AuditLog(harness.table.dynamo, harness.table.tableName),
    now: () => new Date(),
    incidentsPerRequest: 2,
  });
  expect((await dana.json('POST', '/api/admin/training/start')).status).toBe(200);
  const added = [];
  for (let index = 0; index < 5; index += 1) {
    added.push(await add(tom, incidentBody(matthew, [category('Behaviour').categoryId])));
  }
  const actor = {
    schoolId: dana.schoolId,
    personId: dana.personId,
    actorName: 'Dana Shah',
    sourceIp: '127.0.0.1',
    userAgent: 'tests',
    requestId: 'training-test',
  };
  // An interrupted discard left half done: doing it again finishes it.
  const [first] = await records.entries(dana.schoolId);
  await records.discard(dana.schoolId, first!.incidentId, [first!]);
  await records.discard(dana.schoolId, first!.incidentId, [first!]);

  const progress = [];
  for (;;) {
    const step = await service.finish(actor, { schoolName: SCHOOL_NAME, keepIncidentIds: [] });
    progress.push(step.remaining);
    if (step.finished) break;
  }
  expect(progress).toEqual([2, 0]);
  expect((await settings.get(dana.schoolId)).trainingMode).toBe(false);
  const left = (await chronology(matthew)).items.map((item) => item.incidentId);
  for (const incident of added) expect(left).not.toContain(incident.incidentId);
});

/**
 * Reading incidents over HTTP (REC-4, REC-5, REC-8): the chronology and its overview for key holders,
 * filtered by category permission and the class rule; one incident through an alert, readable by staff
 * without a key only until they mark it read; actions copied to linked pupils, adding categories and a
 * referral decision; pages that never split an incident's actions.
 */
import { randomUUID } from 'node:crypto';
import type { Category } from '../../../lib/categories/category';
import { startApiHarness, type ApiHarness } from '../../support/api-harness';
import { demoStaff, signInAs, signInElevated, type StaffClient } from '../../support/staff-client';
import {
  actionBody,
  addPupil,
  categoriesOf,
  incidentBody,
  moveLeadIntoGroupWithoutChildProtection,
  type Problem,
} from './incident-test-support';

interface Copy {
  incidentId: string;
  number: number;
  role: string;
  categoryIds: string[];
  text: string;
  referral?: { decision: string; decidedBy: { name: string } };
  otherPupils: { pupilId: string; role: string }[];
  actions: { actionId: string; text: string }[];
}
interface ChronologyPage {
  items: Copy[];
  nextCursor?: string;
}
interface IncidentView {
  incident: Copy;
  pupil: { pupilId: string; displayName: string };
  readableOnlyUntilMarkedRead: boolean;
  unreadAlert?: { alertedBy: { name: string } };
}

let harness: ApiHarness;
let dana: StaffClient;
let priya: StaffClient;
let tom: StaffClient;
let hannah: string;
let matthew: string;
let category: (name: string, parent?: string) => Category;
let bullyingIncident: string;
let protectionIncident: string;

beforeAll(async () => {
  harness = await startApiHarness();
  dana = await signInElevated(harness.baseUrl, 'dana');
  tom = await signInAs(harness.baseUrl, demoStaff('tom'));
  hannah = await addPupil(harness.table, dana.schoolId, 'Hannah', 'Greenwood');
  matthew = await addPupil(harness.table, dana.schoolId, 'Matthew', 'Greenwood');
  category = await categoriesOf(harness.table, dana.schoolId);

  // Priya leads pastoral care here: every category but Child protection, and no pupils without a class.
  await moveLeadIntoGroupWithoutChildProtection(dana, category, 'Pastoral leads', [
    'students.list',
    'students.details',
    'incidents.add',
  ]);
  priya = await signInElevated(harness.baseUrl, 'priya', dana.schoolId);

  const bullying = incidentBody(hannah, [category('Bullying').categoryId], {
    occurredAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
    linkedPupils: [
      { pupilId: matthew, role: 'perpetrator', categoryIds: [category('Behaviour').categoryId] },
    ],
    alerts: { personIds: [dana.personId] },
  });
  const protection = incidentBody(hannah, [category('Child protection').categoryId], {
    occurredAt: new Date(Date.now() - 2 * 3600_000).toISOString(),
    text: 'Disclosed something at home that worried her.',
  });
  expect((await tom.json('POST', '/api/incidents', bullying)).status).toBe(201);
  expect((await dana.json('POST', '/api/incidents', protection)).status).toBe(201);
  bullyingIncident = bullying.incidentId;
  protectionIncident = protection.incidentId;
  // Two sign-ins with elevation, a group, and two incidents: longer than one request's budget.
}, 120_000);

afterAll(async () => {
  await harness.close();
});

it('shows a key holder the whole chronology newest first, each pupil with their own copy', async () => {
  const page = await dana.json<ChronologyPage>('GET', `/api/chronology/${hannah}`);
  expect(page.status).toBe(200);
  expect(page.body.items.map((item) => item.incidentId)).toEqual([protectionIncident, bullyingIncident]);
  const matthews = await dana.json<ChronologyPage>('GET', `/api/chronology/${matthew}`);
  expect(matthews.body.items).toEqual([
    expect.objectContaining({
      incidentId: bullyingIncident,
      role: 'perpetrator',
      categoryIds: [category('Behaviour').categoryId],
      otherPupils: [{ pupilId: hannah, displayName: 'Hannah Greenwood', role: 'subject' }],
    }),
  ]);
  const audit = await dana.json<{ items: { action: string }[] }>('GET', `/api/audit/pupils/${hannah}`);
  expect(audit.body.items.map((item) => item.action)).toContain('pupil.chronology.read');
});

it('does not let a teacher who may only add incidents read a chronology', async () => {
  const refused = await tom.json<Problem>('GET', `/api/chronology/${hannah}`);
  expect(refused.status).toBe(403);
  expect((await tom.json('GET', `/api/chronology/${hannah}/overview`)).status).toBe(403);
});

it('hides incidents in a category the viewer may not see, with their actions, everywhere', async () => {
  const action = await dana.json('POST', `/api/incidents/${protectionIncident}/actions`, actionBody(hannah));
  expect(action.status).toBe(201);

  const page = await priya.json<ChronologyPage>('GET', `/api/chronology/${hannah}`);
  expect(page.body.items.map((item) => item.incidentId)).toEqual([bullyingIncident]);
  expect(JSON.stringify(page.body)).not.toContain('Phoned mum');
  const single = await priya.json<Problem>('GET', `/api/incidents/${protectionIncident}?pupilId=${hannah}`);
  expect(single.status).toBe(404);
  const overview = await priya.json<{ total: number; byCategory: { categoryId: string }[] }>(
    'GET',
    `/api/chronology/${hannah}/overview`,
  );
  expect(overview.body.total).toBe(1);
  expect(overview.body.byCategory.map((row) => row.categoryId)).toEqual([category('Bullying').categoryId]);
  // Nor can she add an action to what she cannot see.
  const blind = await priya.json<Problem>(
    'POST',
    `/api/incidents/${protectionIncident}/actions`,
    actionBody(hannah),
  );
  expect(blind.status).toBe(404);
});

it('counts a key holder’s incidents by category and by month for the overview', async () => {
  const overview = await dana.json<{
    total: number;
    byCategory: { categoryId: string; count: number }[];
    byMonth: { month: string; count: number }[];
  }>('GET', `/api/chronology/${hannah}/overview`);
  expect(overview.status).toBe(200);
  expect(overview.body.total).toBe(2);
  expect(overview.body.byCategory).toEqual(
    expect.arrayContaining([
      { categoryId: category('Bullying').categoryId, count: 1 },
      { categoryId: category('Child protection').categoryId, count: 1 },
    ]),
  );
  expect(overview.body.byMonth.reduce((sum, row) => sum + row.count, 0)).toBe(2);
});

it('copies an action to linked pupils with its extra categories, records a referral, and is idempotent', async () => {
  const body = actionBody(hannah, {
    categoryIds: [category('Home issues').categoryId],
    copyToLinkedPupils: true,
    alertIncidentRecipients: true,
    referral: { decision: 'referred', agencyIds: [] },
  });
  const missingAgency = await dana.json<Problem>('POST', `/api/incidents/${bullyingIncident}/actions`, body);
  expect(missingAgency.status).toBe(400);
  expect(missingAgency.body.errors?.[0]?.field).toBe('body.referral.agencyIds');

  const agencies = await dana.json<{ items: { agencyId: string }[] } | { agencyId: string }[]>(
    'GET',
    '/api/agencies',
  );
  const agencyList = Array.isArray(agencies.body) ? agencies.body : agencies.body.items;
  const withAgency = { ...body, referral: { decision: 'referred', agencyIds: [agencyList[0]!.agencyId] } };
  const added = await dana.json<{ actionId: string }>(
    'POST',
    `/api/incidents/${bullyingIncident}/actions`,
    withAgency,
  );
  expect(added.status).toBe(201);
  const again = await dana.json('POST', `/api/incidents/${bullyingIncident}/actions`, withAgency);
  expect(again.status).toBe(200);
  const clash = await dana.json<Problem>('POST', `/api/incidents/${bullyingIncident}/actions`, {
    ...withAgency,
    text: 'Something else.',
  });
  expect(clash.status).toBe(409);

  for (const pupilId of [hannah, matthew]) {
    const view = await dana.json<IncidentView>(
      'GET',
      `/api/incidents/${bullyingIncident}?pupilId=${pupilId}`,
    );
    expect(view.body.incident.actions.map((action) => action.actionId)).toEqual([added.body.actionId]);
    expect(view.body.incident.categoryIds).toContain(category('Home issues').categoryId);
    expect(view.body.incident.referral).toMatchObject({
      decision: 'referred',
      decidedBy: { name: 'Dana Shah' },
    });
  }
});

it('lets staff without a key read an incident they were alerted to, add an action, and never again once read', async () => {
  const alerted = incidentBody(hannah, [category('Behaviour').categoryId], {
    alerts: { personIds: [tom.personId] },
  });
  expect((await dana.json('POST', '/api/incidents', alerted)).status).toBe(201);

  const view = await tom.json<IncidentView>('GET', `/api/incidents/${alerted.incidentId}?pupilId=${hannah}`);
  expect(view.status).toBe(200);
  expect(view.body).toMatchObject({
    readableOnlyUntilMarkedRead: true,
    unreadAlert: { alertedBy: { name: 'Dana Shah' } },
    pupil: { pupilId: hannah, displayName: 'Hannah Greenwood' },
  });
  // Not another pupil's copy, not another incident.
  expect((await tom.json('GET', `/api/incidents/${bullyingIncident}?pupilId=${hannah}`)).status).toBe(404);

  const action = await tom.json('POST', `/api/incidents/${alerted.incidentId}/actions`, actionBody(hannah));
  expect(action.status).toBe(201);

  const read = await tom.json<{ next?: unknown }>('POST', `/api/incidents/${alerted.incidentId}/read`);
  expect(read.status).toBe(200);
  expect((await tom.json('GET', `/api/incidents/${alerted.incidentId}?pupilId=${hannah}`)).status).toBe(404);
  const late = await tom.json('POST', `/api/incidents/${alerted.incidentId}/actions`, actionBody(hannah));
  expect(late.status).toBe(404);
  // A key holder who may see it still reads it, without the warning.
  const dsl = await dana.json<IncidentView>('GET', `/api/incidents/${alerted.incidentId}?pupilId=${hannah}`);
  expect(dsl.body.readableOnlyUntilMarkedRead).toBe(false);
});

it('pages a long chronology between incidents, never splitting one incident’s actions', async () => {
  const pupilId = await addPupil(harness.table, dana.schoolId, 'Lily', 'Page');
  const ids: string[] = [];
  for (let index = 0; index < 5; index += 1) {
    const body = incidentBody(pupilId, [category('Behaviour').categoryId], {
      occurredAt: new Date(Date.now() - (index + 1) * 3600_000).toISOString(),
    });
    await dana.json('POST', '/api/incidents', body);
    ids.push(body.incidentId);
    for (let action = 0; action < 3; action += 1) {
      await dana.json('POST', `/api/incidents/${body.incidentId}/actions`, actionBody(pupilId));
    }
  }
  const seen: Copy[] = [];
  let cursor: string | undefined;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page = await dana.json<ChronologyPage>('GET', `/api/chronology/${pupilId}?limit=2${query}`);
    expect(page.status).toBe(200);
    expect(page.body.items.length).toBeLessThanOrEqual(2);
    seen.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  expect(seen.map((item) => item.incidentId)).toEqual(ids);
  expect(seen.every((item) => item.actions.length === 3)).toBe(true);

  const forged = await dana.json<Problem>(
    'GET',
    `/api/chronology/${pupilId}?cursor=${Buffer.from(JSON.stringify({ PK: 'SCHOOL#x', SK: 'y' })).toString('base64url')}`,
  );
  expect(forged.status).toBe(400);
}, 120_000);

it('hides the pupil altogether when class restrictions leave the viewer without them', async () => {
  const settings = await dana.json<Record<string, unknown> & { version: number }>(
    'GET',
    '/api/admin/settings',
  );
  const { schoolId: _school, updatedAt: _updated, ...input } = settings.body;
  const on = await dana.json<{ version: number }>('PUT', '/api/admin/settings', {
    ...input,
    classRestrictionsEnabled: true,
  });
  expect(on.status).toBe(200);
  try {
    // Hannah is in no class, and Priya's group may not see pupils without one; Dana's may.
    expect((await priya.json('GET', `/api/chronology/${hannah}`)).status).toBe(404);
    expect((await priya.json('GET', `/api/incidents/${bullyingIncident}?pupilId=${hannah}`)).status).toBe(
      404,
    );
    expect((await dana.json('GET', `/api/chronology/${hannah}`)).status).toBe(200);
  } finally {
    await dana.json('PUT', '/api/admin/settings', {
      ...input,
      classRestrictionsEnabled: false,
      version: on.body.version,
    });
  }
});

it('answers an unknown incident or pupil as not found', async () => {
  expect((await dana.json('GET', `/api/incidents/${randomUUID()}?pupilId=${hannah}`)).status).toBe(404);
  expect((await dana.json('GET', `/api/incidents/${bullyingIncident}?pupilId=${randomUUID()}`)).status).toBe(
    404,
  );
  expect((await dana.json('GET', `/api/chronology/${randomUUID()}`)).status).toBe(404);
});

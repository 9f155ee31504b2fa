/**
 * Merging categories (REC-2, seed 17.2) over HTTP with real incidents and monitoring: the refusals,
 * a whole merge (incidents re-assigned, monitored pupils moved, the category gone from lists and its
 * name free), and a merge too big for one request carried on by asking again.
 */
import { randomUUID } from 'node:crypto';
import { CategoryMerge } from '../../../lib/categories/category-merge';
import { CategoryRepository } from '../../../lib/categories/category-repository';
import { CategoryUsage } from '../../../lib/categories/category-usage';
import type { AuditActor } from '../../../lib/audit/audit-event';
import { AuditLog } from '../../../lib/audit/audit-log';
import { incidentCategoryRewriter } from '../../../lib/incidents/incident-category-rewrite';
import { IncidentRepository } from '../../../lib/incidents/incident-repository';
import { MonitoredPupils } from '../../../lib/monitoring/monitored-pupils';
import { PupilRepository } from '../../../lib/pupils/pupil-repository';
import { SchoolRepository } from '../../../lib/schools/school-repository';
import { startApiHarness, type ApiHarness } from '../../support/api-harness';
import { signInElevated, type StaffClient } from '../../support/staff-client';

interface Category {
  categoryId: string;
  name: string;
  parentId?: string;
  disabled: boolean;
  mergedInto?: string;
  mergingInto?: string;
  version: number;
}
interface Problem {
  detail?: string;
  errors?: { field: string; reason: string }[];
}

let harness: ApiHarness;
let dsl: StaffClient;

beforeAll(async () => {
  harness = await startApiHarness();
  dsl = await signInElevated(harness.baseUrl, 'dana');
}, 120_000);

afterAll(async () => {
  await harness.close();
});

function repositories() {
  const { dynamo, tableName } = harness.table;
  return {
    categories: new CategoryRepository(dynamo, tableName),
    usage: new CategoryUsage(dynamo, tableName),
    incidents: new IncidentRepository(dynamo, tableName),
    monitored: new MonitoredPupils(dynamo, tableName),
  };
}

async function newCategory(name: string, parentId?: string): Promise<Category> {
  const created = await dsl.json<Category>('POST', '/api/admin/categories', {
    name,
    colour: '#336699',
    ...(parentId === undefined ? {} : { parentId }),
  });
  expect(created.status).toBe(201);
  return created.body;
}

async function newPupil(): Promise<string> {
  const pupilId = randomUUID();
  const at = new Date().toISOString();
  await new PupilRepository(harness.table.dynamo, harness.table.tableName).create({
    pupilId,
    schoolId: dsl.schoolId,
    legalForename: 'Merge',
    legalSurname: `Pupil ${pupilId.slice(0, 6)}`,
    dateOfBirth: '2015-09-01',
    gender: 'F',
    classIds: [],
    archived: false,
    source: 'manual',
    monitoredCategoryIds: [],
    createdAt: at,
    updatedAt: at,
    version: 1,
  });
  return pupilId;
}

/** Records an incident for the pupil in these categories (which starts monitoring under them). */
async function addIncident(
  pupilId: string,
  categoryIds: string[],
): Promise<{ status: number; incidentId: string }> {
  const incidentId = randomUUID();
  const response = await dsl.request('POST', '/api/incidents', {
    incidentId,
    pupilId,
    text: 'Test incident for a category merge.',
    categoryIds,
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
  });
  return { status: response.status, incidentId };
}

async function merge(categoryId: string, body: Record<string, unknown>) {
  return dsl.json<{ done: boolean; category: Category } & Problem>(
    'POST',
    `/api/admin/categories/${categoryId}/merge`,
    body,
  );
}

async function incidentCategories(incidentId: string): Promise<string[]> {
  const incident = await repositories().incidents.getIncident(dsl.schoolId, incidentId);
  return incident!.pupils.flatMap((pupil) => pupil.categoryIds);
}

it('refuses a wrong confirmation, itself, its own sub-category, an unknown or merged target, and changes nothing', async () => {
  const source = await newCategory('Merge source');
  const sub = await newCategory('Merge source child', source.categoryId);
  const other = await newCategory('Merge other');
  const gone = await newCategory('Merge gone');
  expect(
    (await merge(gone.categoryId, { intoCategoryId: other.categoryId, confirm: 'Merge gone' })).body.done,
  ).toBe(true);

  const cases: [Record<string, unknown>, number, string | undefined][] = [
    [{ intoCategoryId: other.categoryId, confirm: 'merge source' }, 400, 'body.confirm'],
    [{ intoCategoryId: source.categoryId, confirm: 'Merge source' }, 400, 'body.intoCategoryId'],
    [{ intoCategoryId: sub.categoryId, confirm: 'Merge source' }, 400, 'body.intoCategoryId'],
    [{ intoCategoryId: randomUUID(), confirm: 'Merge source' }, 400, 'body.intoCategoryId'],
    [{ intoCategoryId: gone.categoryId, confirm: 'Merge source' }, 409, 'body.intoCategoryId'],
    // Its sub-category would be left without a parent.
    [{ intoCategoryId: other.categoryId, confirm: 'Merge source' }, 409, undefined],
  ];
  for (const [body, status, field] of cases) {
    const refused = await merge(source.categoryId, body);
    expect({ body, status: refused.status }).toEqual({ body, status });
    expect(refused.body.errors?.[0]?.field).toBe(field);
  }
  expect(await repositories().categories.get(dsl.schoolId, source.categoryId)).toMatchObject({
    disabled: false,
    version: 1,
  });
  expect(
    (await merge(gone.categoryId, { intoCategoryId: other.categoryId, confirm: 'Merge gone' })).status,
  ).toBe(404);
});

it('moves incidents and monitored pupils to the other category, then retires the category and frees its name', async () => {
  const from = await newCategory('Old bullying');
  const into = await newCategory('Peer abuse');
  const pupilId = await newPupil();
  const first = await addIncident(pupilId, [from.categoryId]);
  const both = await addIncident(pupilId, [from.categoryId, into.categoryId]);
  expect([first.status, both.status]).toEqual([201, 201]);
  const { monitored, usage } = repositories();
  expect((await monitored.list(dsl.schoolId, from.categoryId)).map((spell) => spell.pupilId)).toEqual([
    pupilId,
  ]);

  const merged = await merge(from.categoryId, { intoCategoryId: into.categoryId, confirm: 'Old bullying' });
  expect(merged.status).toBe(200);
  expect(merged.body).toMatchObject({ done: true, category: { mergedInto: into.categoryId } });

  expect(await incidentCategories(first.incidentId)).toEqual([into.categoryId]);
  expect(await incidentCategories(both.incidentId)).toEqual([into.categoryId]);
  expect(await usage.isUsed(dsl.schoolId, from.categoryId)).toBe(false);
  expect(
    (await usage.incidentsAfter(dsl.schoolId, into.categoryId, undefined, 10)).incidentIds.sort(),
  ).toEqual([first.incidentId, both.incidentId].sort());
  expect(await monitored.list(dsl.schoolId, from.categoryId)).toEqual([]);
  expect((await monitored.list(dsl.schoolId, into.categoryId)).map((spell) => spell.pupilId)).toEqual([
    pupilId,
  ]);

  const tree = await dsl.json<{ items: { categoryId: string }[] }>('GET', '/api/categories');
  expect(tree.body.items.map((item) => item.categoryId)).not.toContain(from.categoryId);
  const admin = await dsl.json<{ items: Category[] }>('GET', '/api/admin/categories');
  expect(admin.body.items.map((item) => item.categoryId)).not.toContain(from.categoryId);
  expect((await addIncident(pupilId, [from.categoryId])).status).not.toBe(201);
  expect(
    (await dsl.request('POST', '/api/admin/categories', { name: 'Old bullying', colour: '#123456' })).status,
  ).toBe(201);
  const trail = await dsl.json<{ items: { action: string; detail?: string }[] }>(
    'GET',
    `/api/audit/users/${dsl.personId}?limit=100`,
  );
  expect(
    trail.body.items.filter((event) => event.action === 'category.merge').map((event) => event.detail),
  ).toEqual(expect.arrayContaining(['merged "Old bullying" into "Peer abuse"']));
});

it('carries on a merge too big for one request from where the last one stopped', async () => {
  const from = await newCategory('Large category');
  const into = await newCategory('Large target');
  const pupilId = await newPupil();
  const incidentIds: string[] = [];
  for (let count = 0; count < 27; count += 1) {
    const added = await addIncident(pupilId, [from.categoryId]);
    expect(added.status).toBe(201);
    incidentIds.push(added.incidentId);
  }
  const { dynamo, tableName } = harness.table;
  const { categories, usage, monitored } = repositories();
  // No time to spare: each request moves one page of incidents and then stops.
  const stepwise = new CategoryMerge({
    dynamo,
    tableName,
    categories,
    usage,
    incidents: (by) => incidentCategoryRewriter(dynamo, tableName, by),
    monitored,
    pupils: new PupilRepository(dynamo, tableName),
    schools: new SchoolRepository(dynamo, tableName),
    audit: new AuditLog(dynamo, tableName),
    timeBudgetMs: 0,
  });
  const actor: AuditActor = {
    schoolId: dsl.schoolId,
    personId: dsl.personId,
    actorName: 'Dana Shah',
    sourceIp: '127.0.0.1',
    userAgent: 'lantern-tests',
    requestId: randomUUID(),
  };
  const input = { intoCategoryId: into.categoryId, confirm: 'Large category' };

  const firstStep = await stepwise.merge(actor, from.categoryId, input);
  expect(firstStep.done).toBe(false);
  const midway = await categories.get(dsl.schoolId, from.categoryId);
  expect(midway).toMatchObject({ disabled: true, mergingInto: into.categoryId });
  expect(midway?.mergedInto).toBeUndefined();
  const left = (await usage.incidentsAfter(dsl.schoolId, from.categoryId, undefined, 100)).incidentIds;
  expect(left.length).toBe(2);
  // Nothing new goes into a category being merged, and it cannot be changed meanwhile.
  expect((await addIncident(pupilId, [from.categoryId])).status).not.toBe(201);
  expect((await dsl.request('POST', `/api/admin/categories/${from.categoryId}/enable`)).status).toBe(409);
  const other = await newCategory('Another target');
  const elsewhere = await merge(from.categoryId, {
    intoCategoryId: other.categoryId,
    confirm: 'Large category',
  });
  expect(elsewhere.status).toBe(409);

  const finished = await merge(from.categoryId, input);
  expect(finished.body).toMatchObject({ done: true, category: { mergedInto: into.categoryId } });
  for (const incidentId of incidentIds)
    expect(await incidentCategories(incidentId)).toEqual([into.categoryId]);
  expect((await monitored.list(dsl.schoolId, into.categoryId)).map((spell) => spell.pupilId)).toEqual([
    pupilId,
  ]);
});

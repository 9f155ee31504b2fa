/**
 * The dashboard through the whole incident flow over HTTP (REC-5, REC-10): Tom (a teacher, no key)
 * adds an incident for an Oakfield pupil alerting Dana; Dana's dashboard lists the alert with the
 * pupil and category names until she marks the incident read; Tom's shows it under My history.
 */
import { randomUUID } from 'node:crypto';
import { CategoryRepository } from '../../../lib/categories/category-repository';
import type { Dashboard } from '../../../lib/dashboard/dashboard';
import { PupilRepository } from '../../../lib/pupils/pupil-repository';
import { startApiHarness, type ApiHarness } from '../../support/api-harness';
import { demoStaff, signInAs, signInElevated, type StaffClient } from '../../support/staff-client';

let harness: ApiHarness;
let dana: StaffClient;
let tom: StaffClient;
let ravi: StaffClient;
const pupilId = randomUUID();
const incidentId = randomUUID();

beforeAll(async () => {
  harness = await startApiHarness();
  dana = await signInElevated(harness.baseUrl, 'dana');
  tom = await signInAs(harness.baseUrl, demoStaff('tom'));
  ravi = await signInAs(harness.baseUrl, demoStaff('ravi'));
  const at = new Date().toISOString();
  await new PupilRepository(harness.table.dynamo, harness.table.tableName).create({
    pupilId,
    schoolId: tom.schoolId,
    legalForename: 'Amira',
    legalSurname: 'Khan',
    dateOfBirth: '2016-04-02',
    gender: 'F',
    classIds: [],
    archived: false,
    source: 'manual',
    monitoredCategoryIds: [],
    createdAt: at,
    updatedAt: at,
    version: 1,
  });
});

afterAll(async () => {
  await harness.close();
});

async function dashboardOf(client: StaffClient): Promise<Dashboard> {
  const response = await client.json<Dashboard>('GET', '/api/dashboard');
  expect(response.status).toBe(200);
  return response.body;
}

it('follows an alerted incident from Tom onto Dana’s dashboard and off it once read', async () => {
  const categories = await new CategoryRepository(harness.table.dynamo, harness.table.tableName).list(
    tom.schoolId,
  );
  const bullying = categories.find((category) => category.name === 'Bullying' && !category.parentId)!;
  const added = await tom.request('POST', '/api/incidents', {
    incidentId,
    pupilId,
    text: 'Seen upset at the gate after a message on a phone.',
    categoryIds: [bullying.categoryId],
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
    alerts: { personIds: [dana.personId], alertGroupIds: [] },
  });
  expect(added.status).toBe(201);

  const alert = (await dashboardOf(dana)).alerts.find(
    (row) => row.subject.kind === 'incident' && row.subject.incidentId === incidentId,
  );
  expect(alert).toMatchObject({
    pupilId,
    pupilDisplayName: expect.stringContaining('Khan') as unknown,
    alertedBy: { personId: tom.personId },
    categories: [{ categoryId: bullying.categoryId, name: 'Bullying' }],
    link: `/incidents/${incidentId}?pupilId=${pupilId}`,
  });

  const tomsDashboard = await dashboardOf(tom);
  expect(tomsDashboard.myHistory.map((row) => row.incidentId)).toContain(incidentId);
  expect(tomsDashboard).not.toHaveProperty('myAssigned');
  expect(tomsDashboard).not.toHaveProperty('recentlyViewed');

  const riversideDashboard = await dashboardOf(ravi);
  expect(riversideDashboard.alerts).toEqual([]);
  expect(riversideDashboard.myHistory).toEqual([]);

  const read = await dana.request('POST', `/api/incidents/${incidentId}/read`);
  expect(read.status).toBe(200);
  const after = await dashboardOf(dana);
  expect(
    after.alerts.some((row) => row.subject.kind === 'incident' && row.subject.incidentId === incidentId),
  ).toBe(false);
});

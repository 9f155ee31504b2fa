/**
 * The dashboard over HTTP (REC-10). The DASH entries are written by the features' own writers (the
 * alert inbox, the incident transaction's assigned and history puts, a pupil profile read's view), so
 * this suite checks what each person's dashboard shows of them, and to whom.
 */
import { randomUUID } from 'node:crypto';
import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { AlertInbox } from '../../../lib/alerts/alert-inbox';
import { AuditLog } from '../../../lib/audit/audit-log';
import { CategoryRepository } from '../../../lib/categories/category-repository';
import type { Category } from '../../../lib/categories/category';
import type { Dashboard } from '../../../lib/dashboard/dashboard';
import { dashboardKeys } from '../../../lib/data/keys';
import { assignedPut, historyPut, type DashboardSubject } from '../../../lib/incidents/dashboard-items';
import { startApiHarness, type ApiHarness } from '../../support/api-harness';
import { demoStaff, signInAs, signInElevated, type StaffClient } from '../../support/staff-client';

const DAY_MS = 24 * 60 * 60 * 1000;

let harness: ApiHarness;
let dana: StaffClient;
let tom: StaffClient;
let ravi: StaffClient;
let categories: Category[];

beforeAll(async () => {
  harness = await startApiHarness();
  dana = await signInElevated(harness.baseUrl, 'dana');
  tom = await signInAs(harness.baseUrl, demoStaff('tom'));
  ravi = await signInAs(harness.baseUrl, demoStaff('ravi'));
  categories = await new CategoryRepository(harness.table.dynamo, harness.table.tableName).list(
    dana.schoolId,
  );
});

afterAll(async () => {
  await harness.close();
});

function category(name: string): Category {
  const found = categories.find((candidate) => candidate.name === name && !candidate.parentId);
  if (!found) throw new Error(`No category ${name}`);
  return found;
}

function ago(milliseconds: number): string {
  return new Date(Date.now() - milliseconds).toISOString();
}

async function dashboardOf(client: StaffClient): Promise<Dashboard> {
  const response = await client.json<Dashboard>('GET', '/api/dashboard');
  expect(response.status).toBe(200);
  return response.body;
}

/** What adding an incident writes to the dashboards: Tom's history, Dana's assignment and her alert. */
async function incidentAddedByTom(pupilDisplayName: string, categoryNames: string[]) {
  const subject: DashboardSubject = {
    schoolId: tom.schoolId,
    incidentId: randomUUID(),
    number: 1,
    pupilId: randomUUID(),
    pupilDisplayName,
    categoryIds: categoryNames.map((name) => category(name).categoryId),
  };
  const tomRef = { personId: tom.personId, name: 'Tom Reed' };
  const at = ago(60_000);
  await harness.table.dynamo.send(
    new TransactWriteCommand({
      TransactItems: [
        historyPut(harness.table.tableName, subject, tomRef, { at }),
        assignedPut(
          harness.table.tableName,
          subject,
          { personId: dana.personId, name: 'Dana Shah' },
          tomRef,
          at,
        ),
      ],
    }),
  );
  await new AlertInbox(harness.table.dynamo, harness.table.tableName).putAll(tom.schoolId, [
    {
      personId: dana.personId,
      incidentId: subject.incidentId,
      pupilId: subject.pupilId,
      pupilDisplayName,
      categoryIds: [...subject.categoryIds],
      alertedBy: tomRef,
      alertedAt: at,
    },
  ]);
  return subject;
}

describe("Dana's dashboard after Tom adds an incident alerting her", () => {
  let subject: DashboardSubject;

  beforeAll(async () => {
    subject = await incidentAddedByTom('Amira Khan', ['Bullying', 'Attendance']);
  });

  it('lists the alert with who alerted, the pupil, the category names, when, and the incident link', async () => {
    const { alerts } = await dashboardOf(dana);
    const alert = alerts.find(
      (row) => row.subject.kind === 'incident' && row.subject.incidentId === subject.incidentId,
    );
    expect(alert).toMatchObject({
      pupilId: subject.pupilId,
      pupilDisplayName: 'Amira Khan',
      alertedBy: { personId: tom.personId, name: 'Tom Reed' },
      link: `/incidents/${subject.incidentId}?pupilId=${subject.pupilId}`,
    });
    expect(alert!.categories.map((entry) => entry.name).sort()).toEqual(['Attendance', 'Bullying']);
  });

  it('shows the incident under My assigned (a key holder)', async () => {
    const { myAssigned } = await dashboardOf(dana);
    expect(myAssigned?.map((row) => row.incidentId)).toContain(subject.incidentId);
  });

  it('drops the alert once it is marked read', async () => {
    await new AlertInbox(harness.table.dynamo, harness.table.tableName).markRead(
      dana.schoolId,
      dana.personId,
      subject.incidentId,
    );
    const { alerts } = await dashboardOf(dana);
    expect(
      alerts.some((row) => row.subject.kind === 'incident' && row.subject.incidentId === subject.incidentId),
    ).toBe(false);
  });

  it('audits one dashboard.read with counts and no pupil', async () => {
    await dashboardOf(dana);
    const page = await new AuditLog(harness.table.dynamo, harness.table.tableName).forActor(
      dana.schoolId,
      dana.personId,
      1,
    );
    expect(page.items[0]).toMatchObject({ action: 'dashboard.read', resourceType: 'dashboard' });
    expect(page.items[0]!.pupilId).toBeUndefined();
    expect(page.items[0]!.detail).toMatch(/^alerts=\d+ myHistory=\d+ myAssigned=\d+ recentlyViewed=\d+$/);
    expect(page.items[0]!.detail).not.toContain('Amira');
  });
});

describe("Tom's restricted dashboard (no key)", () => {
  it('shows what he recorded in the last 7 days, newest first, and nothing older', async () => {
    const recent = await incidentAddedByTom('Ben Ode', ['Behaviour']);
    const old: DashboardSubject = { ...recent, incidentId: randomUUID(), pupilDisplayName: 'Old Entry' };
    await harness.table.dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          historyPut(
            harness.table.tableName,
            old,
            { personId: tom.personId, name: 'Tom Reed' },
            { at: ago(8 * DAY_MS) },
          ),
        ],
      }),
    );
    const { myHistory } = await dashboardOf(tom);
    const ids = myHistory.map((row) => row.incidentId);
    expect(ids).toContain(recent.incidentId);
    expect(ids).not.toContain(old.incidentId);
    const row = myHistory.find((entry) => entry.incidentId === recent.incidentId)!;
    expect(row).toMatchObject({
      what: 'incident',
      pupilDisplayName: 'Ben Ode',
      categories: [{ name: 'Behaviour' }],
    });
    const times = myHistory.map((entry) => entry.recordedAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('has no My assigned or Recently viewed sections, even with entries stored', async () => {
    await harness.table.dynamo.send(
      new PutCommand({
        TableName: harness.table.tableName,
        Item: {
          ...dashboardKeys.viewed(tom.schoolId, tom.personId, randomUUID()),
          itemType: 'DashboardEntry',
          kind: 'VIEWED',
          pupilId: randomUUID(),
          displayName: 'Cara Diaz',
          classIds: [],
          viewedAt: ago(1000),
        },
      }),
    );
    const dashboard = await dashboardOf(tom);
    expect(dashboard).not.toHaveProperty('myAssigned');
    expect(dashboard).not.toHaveProperty('recentlyViewed');
  });
});

describe('recently viewed and document alerts', () => {
  it('lists the 10 pupils Dana viewed most recently, newest first', async () => {
    const viewed = Array.from({ length: 12 }, (_, index) => ({
      pupilId: randomUUID(),
      displayName: `Pupil ${index}`,
      viewedAt: ago((index + 1) * 60_000),
    }));
    for (const view of viewed) {
      await harness.table.dynamo.send(
        new PutCommand({
          TableName: harness.table.tableName,
          Item: {
            ...dashboardKeys.viewed(dana.schoolId, dana.personId, view.pupilId),
            itemType: 'DashboardEntry',
            kind: 'VIEWED',
            ...view,
            classIds: [],
          },
        }),
      );
    }
    const { recentlyViewed } = await dashboardOf(dana);
    expect(recentlyViewed?.map((row) => row.pupilDisplayName)).toEqual(
      viewed.slice(0, 10).map((view) => view.displayName),
    );
    expect(recentlyViewed?.[0]?.link).toBe(`/pupils/${viewed[0]!.pupilId}`);
  });

  it('links a vault document alert to the pupil’s vault', async () => {
    const pupilId = randomUUID();
    const documentId = randomUUID();
    await harness.table.dynamo.send(
      new PutCommand({
        TableName: harness.table.tableName,
        Item: {
          ...dashboardKeys.alert(dana.schoolId, dana.personId, `DOC-${documentId}`),
          itemType: 'DashboardEntry',
          kind: 'ALERT',
          personId: dana.personId,
          pupilId,
          pupilDisplayName: 'Dev Patel',
          alertedBy: { personId: tom.personId, name: 'Tom Reed' },
          alertedAt: ago(0),
        },
      }),
    );
    const { alerts } = await dashboardOf(dana);
    expect(alerts[0]).toMatchObject({
      subject: { kind: 'document', documentId },
      pupilDisplayName: 'Dev Patel',
      categories: [],
      link: `/pupils/${pupilId}/vault`,
    });
  });
});

describe('another school', () => {
  it('shows a Riverside member none of Oakfield’s entries', async () => {
    const dashboard = await dashboardOf(ravi);
    expect(dashboard.alerts).toEqual([]);
    expect(dashboard.myHistory).toEqual([]);
  });

  it('refuses a request without a session', async () => {
    const response = await fetch(`${harness.baseUrl}/api/dashboard`);
    expect(response.status).toBe(401);
  });
});

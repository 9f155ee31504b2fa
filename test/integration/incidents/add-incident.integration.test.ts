/**
 * Adding incidents over HTTP (REC-3, REC-5, BYD-4, BYD-5): a teacher without a key records one with a
 * linked pupil, alerts and an assignee; every bad input is refused naming its field and writes nothing;
 * retries are recognised; the alert mail says who and which categories and nothing else.
 */
import { randomUUID } from 'node:crypto';
import type { Category } from '../../../lib/categories/category';
import { startApiHarness, type ApiHarness } from '../../support/api-harness';
import { uploadDocument } from '../documents/vault-client';
import { demoStaff, signInAs, signInElevated, type StaffClient } from '../../support/staff-client';
import { addPupil, categoriesOf, incidentBody, mailTo, type Problem } from './incident-test-support';

interface Receipt {
  incidentId: string;
  number: number;
  pupilId: string;
}
interface ChronologyPage {
  items: { incidentId: string; number: number; role: string; categoryIds: string[] }[];
}

let harness: ApiHarness;
let dana: StaffClient;
let tom: StaffClient;
let hannah: string;
let matthew: string;
let riversidePupil: string;
let category: (name: string, parent?: string) => Category;
/** The first incident's id: the mailbox is shared with other suites, so its mails are found by their link. */
let alertedIncident: string;

beforeAll(async () => {
  harness = await startApiHarness();
  dana = await signInElevated(harness.baseUrl, 'dana');
  tom = await signInAs(harness.baseUrl, demoStaff('tom'));
  const ravi = await signInAs(harness.baseUrl, demoStaff('ravi'));
  hannah = await addPupil(harness.table, tom.schoolId, 'Hannah', 'Greenwood');
  matthew = await addPupil(harness.table, tom.schoolId, 'Matthew', 'Greenwood');
  riversidePupil = await addPupil(harness.table, ravi.schoolId, 'Rosa', 'Ince');
  category = await categoriesOf(harness.table, tom.schoolId);

  // Teachers here may record in every category but Child protection.
  const groups = await dana.json<{
    items: ({ groupId: string; name: string; version: number } & Record<string, unknown>)[];
  }>('GET', '/api/admin/user-groups');
  const teachers = groups.body.items.find((group) => group.name === 'Teachers')!;
  const permissions = teachers.categoryPermissions as Record<string, unknown>;
  const updated = await dana.json('PUT', `/api/admin/user-groups/${teachers.groupId}`, {
    name: teachers.name,
    description: teachers.description,
    systemPermissions: teachers.systemPermissions,
    categoryPermissions: {
      ...permissions,
      [category('Child protection').categoryId]: {
        viewStudents: false,
        viewIncidents: false,
        addIncidents: false,
      },
    },
    newCategoryDefault: teachers.newCategoryDefault,
    version: teachers.version,
  });
  expect(updated.status).toBe(200);
  // Signing in three people (scrypt) and elevating one: more than one request's budget on a busy machine.
}, 120_000);

afterAll(async () => {
  await harness.close();
});

async function chronologyNumbers(pupilId: string): Promise<number[]> {
  const page = await dana.json<ChronologyPage>('GET', `/api/chronology/${pupilId}?limit=100`);
  expect(page.status).toBe(200);
  return page.body.items.map((item) => item.number);
}

it('lets a teacher without a key add an incident with a linked pupil, alerts and an assignee', async () => {
  const body = incidentBody(
    hannah,
    [category('Bullying').categoryId, category('Cyber', 'Bullying').categoryId],
    {
      linkedPupils: [{ pupilId: matthew, role: 'witness', categoryIds: [category('Behaviour').categoryId] }],
      alerts: { personIds: [dana.personId], alertGroupIds: [] },
      assignedTo: dana.personId,
      bodyMap: [{ view: 'front', x: 0.4, y: 0.3, note: 'bruise' }],
      referral: { decision: 'not-referred', rationale: 'Handled in school with parents.' },
    },
  );
  const added = await tom.json<Receipt>('POST', '/api/incidents', body);
  expect(added.status).toBe(201);
  alertedIncident = body.incidentId;
  expect(added.body).toMatchObject({ incidentId: body.incidentId, pupilId: hannah });
  expect(added.body).not.toHaveProperty('text');

  // The same request again (a retry) answers the same incident and writes nothing new.
  const again = await tom.json<Receipt>('POST', '/api/incidents', body);
  expect(again.status).toBe(200);
  expect(again.body.number).toBe(added.body.number);
  // A different incident under a used id is a conflict.
  const clash = await tom.json<Problem>('POST', '/api/incidents', { ...body, text: 'Another concern.' });
  expect(clash.status).toBe(409);
  expect(clash.body.errors?.[0]?.field).toBe('body.incidentId');

  // Each pupil's copy holds only their own role and categories (BYD-4).
  const hannahs = await dana.json<ChronologyPage>('GET', `/api/chronology/${hannah}`);
  const matthews = await dana.json<ChronologyPage>('GET', `/api/chronology/${matthew}`);
  expect(hannahs.body.items).toEqual([
    expect.objectContaining({
      incidentId: body.incidentId,
      role: 'subject',
      categoryIds: [category('Bullying').categoryId, category('Cyber', 'Bullying').categoryId],
      referral: expect.objectContaining({
        decision: 'not-referred',
        decidedBy: { personId: tom.personId, name: 'Tom Reed' },
      }),
    }),
  ]);
  expect(matthews.body.items).toEqual([
    expect.objectContaining({ role: 'witness', categoryIds: [category('Behaviour').categoryId] }),
  ]);

  // Both pupils' audit reports show the change.
  const audit = await dana.json<{ items: { action: string; actorName: string }[] }>(
    'GET',
    `/api/audit/pupils/${matthew}`,
  );
  expect(audit.body.items).toEqual(
    expect.arrayContaining([expect.objectContaining({ action: 'incident.create', actorName: 'Tom Reed' })]),
  );
});

it('mails each recipient who alerted them and which categories, never the text or the pupil', async () => {
  const mails = (await mailTo(demoStaff('dana').email)).filter((mail) =>
    mail.body.text.includes(`/incidents/${alertedIncident}?`),
  );
  const alert = mails.find((mail) => mail.subject.startsWith('Tom Reed alerted you'));
  expect(alert?.subject).toBe('Tom Reed alerted you to an incident (Bullying, Cyber)');
  expect(alert?.body.text).toContain(`/incidents/${alertedIncident}?pupilId=${hannah}`);
  const assigned = mails.find((mail) => mail.subject.startsWith('Tom Reed assigned'));
  expect(assigned?.subject).toBe('Tom Reed assigned an incident to you (Bullying, Cyber)');
  for (const mail of [alert, assigned]) {
    expect(mail?.body.text).not.toMatch(/crying|phone|photo/);
    expect(mail?.body.text).not.toMatch(/Hannah|Greenwood/);
  }
  // The retry above did not send the mails again.
  expect(mails.filter((mail) => mail.subject.startsWith('Tom Reed alerted you'))).toHaveLength(1);
});

describe('refuses, naming the field and writing nothing', () => {
  let before: number[];
  beforeAll(async () => {
    before = await chronologyNumbers(hannah);
  });
  afterAll(async () => {
    expect(await chronologyNumbers(hannah)).toEqual(before);
  });

  const cases: [string, () => Record<string, unknown>, number, string][] = [
    ['no category', () => incidentBody(hannah, []), 400, 'body.categoryIds'],
    ['an unknown category', () => incidentBody(hannah, ['no-such-category']), 400, 'body.categoryIds.0'],
    [
      'an empty text',
      () => ({ ...incidentBody(hannah, [category('Bullying').categoryId]), text: '  ' }),
      400,
      'body.text',
    ],
    [
      'an unknown pupil',
      () => incidentBody(randomUUID(), [category('Bullying').categoryId]),
      404,
      'body.pupilId',
    ],
    [
      'a pupil of another school',
      () => incidentBody(riversidePupil, [category('Bullying').categoryId]),
      404,
      'body.pupilId',
    ],
    [
      'a linked pupil of another school',
      () =>
        incidentBody(hannah, [category('Bullying').categoryId], {
          linkedPupils: [
            { pupilId: riversidePupil, role: 'victim', categoryIds: [category('Bullying').categoryId] },
          ],
        }),
      404,
      'body.linkedPupils.0.pupilId',
    ],
    [
      'the subject linked to itself',
      () =>
        incidentBody(hannah, [category('Bullying').categoryId], {
          linkedPupils: [{ pupilId: hannah, role: 'victim', categoryIds: [category('Bullying').categoryId] }],
        }),
      400,
      'body.linkedPupils.0.pupilId',
    ],
    [
      'a time in the future',
      () =>
        incidentBody(hannah, [category('Bullying').categoryId], {
          occurredAt: new Date(Date.now() + 10 * 60_000).toISOString(),
        }),
      400,
      'body.occurredAt',
    ],
    [
      'an assignee without a key',
      () => incidentBody(hannah, [category('Bullying').categoryId], { assignedTo: tom.personId }),
      400,
      'body.assignedTo',
    ],
    [
      'an alert to someone not on the staff',
      () =>
        incidentBody(hannah, [category('Bullying').categoryId], { alerts: { personIds: [randomUUID()] } }),
      400,
      'body.alerts.personIds.0',
    ],
    [
      'an unknown agency',
      () => incidentBody(hannah, [category('Bullying').categoryId], { agencyIds: [randomUUID()] }),
      400,
      'body.agencyIds.0',
    ],
    [
      'a category the teacher may not record in',
      () => incidentBody(hannah, [category('Child protection').categoryId]),
      403,
      'body.categoryIds.0',
    ],
  ];

  it.each(cases)('%s', async (_name, body, status, field) => {
    const refused = await tom.json<Problem>('POST', '/api/incidents', body());
    expect(refused.status).toBe(status);
    expect(refused.body.errors?.map((error) => error.field)).toContain(field);
  });
});

it('numbers incidents without gaps from refused requests', async () => {
  const first = await tom.json<Receipt>(
    'POST',
    '/api/incidents',
    incidentBody(matthew, [category('Behaviour').categoryId]),
  );
  await tom.json('POST', '/api/incidents', incidentBody(matthew, ['no-such-category']));
  const second = await tom.json<Receipt>(
    'POST',
    '/api/incidents',
    incidentBody(matthew, [category('Behaviour').categoryId]),
  );
  expect(second.body.number).toBe(first.body.number + 1);
});

it('requires at least one alert when the school turns that on', async () => {
  const settings = await dana.json<Record<string, unknown> & { version: number }>(
    'GET',
    '/api/admin/settings',
  );
  const { schoolId: _school, updatedAt: _updated, ...input } = settings.body;
  const strict = await dana.json<{ version: number }>('PUT', '/api/admin/settings', {
    ...input,
    requireAlert: true,
  });
  expect(strict.status).toBe(200);

  const refused = await tom.json<Problem>(
    'POST',
    '/api/incidents',
    incidentBody(hannah, [category('Behaviour').categoryId]),
  );
  expect(refused.status).toBe(400);
  expect(refused.body.errors).toEqual([
    { field: 'body.alerts', reason: 'alert at least one person or alert group: this school requires it' },
  ]);
  const group = await dana.json<{ alertGroupId: string }>('POST', '/api/admin/alert-groups', {
    name: 'Safeguarding team',
    personIds: [dana.personId],
  });
  const accepted = await tom.json('POST', '/api/incidents', {
    ...incidentBody(hannah, [category('Behaviour').categoryId]),
    alerts: { alertGroupIds: [group.body.alertGroupId] },
  });
  expect(accepted.status).toBe(201);

  await dana.json('PUT', '/api/admin/settings', {
    ...input,
    requireAlert: false,
    version: strict.body.version,
  });
});

it('lists the staff and alert groups for the form, with who holds a key', async () => {
  const directory = await tom.json<{
    members: { personId: string; displayName: string; hasKey: boolean }[];
    alertGroups: { name: string }[];
    requireAlert: boolean;
  }>('GET', '/api/staff');
  expect(directory.status).toBe(200);
  expect(directory.body.requireAlert).toBe(false);
  expect(directory.body.members).toEqual(
    expect.arrayContaining([
      { personId: dana.personId, displayName: 'Dana Shah', hasKey: true },
      { personId: tom.personId, displayName: 'Tom Reed', hasKey: false },
    ]),
  );
  expect(directory.body.members[0]).not.toHaveProperty('email');
  expect(directory.body.alertGroups.map((group) => group.name)).toContain('Safeguarding team');
});

it('attaches the recorder’s uploads and shares them with linked pupils, each file once', async () => {
  const pdf = Buffer.from(
    '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  );
  const uploaded = await uploadDocument(tom, hannah, 'Body map photo notes.pdf', 'application/pdf', pdf);
  const body = incidentBody(hannah, [category('Bullying').categoryId], {
    linkedPupils: [{ pupilId: matthew, role: 'witness', categoryIds: [category('Behaviour').categoryId] }],
    documentIds: [uploaded.documentId],
    shareDocumentsWithLinked: true,
  });
  expect((await tom.json('POST', '/api/incidents', body)).status).toBe(201);

  type Documents = { items: { documentId: string; incidentId?: string; shared: boolean }[] };
  const hannahs = await dana.json<Documents>('GET', `/api/vault/pupils/${hannah}/documents`);
  expect(hannahs.body.items).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        documentId: uploaded.documentId,
        incidentId: body.incidentId,
        shared: false,
      }),
    ]),
  );
  const matthews = await dana.json<Documents>('GET', `/api/vault/pupils/${matthew}/documents`);
  expect(matthews.body.items).toEqual([
    expect.objectContaining({ incidentId: body.incidentId, shared: true }),
  ]);

  const again = await tom.json<Problem>(
    'POST',
    '/api/incidents',
    incidentBody(hannah, [category('Bullying').categoryId], { documentIds: [uploaded.documentId] }),
  );
  expect(again.status).toBe(400);
  expect(again.body.errors?.[0]?.field).toBe('body.documentIds');
});

/**
 * Changing incidents and actions over HTTP (REC-6): edits keep every earlier version and rewrite every
 * pupil's copy; a stale version, a missing reason, a deleted incident, a caller without incidents.edit
 * or without the incident's category are refused with nothing changed; deleting leaves a marker that
 * editors see with its reason and restore, and others never see; closing drops the assignee's entry.
 */
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
import type { Category } from '../../../lib/categories/category';

interface Marker {
  at: string;
  by: { name: string };
  reason: string;
}
interface Copy {
  incidentId: string;
  number: number;
  text: string;
  version: number;
  role: string;
  categoryIds: string[];
  status: string;
  deleted?: Marker;
  actions: { actionId: string; text: string; version: number; deleted?: Marker }[];
}
interface Page {
  items: Copy[];
  pinned: Copy[];
}
interface IncidentRecord {
  incidentId: string;
  number: number;
  text: string;
  version: number;
  status: string;
  changeReason?: string;
  updatedBy: { name: string };
  deleted?: Marker;
}
interface History {
  incident: IncidentRecord;
  versions: IncidentRecord[];
  actions: { action: { actionId: string; text: string; version: number }; versions: { text: string }[] }[];
}

let harness: ApiHarness;
let dana: StaffClient;
let priya: StaffClient;
let tom: StaffClient;
let hannah: string;
let matthew: string;
let category: (name: string, parent?: string) => Category;
let pastoralGroupId: string;
let priyaId: string;

beforeAll(async () => {
  harness = await startApiHarness();
  dana = await signInElevated(harness.baseUrl, 'dana');
  tom = await signInAs(harness.baseUrl, demoStaff('tom'));
  hannah = await addPupil(harness.table, dana.schoolId, 'Hannah', 'Greenwood');
  matthew = await addPupil(harness.table, dana.schoolId, 'Matthew', 'Greenwood');
  category = await categoriesOf(harness.table, dana.schoolId);

  // Priya may edit incidents, but not see Child protection.
  ({ groupId: pastoralGroupId, priyaId } = await moveLeadIntoGroupWithoutChildProtection(
    dana,
    category,
    'Pastoral editors',
    ['students.list', 'students.details', 'students.withoutClass', 'incidents.add', 'incidents.edit'],
  ));
  priya = await signInElevated(harness.baseUrl, 'priya', dana.schoolId);
}, 120_000);

afterAll(async () => {
  await harness.close();
});

async function addIncident(
  client: StaffClient,
  extra: Record<string, unknown> = {},
  categoryName = 'Bullying',
) {
  const body = incidentBody(hannah, [category(categoryName).categoryId], {
    linkedPupils: [
      { pupilId: matthew, role: 'perpetrator', categoryIds: [category('Behaviour').categoryId] },
    ],
    ...extra,
  });
  const added = await client.json<{ incidentId: string; number: number }>('POST', '/api/incidents', body);
  expect(added.status).toBe(201);
  return added.body;
}

async function chronology(client: StaffClient, pupilId = hannah): Promise<Page> {
  const page = await client.json<Page>('GET', `/api/chronology/${pupilId}`);
  expect(page.status).toBe(200);
  return page.body;
}

async function history(incidentId: string): Promise<History> {
  const read = await dana.json<History>('GET', `/api/incidents/${incidentId}/history`);
  expect(read.status).toBe(200);
  return read.body;
}

function copyOf(page: Page, incidentId: string): Copy | undefined {
  return page.items.find((item) => item.incidentId === incidentId);
}

it('keeps the earlier version on every edit and rewrites every pupil’s copy', async () => {
  const { incidentId } = await addIncident(tom);
  const edited = await dana.json<IncidentRecord>('PATCH', `/api/incidents/${incidentId}`, {
    version: 1,
    reason: 'Corrected the account after speaking to the class teacher',
    text: 'Seen crying at the gate; an older pupil took her phone.',
  });
  expect(edited.status).toBe(200);
  expect(edited.body).toMatchObject({
    version: 2,
    text: 'Seen crying at the gate; an older pupil took her phone.',
  });

  const again = await dana.json<IncidentRecord>('PATCH', `/api/incidents/${incidentId}`, {
    version: 2,
    reason: 'Pupils reclassified',
    pupils: [{ pupilId: matthew, role: 'witness', categoryIds: [category('Behaviour').categoryId] }],
  });
  expect(again.status).toBe(200);

  const read = await history(incidentId);
  expect(read.incident).toMatchObject({
    version: 3,
    changeReason: 'Pupils reclassified',
    updatedBy: { name: 'Dana Shah' },
  });
  expect(read.versions.map((version) => [version.version, version.text])).toEqual([
    [1, incidentBody(hannah, []).text],
    [2, 'Seen crying at the gate; an older pupil took her phone.'],
  ]);
  expect(read.versions[1]!.changeReason).toBe('Corrected the account after speaking to the class teacher');

  for (const pupilId of [hannah, matthew]) {
    const copy = copyOf(await chronology(dana, pupilId), incidentId);
    expect(copy).toMatchObject({
      version: 3,
      text: 'Seen crying at the gate; an older pupil took her phone.',
    });
  }
  expect(copyOf(await chronology(dana, matthew), incidentId)?.role).toBe('witness');
  const audit = await dana.json<{ items: { action: string; detail?: string }[] }>(
    'GET',
    `/api/audit/pupils/${matthew}`,
  );
  expect(audit.body.items).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        action: 'incident.update',
        detail: expect.stringContaining('edited pupils'),
      }),
    ]),
  );
});

it('refuses a stale version with 409 and changes nothing', async () => {
  const { incidentId } = await addIncident(dana);
  expect(
    (
      await dana.json('PATCH', `/api/incidents/${incidentId}`, {
        version: 1,
        reason: 'first',
        text: 'First edit.',
      })
    ).status,
  ).toBe(200);
  const stale = await dana.json<Problem>('PATCH', `/api/incidents/${incidentId}`, {
    version: 1,
    reason: 'made against the old version',
    text: 'Lost update.',
  });
  expect(stale.status).toBe(409);
  expect(stale.body.errors?.[0]?.field).toBe('body.version');
  const read = await history(incidentId);
  expect(read.incident).toMatchObject({ version: 2, text: 'First edit.' });
  expect(read.versions).toHaveLength(1);
});

it('requires a reason, incidents.edit and sight of the incident’s categories', async () => {
  const { incidentId } = await addIncident(dana);
  const noReason = await dana.json<Problem>('PATCH', `/api/incidents/${incidentId}`, {
    version: 1,
    text: 'No reason given.',
  });
  expect(noReason.status).toBe(400);
  expect(noReason.body.errors?.map((error) => error.field)).toContain('body.reason');
  const blank = await dana.json<Problem>('POST', `/api/incidents/${incidentId}/delete`, {
    version: 1,
    reason: '   ',
  });
  expect(blank.status).toBe(400);
  expect(blank.body.errors?.map((error) => error.field)).toContain('body.reason');

  const teacher = await tom.json<Problem>('PATCH', `/api/incidents/${incidentId}`, {
    version: 1,
    reason: 'r',
    text: 'Tom tries.',
  });
  expect(teacher.status).toBe(403);

  // Priya may edit, but may not see Child protection: that incident is not there for her.
  const protectedOne = await addIncident(dana, { linkedPupils: [] }, 'Child protection');
  const hidden = await priya.json<Problem>('PATCH', `/api/incidents/${protectedOne.incidentId}`, {
    version: 1,
    reason: 'trying',
    text: 'Priya edits what she cannot see.',
  });
  expect(hidden.status).toBe(404);
  expect((await priya.json<Problem>('GET', `/api/incidents/${protectedOne.incidentId}/history`)).status).toBe(
    404,
  );
  // …while one she sees in full she may edit.
  expect(
    (
      await priya.json('PATCH', `/api/incidents/${incidentId}`, {
        version: 1,
        reason: 'typo',
        text: 'Priya fixed it.',
      })
    ).status,
  ).toBe(200);
  expect((await history(protectedOne.incidentId)).incident.version).toBe(1);
  expect((await history(incidentId)).incident.text).toBe('Priya fixed it.');
});

it('deletes with a marker editors see with its reason, refuses edits while deleted, and restores', async () => {
  const { incidentId } = await addIncident(dana, { alerts: { personIds: [tom.personId] } });
  const refusedDelete = await dana.json<Problem>('POST', `/api/incidents/${incidentId}/delete`, {
    version: 1,
  });
  expect(refusedDelete.status).toBe(400);

  const deleted = await dana.json<IncidentRecord>('POST', `/api/incidents/${incidentId}/delete`, {
    version: 1,
    reason: 'Recorded against the wrong pupil',
  });
  expect(deleted.status).toBe(200);
  expect(deleted.body.deleted).toMatchObject({
    reason: 'Recorded against the wrong pupil',
    by: { name: 'Dana Shah' },
  });

  // Editors see the marker, with the reason, on every pupil's chronology and can open it.
  for (const pupilId of [hannah, matthew]) {
    expect(copyOf(await chronology(dana, pupilId), incidentId)?.deleted?.reason).toBe(
      'Recorded against the wrong pupil',
    );
  }
  const opened = await dana.json<{ incident: Copy }>('GET', `/api/incidents/${incidentId}?pupilId=${hannah}`);
  expect(opened.status).toBe(200);
  expect(opened.body.incident.deleted?.reason).toBe('Recorded against the wrong pupil');
  // Tom, alerted to it, no longer finds it at all.
  expect((await tom.json('GET', `/api/incidents/${incidentId}?pupilId=${hannah}`)).status).toBe(404);

  const editDeleted = await dana.json<Problem>('PATCH', `/api/incidents/${incidentId}`, {
    version: 2,
    reason: 'edit while deleted',
    text: 'Should not land.',
  });
  expect(editDeleted.status).toBe(409);
  expect((await history(incidentId)).incident).toMatchObject({
    version: 2,
    text: incidentBody(hannah, []).text,
  });

  const restored = await dana.json<IncidentRecord>('POST', `/api/incidents/${incidentId}/restore`, {
    version: 2,
    reason: 'It was the right pupil after all',
  });
  expect(restored.status).toBe(200);
  expect(restored.body.deleted).toBeUndefined();
  expect(copyOf(await chronology(dana), incidentId)?.deleted).toBeUndefined();
  expect((await tom.json('GET', `/api/incidents/${incidentId}?pupilId=${hannah}`)).status).toBe(200);
  const read = await history(incidentId);
  expect(read.incident.changeReason).toBe('It was the right pupil after all');
  expect(read.versions.map((version) => Boolean(version.deleted))).toEqual([false, true]);
  expect(
    (
      await dana.json<Problem>('POST', `/api/incidents/${incidentId}/restore`, {
        version: 3,
        reason: 'again',
      })
    ).status,
  ).toBe(409);
});

it('edits, deletes and restores an action, keeping its versions', async () => {
  const { incidentId } = await addIncident(dana);
  const action = actionBody(hannah);
  expect((await dana.json('POST', `/api/incidents/${incidentId}/actions`, action)).status).toBe(201);
  const path = `/api/incidents/${incidentId}/actions/${action.actionId}`;
  const edited = await dana.json<{ version: number; text: string }>('PATCH', path, {
    version: 1,
    reason: 'Wrong day',
    text: 'Phoned mum; meeting booked for Friday.',
  });
  expect(edited.status).toBe(200);
  expect((await dana.json<Problem>('PATCH', path, { version: 1, reason: 'stale', text: 'x' })).status).toBe(
    409,
  );
  expect(copyOf(await chronology(dana), incidentId)?.actions.map((entry) => entry.text)).toEqual([
    'Phoned mum; meeting booked for Friday.',
  ]);

  expect((await dana.json('POST', `${path}/delete`, { version: 2, reason: 'Duplicate note' })).status).toBe(
    200,
  );
  const marker = copyOf(await chronology(dana), incidentId)?.actions[0];
  expect(marker?.deleted?.reason).toBe('Duplicate note');
  expect((await dana.json('POST', `${path}/restore`, { version: 3, reason: 'Not a duplicate' })).status).toBe(
    200,
  );

  const read = await history(incidentId);
  expect(read.actions).toEqual([
    expect.objectContaining({
      action: expect.objectContaining({ actionId: action.actionId, version: 4 }),
      versions: [
        expect.objectContaining({ text: 'Phoned mum; meeting booked for Thursday.' }),
        expect.objectContaining({ text: 'Phoned mum; meeting booked for Friday.' }),
        expect.objectContaining({ text: 'Phoned mum; meeting booked for Friday.' }),
      ],
    }),
  ]);
});

it('drops the assignee’s dashboard entry when the incident is closed, and moves it on re-assigning', async () => {
  const { incidentId } = await addIncident(dana, { assignedTo: dana.personId });
  const assigned = async (client: StaffClient) =>
    (
      await client.json<{ myAssigned?: { incidentId: string }[] }>('GET', '/api/dashboard')
    ).body.myAssigned?.map((row) => row.incidentId) ?? [];
  expect(await assigned(dana)).toContain(incidentId);
  const moved = await dana.json('PATCH', `/api/incidents/${incidentId}`, {
    version: 1,
    reason: 'Priya is leading on this',
    assignedTo: priyaId,
  });
  expect(moved.status).toBe(200);
  expect(await assigned(dana)).not.toContain(incidentId);
  expect(await assigned(priya)).toContain(incidentId);
  const closed = await dana.json('PATCH', `/api/incidents/${incidentId}`, {
    version: 2,
    reason: 'Resolved',
    status: 'closed',
  });
  expect(closed.status).toBe(200);
  expect(await assigned(priya)).not.toContain(incidentId);
  expect(copyOf(await chronology(dana), incidentId)?.status).toBe('closed');
});

it('hides deleted incidents from key holders without incidents.edit', async () => {
  const { incidentId } = await addIncident(dana);
  expect(
    (await dana.json('POST', `/api/incidents/${incidentId}/delete`, { version: 1, reason: 'Test entry' }))
      .status,
  ).toBe(200);
  const groups = await dana.json<{ items: { groupId: string; name: string }[] }>(
    'GET',
    '/api/admin/user-groups',
  );
  const leaders = groups.body.items.find((group) => group.name === 'Senior Leadership Team')!;
  expect((await dana.json('PATCH', `/api/admin/users/${priyaId}`, { groupId: leaders.groupId })).status).toBe(
    200,
  );
  const reader = await signInElevated(harness.baseUrl, 'priya', dana.schoolId);
  try {
    const page = await reader.json<Page>('GET', `/api/chronology/${hannah}`);
    expect(page.status).toBe(200);
    expect(page.body.items.length).toBeGreaterThan(0);
    expect(copyOf(page.body, incidentId)).toBeUndefined();
    expect((await reader.json('GET', `/api/incidents/${incidentId}?pupilId=${hannah}`)).status).toBe(404);
  } finally {
    expect(
      (await dana.json('PATCH', `/api/admin/users/${priyaId}`, { groupId: pastoralGroupId })).status,
    ).toBe(200);
  }
}, 60_000);

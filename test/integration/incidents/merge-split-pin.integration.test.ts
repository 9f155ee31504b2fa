/**
 * Merging, splitting and pinning over HTTP (REC-6): an incident merged into another shows on each
 * pupil's chronology as an action of that one and no longer on its own; merging into itself, into a
 * deleted incident or without confirming changes nothing; an action split out becomes a numbered
 * incident of its own; a pinned incident heads the chronology's first page.
 */
import { randomUUID } from 'node:crypto';
import type { Category } from '../../../lib/categories/category';
import { startApiHarness, type ApiHarness } from '../../support/api-harness';
import { signInElevated, type StaffClient } from '../../support/staff-client';
import { actionBody, addPupil, categoriesOf, incidentBody, type Problem } from './incident-test-support';

interface Copy {
  incidentId: string;
  number: number;
  text: string;
  categoryIds: string[];
  actions: { actionId: string; text: string }[];
}
interface Page {
  items: Copy[];
  pinned: Copy[];
}

let harness: ApiHarness;
let dana: StaffClient;
let hannah: string;
let matthew: string;
let category: (name: string, parent?: string) => Category;

beforeAll(async () => {
  harness = await startApiHarness();
  dana = await signInElevated(harness.baseUrl, 'dana');
  hannah = await addPupil(harness.table, dana.schoolId, 'Hannah', 'Greenwood');
  matthew = await addPupil(harness.table, dana.schoolId, 'Matthew', 'Greenwood');
  category = await categoriesOf(harness.table, dana.schoolId);
}, 120_000);

afterAll(async () => {
  await harness.close();
});

async function addIncident(text: string, hoursAgo: number, extra: Record<string, unknown> = {}) {
  const body = incidentBody(hannah, [category('Bullying').categoryId], {
    text,
    occurredAt: new Date(Date.now() - hoursAgo * 3600_000).toISOString(),
    ...extra,
  });
  const added = await dana.json<{ incidentId: string; number: number }>('POST', '/api/incidents', body);
  expect(added.status).toBe(201);
  return added.body;
}

async function chronology(pupilId = hannah): Promise<Page> {
  const page = await dana.json<Page>('GET', `/api/chronology/${pupilId}?limit=50`);
  expect(page.status).toBe(200);
  return page.body;
}

it('merges an incident into another: it becomes an action of that one on the chronology', async () => {
  const kept = await addIncident('Took her phone at lunch.', 5, {
    linkedPupils: [
      { pupilId: matthew, role: 'perpetrator', categoryIds: [category('Behaviour').categoryId] },
    ],
  });
  const duplicate = await addIncident('Phone taken at lunchtime (recorded again by another teacher).', 4, {
    categoryIds: [category('Cyber', 'Bullying').categoryId],
  });
  const path = `/api/incidents/${duplicate.incidentId}/merge`;

  const itself = await dana.json<Problem>('POST', path, {
    version: 1,
    reason: 'Duplicate',
    intoNumber: duplicate.number,
    confirm: true,
  });
  expect(itself.status).toBe(400);
  expect(itself.body.errors?.[0]?.field).toBe('body.intoNumber');
  const nowhere = await dana.json<Problem>('POST', path, {
    version: 1,
    reason: 'Duplicate',
    intoNumber: 999_999,
    confirm: true,
  });
  expect(nowhere.status).toBe(400);
  const unconfirmed = await dana.json<Problem>('POST', path, {
    version: 1,
    reason: 'Duplicate',
    intoNumber: kept.number,
  });
  expect(unconfirmed.status).toBe(400);
  expect(unconfirmed.body.errors?.map((error) => error.field)).toContain('body.confirm');

  const preview = await dana.json<{ merged: boolean; into: { number: number; text: string } }>('POST', path, {
    version: 1,
    reason: 'Duplicate',
    intoNumber: kept.number,
    confirm: false,
  });
  expect(preview.status).toBe(200);
  expect(preview.body).toMatchObject({
    merged: false,
    into: { number: kept.number, text: 'Took her phone at lunch.' },
  });
  expect((await chronology()).items.map((item) => item.incidentId)).toContain(duplicate.incidentId);

  const merged = await dana.json<{ merged: boolean }>('POST', path, {
    version: 1,
    reason: 'Recorded twice',
    intoNumber: kept.number,
    confirm: true,
  });
  expect(merged.status).toBe(200);
  expect(merged.body.merged).toBe(true);

  const page = await chronology();
  expect(page.items.map((item) => item.incidentId)).not.toContain(duplicate.incidentId);
  const keptCopy = page.items.find((item) => item.incidentId === kept.incidentId)!;
  expect(keptCopy.actions.map((action) => action.text)).toEqual([
    'Phone taken at lunchtime (recorded again by another teacher).',
  ]);
  // The kept incident now carries the merged one's categories for Hannah, so protection still covers it.
  expect(keptCopy.categoryIds).toEqual(
    expect.arrayContaining([category('Bullying').categoryId, category('Cyber', 'Bullying').categoryId]),
  );
  // Matthew was not involved in the duplicate: his copy shows no action from it.
  const matthews = (await chronology(matthew)).items.find((item) => item.incidentId === kept.incidentId)!;
  expect(matthews.actions).toEqual([]);

  const history = await dana.json<{ incident: { mergedInto?: string } }>(
    'GET',
    `/api/incidents/${duplicate.incidentId}/history`,
  );
  expect(history.body.incident.mergedInto).toBe(kept.incidentId);
  const twice = await dana.json<Problem>('POST', path, {
    version: 2,
    reason: 'again',
    intoNumber: kept.number,
    confirm: true,
  });
  expect(twice.status).toBe(409);
});

it('refuses to merge into a deleted incident or one missing a pupil, changing nothing', async () => {
  const gone = await addIncident('Deleted later.', 8);
  expect(
    (await dana.json('POST', `/api/incidents/${gone.incidentId}/delete`, { version: 1, reason: 'Test' }))
      .status,
  ).toBe(200);
  const other = await addIncident('A second concern.', 7, {
    linkedPupils: [{ pupilId: matthew, role: 'witness', categoryIds: [category('Behaviour').categoryId] }],
  });
  const intoDeleted = await dana.json<Problem>('POST', `/api/incidents/${other.incidentId}/merge`, {
    version: 1,
    reason: 'Duplicate',
    intoNumber: gone.number,
    confirm: true,
  });
  expect(intoDeleted.status).toBe(400);
  expect(intoDeleted.body.errors?.[0]).toEqual({ field: 'body.intoNumber', reason: 'is deleted' });
  const onlyHannah = await addIncident('Only Hannah here.', 6);
  const missing = await dana.json<Problem>('POST', `/api/incidents/${other.incidentId}/merge`, {
    version: 1,
    reason: 'Duplicate',
    intoNumber: onlyHannah.number,
    confirm: true,
  });
  expect(missing.status).toBe(400);
  const ids = (await chronology()).items.map((item) => item.incidentId);
  expect(ids).toEqual(expect.arrayContaining([other.incidentId, onlyHannah.incidentId]));
});

it('splits an action out as an incident of its own with the next number', async () => {
  const parent = await addIncident('Argument in the playground.', 3);
  const action = actionBody(hannah, { text: 'Later disclosed something at home that worried her.' });
  expect((await dana.json('POST', `/api/incidents/${parent.incidentId}/actions`, action)).status).toBe(201);
  const newId = randomUUID();
  const body = {
    version: 1,
    reason: 'A separate concern',
    incidentId: newId,
    categoryIds: [category('Child protection').categoryId],
  };
  const path = `/api/incidents/${parent.incidentId}/actions/${action.actionId}/split`;
  const split = await dana.json<{ incidentId: string; number: number }>('POST', path, body);
  expect(split.status).toBe(201);
  expect(split.body.incidentId).toBe(newId);
  expect(split.body.number).toBeGreaterThan(parent.number);
  const again = await dana.json<{ number: number }>('POST', path, body);
  expect(again.status).toBe(200);
  expect(again.body.number).toBe(split.body.number);

  const page = await chronology();
  const created = page.items.find((item) => item.incidentId === newId)!;
  expect(created).toMatchObject({
    number: split.body.number,
    text: 'Later disclosed something at home that worried her.',
    categoryIds: [category('Child protection').categoryId],
  });
  expect(page.items.find((item) => item.incidentId === parent.incidentId)!.actions).toEqual([]);
});

it('puts pinned incidents at the top of the chronology’s first page', async () => {
  const old = await addIncident('An old but important concern.', 24 * 30);
  await addIncident('A newer concern.', 1);
  const before = await chronology();
  expect(before.items[0]!.incidentId).not.toBe(old.incidentId);

  const pin = await dana.json<{ pinned: boolean }>('POST', `/api/incidents/${old.incidentId}/pin`, {
    pupilId: hannah,
    pinned: true,
  });
  expect(pin.status).toBe(200);
  // A small first page that stops before the old incident still lists it at the top.
  const first = await dana.json<Page>('GET', `/api/chronology/${hannah}?limit=1`);
  expect(first.body.pinned.map((item) => item.incidentId)).toEqual([old.incidentId]);
  expect(first.body.pinned[0]!.text).toBe('An old but important concern.');
  expect(first.body.items[0]!.incidentId).not.toBe(old.incidentId);
  // Pins belong to one pupil's chronology.
  expect((await chronology(matthew)).pinned).toEqual([]);

  expect(
    (await dana.json('POST', `/api/incidents/${old.incidentId}/pin`, { pupilId: hannah, pinned: false }))
      .status,
  ).toBe(200);
  expect((await chronology()).pinned).toEqual([]);
});

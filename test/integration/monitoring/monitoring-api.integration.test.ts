/**
 * Monitoring over HTTP (REC-7): starting and stopping categories for one pupil, the history with
 * durations, the monitored lists, bulk changes from a class register, and who may do each.
 */
import { randomUUID } from 'node:crypto';
import { startApiHarness, type ApiHarness } from '../../support/api-harness';
import { demoStaff, signInAs, signInElevated, type StaffClient } from '../../support/staff-client';

interface Filters {
  classes: { classId: string; name: string }[];
  categories: { categoryId: string; name: string; parentId?: string }[];
}
interface ListItem {
  pupilId: string;
  monitoring: { categoryId: string; categoryName: string; since: string }[];
}
interface History {
  entries: {
    categoryId: string;
    since: string;
    until?: string;
    durationDays: number;
    open: boolean;
    reason: string;
  }[];
  today: string;
  mayChange: boolean;
  categories: { categoryId: string }[];
}
interface Problem {
  type?: string;
  errors?: { field: string; reason: string }[];
}

let harness: ApiHarness;
let dana: StaffClient;
let filters: Filters;
let register: ListItem[];
let first: string;
let second: string;

// Seeding the demo schools (450 pupils) and elevating can take a while on a busy machine.
beforeAll(async () => {
  harness = await startApiHarness();
  dana = await signInElevated(harness.baseUrl, 'dana');
  filters = (await dana.json<Filters>('GET', '/api/pupils/filters')).body;
  const year2 = filters.classes.find((candidate) => candidate.name === '2B')!;
  register = (await dana.json<{ items: ListItem[] }>('GET', `/api/pupils?classId=${year2.classId}&limit=100`))
    .body.items;
  first = filters.categories[0]!.categoryId;
  second = filters.categories[1]!.categoryId;
}, 120_000);

afterAll(async () => {
  await harness.close();
});

function daysAgo(days: number, today: string): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

it('starts and stops monitoring by hand, with a history of durations that others’ lists follow', async () => {
  const pupilId = register[0]!.pupilId;
  const empty = await dana.json<History>('GET', `/api/pupils/${pupilId}/monitoring`);
  expect(empty.status).toBe(200);
  expect(empty.body).toMatchObject({ entries: [], mayChange: true });
  const today = empty.body.today;

  const started = await dana.json<{ started: string[] }>('POST', `/api/pupils/${pupilId}/monitoring`, {
    start: [first, second],
    startDate: daysAgo(10, today),
  });
  expect(started.status).toBe(200);
  expect(started.body.started.sort()).toEqual([first, second].sort());
  // Starting again changes nothing.
  const again = await dana.json<{ started: string[] }>('POST', `/api/pupils/${pupilId}/monitoring`, {
    start: [first],
  });
  expect(again.body.started).toEqual([]);

  const record = await dana.json<{ monitoring: { categoryId: string }[] }>('GET', `/api/pupils/${pupilId}`);
  expect(record.body.monitoring.map((entry) => entry.categoryId).sort()).toEqual([first, second].sort());
  const monitored = await dana.json<{ items: ListItem[] }>('GET', '/api/pupils?monitored=true&limit=100');
  expect(monitored.body.items.map((item) => item.pupilId)).toContain(pupilId);
  const inCategory = await dana.json<{ items: ListItem[] }>(
    'GET',
    `/api/pupils?categoryId=${first}&limit=100`,
  );
  expect(
    inCategory.body.items
      .find((item) => item.pupilId === pupilId)
      ?.monitoring.map((m) => m.categoryId)
      .sort(),
  ).toEqual([first, second].sort());

  const stopped = await dana.json<{ stopped: string[] }>('POST', `/api/pupils/${pupilId}/monitoring`, {
    stop: [first],
    endDate: daysAgo(3, today),
  });
  expect(stopped.body.stopped).toEqual([first]);
  const history = await dana.json<History>('GET', `/api/pupils/${pupilId}/monitoring`);
  const closed = history.body.entries.find((entry) => entry.categoryId === first)!;
  const open = history.body.entries.find((entry) => entry.categoryId === second)!;
  expect(closed).toMatchObject({ open: false, durationDays: 7, until: daysAgo(3, today), reason: 'manual' });
  expect(open).toMatchObject({ open: true, durationDays: 10 });
  const afterStop = await dana.json<{ items: ListItem[] }>(
    'GET',
    `/api/pupils?categoryId=${first}&limit=100`,
  );
  expect(afterStop.body.items.map((item) => item.pupilId)).not.toContain(pupilId);

  const audit = await dana.json<{ items: { action: string }[] }>('GET', `/api/audit/pupils/${pupilId}`);
  expect(audit.body.items.map((event) => event.action)).toEqual(
    expect.arrayContaining(['pupil.monitoring.update', 'pupil.monitoring.read']),
  );
});

it('refuses future dates, unknown categories, an end before the start and an empty change, changing nothing', async () => {
  const pupilId = register[1]!.pupilId;
  const { today } = (await dana.json<History>('GET', `/api/pupils/${pupilId}/monitoring`)).body;
  const future = await dana.json<Problem>('POST', `/api/pupils/${pupilId}/monitoring`, {
    start: [first],
    startDate: daysAgo(-2, today),
  });
  expect(future.status).toBe(400);
  expect(future.body.errors?.[0]?.field).toBe('body.startDate');
  const unknown = await dana.json<Problem>('POST', `/api/pupils/${pupilId}/monitoring`, {
    start: ['no-such-category'],
  });
  expect(unknown.status).toBe(400);
  expect(unknown.body.errors?.[0]?.field).toBe('body.start');
  const nothing = await dana.json<Problem>('POST', `/api/pupils/${pupilId}/monitoring`, {});
  expect(nothing.status).toBe(400);
  await dana.json('POST', `/api/pupils/${pupilId}/monitoring`, {
    start: [first],
    startDate: daysAgo(1, today),
  });
  const early = await dana.json<Problem>('POST', `/api/pupils/${pupilId}/monitoring`, {
    stop: [first],
    endDate: daysAgo(5, today),
  });
  expect(early.status).toBe(400);
  expect(early.body.errors?.[0]?.field).toBe('body.endDate');
  const history = await dana.json<History>('GET', `/api/pupils/${pupilId}/monitoring`);
  expect(history.body.entries).toEqual([expect.objectContaining({ categoryId: first, open: true })]);
  expect((await dana.json('GET', `/api/pupils/${randomUUID()}/monitoring`)).status).toBe(404);
  expect((await dana.json('POST', `/api/pupils/${randomUUID()}/monitoring`, { start: [first] })).status).toBe(
    404,
  );
});

it('adds and removes a category for a class in bulk, reporting each pupil, and is safe to retry', async () => {
  const pupilIds = register.slice(2, 6).map((item) => item.pupilId);
  const unknown = randomUUID();
  const add = { pupilIds: [...pupilIds, unknown], categoryId: second, operation: 'add' };
  const added = await dana.json<{ results: { pupilId: string; outcome: string }[] }>(
    'POST',
    '/api/monitoring/bulk',
    add,
  );
  expect(added.status).toBe(200);
  expect(added.body.results).toEqual([
    ...pupilIds.map((pupilId) => ({ pupilId, outcome: 'started' })),
    { pupilId: unknown, outcome: 'not-found' },
  ]);
  const retried = await dana.json<{ results: { outcome: string }[] }>('POST', '/api/monitoring/bulk', add);
  expect(retried.body.results.map((result) => result.outcome)).toEqual([
    ...pupilIds.map(() => 'unchanged'),
    'not-found',
  ]);
  const listed = await dana.json<{ items: ListItem[] }>('GET', `/api/pupils?categoryId=${second}&limit=100`);
  expect(listed.body.items.map((item) => item.pupilId)).toEqual(expect.arrayContaining(pupilIds));

  const removed = await dana.json<{ results: { outcome: string }[] }>('POST', '/api/monitoring/bulk', {
    pupilIds,
    categoryId: second,
    operation: 'remove',
  });
  expect(removed.body.results.map((result) => result.outcome)).toEqual(pupilIds.map(() => 'stopped'));
  const history = await dana.json<History>('GET', `/api/pupils/${pupilIds[0]}/monitoring`);
  expect(history.body.entries).toEqual([expect.objectContaining({ categoryId: second, open: false })]);
  const badCategory = await dana.json<Problem>('POST', '/api/monitoring/bulk', {
    ...add,
    categoryId: 'nope',
  });
  expect(badCategory.status).toBe(400);
  expect(badCategory.body.errors?.[0]?.field).toBe('body.categoryId');
  const tooMany = await dana.json<Problem>('POST', '/api/monitoring/bulk', {
    ...add,
    pupilIds: Array.from({ length: 101 }, () => randomUUID()),
  });
  expect(tooMany.status).toBe(400);
});

it('lets only elevated key holders with incidents.edit change monitoring', async () => {
  const pupilId = register[0]!.pupilId;
  const tom = await signInAs(harness.baseUrl, demoStaff('tom'));
  const teacher = await tom.json<Problem>('POST', `/api/pupils/${pupilId}/monitoring`, { start: [first] });
  expect(teacher.status).toBe(403);
  expect((await tom.json('GET', `/api/pupils/${pupilId}/monitoring`)).status).toBe(403);
  const notElevated = await signInAs(harness.baseUrl, demoStaff('dana'));
  const refused = await notElevated.json<Problem>('POST', '/api/monitoring/bulk', {
    pupilIds: [pupilId],
    categoryId: first,
    operation: 'add',
  });
  expect(refused.status).toBe(403);
  expect(refused.body.type).toBe('urn:lantern:problem:elevation-required');
});

/**
 * Automatic alerts over HTTP (REC-5): rules by category, pupil and class add recipients to new incidents
 * and actions, only people who may see the categories are alerted, bad rules are refused naming the
 * field, and an admin clears a user's unread dashboard alerts between two dates (audited).
 */
import { randomUUID } from 'node:crypto';
import { AlertInbox } from '../../../lib/alerts/alert-inbox';
import type { Category } from '../../../lib/categories/category';
import { startApiHarness, type ApiHarness } from '../../support/api-harness';
import { demoStaff, signInAs, signInElevated, type StaffClient } from '../../support/staff-client';
import {
  actionBody,
  addPupil,
  categoriesOf,
  incidentBody,
  type Problem,
} from '../incidents/incident-test-support';

interface Rule {
  ruleId: string;
  personId: string;
  target: { kind: string };
  targetName: string;
}

let harness: ApiHarness;
let dana: StaffClient;
let tom: StaffClient;
let priyaId: string;
let inbox: AlertInbox;
let category: (name: string, parent?: string) => Category;
let classId: string;

beforeAll(async () => {
  harness = await startApiHarness();
  [dana, tom] = await Promise.all([
    signInElevated(harness.baseUrl, 'dana'),
    signInAs(harness.baseUrl, demoStaff('tom')),
  ]);
  inbox = new AlertInbox(harness.table.dynamo, harness.table.tableName);
  category = await categoriesOf(harness.table, dana.schoolId);
  const users = await dana.json<{ items: { personId: string; email: string }[] }>('GET', '/api/admin/users');
  priyaId = users.body.items.find((user) => user.email === demoStaff('priya').email)!.personId;
  const added = await dana.json<{ classId: string }>('POST', '/api/admin/classes', {
    name: `Year 5 ${randomUUID().slice(0, 6)}`,
    kind: 'year',
  });
  expect(added.status).toBe(201);
  classId = added.body.classId;
}, 120_000);

afterAll(async () => {
  await harness.close();
});

async function addIncident(pupilId: string, categoryIds: string[], extra: Record<string, unknown> = {}) {
  const body = incidentBody(pupilId, categoryIds, extra);
  const added = await tom.json('POST', '/api/incidents', body);
  expect(added.status).toBe(201);
  return body.incidentId;
}

it('alerts a user to every new incident in a category (and its sub-categories) an admin chose for them', async () => {
  const rule = await dana.json<Rule>('POST', `/api/admin/users/${priyaId}/auto-alerts`, {
    target: { kind: 'category', categoryId: category('Bullying').categoryId },
  });
  expect(rule.status).toBe(201);
  expect(rule.body).toMatchObject({ personId: priyaId, targetName: 'Bullying' });
  // Setting it again is the same rule.
  const again = await dana.json<Rule>('POST', `/api/admin/users/${priyaId}/auto-alerts`, {
    target: { kind: 'category', categoryId: category('Bullying').categoryId },
  });
  expect(again.status).toBe(200);
  expect(again.body.ruleId).toBe(rule.body.ruleId);

  const pupil = await addPupil(harness.table, dana.schoolId, 'Ada', 'Lovelace');
  const cyber = await addIncident(pupil, [category('Cyber', 'Bullying').categoryId]);
  expect(await inbox.get(dana.schoolId, priyaId, cyber)).toMatchObject({ pupilId: pupil });
  const behaviour = await addIncident(pupil, [category('Behaviour').categoryId]);
  expect(await inbox.get(dana.schoolId, priyaId, behaviour)).toBeUndefined();

  // An action on the matching incident alerts her again once she has read the first alert.
  await inbox.markRead(dana.schoolId, priyaId, cyber);
  const action = actionBody(pupil);
  expect((await dana.json('POST', `/api/incidents/${cyber}/actions`, action)).status).toBe(201);
  expect(await inbox.get(dana.schoolId, priyaId, cyber)).toMatchObject({ actionId: action.actionId });

  const listed = await dana.json<{ items: Rule[] }>('GET', `/api/admin/users/${priyaId}/auto-alerts`);
  expect(listed.body.items.map((item) => item.ruleId)).toEqual([rule.body.ruleId]);
  const removed = await dana.request('DELETE', `/api/admin/users/${priyaId}/auto-alerts/${rule.body.ruleId}`);
  expect(removed.status).toBe(204);
  const after = await addIncident(pupil, [category('Bullying').categoryId]);
  expect(await inbox.get(dana.schoolId, priyaId, after)).toBeUndefined();
});

it('alerts a key holder to every incident about a pupil or a class they chose for themselves', async () => {
  const watched = await addPupil(harness.table, dana.schoolId, 'Grace', 'Hopper');
  const inClass = await addPupil(harness.table, dana.schoolId, 'Alan', 'Turing', [classId]);
  const byPupil = await dana.json<Rule>('POST', '/api/dashboard/auto-alerts', {
    target: { kind: 'pupil', pupilId: watched },
  });
  expect(byPupil.status).toBe(201);
  expect(byPupil.body.targetName).toBe('Grace Hopper');
  const byClass = await dana.json<Rule>('POST', '/api/dashboard/auto-alerts', {
    target: { kind: 'class', classId },
  });
  expect(byClass.status).toBe(201);

  const first = await addIncident(watched, [category('Behaviour').categoryId]);
  const second = await addIncident(inClass, [category('Behaviour').categoryId]);
  expect(await inbox.get(dana.schoolId, dana.personId, first)).toMatchObject({ pupilId: watched });
  expect(await inbox.get(dana.schoolId, dana.personId, second)).toMatchObject({ pupilId: inClass });

  const mine = await dana.json<{ items: Rule[] }>('GET', '/api/dashboard/auto-alerts');
  expect(mine.body.items.map((item) => item.target.kind).sort()).toEqual(['class', 'pupil']);
  // Someone else's rule cannot be removed through one's own list.
  const notMine = await tom.request('DELETE', `/api/dashboard/auto-alerts/${byPupil.body.ruleId}`);
  expect(notMine.status).toBe(404);
});

it('never alerts someone automatically to a category their group may not see', async () => {
  const pupil = await addPupil(harness.table, dana.schoolId, 'Mary', 'Anning');
  // Tom (a teacher) may follow a pupil, but teachers may not view incidents in any category.
  const rule = await tom.json<Rule>('POST', '/api/dashboard/auto-alerts', {
    target: { kind: 'pupil', pupilId: pupil },
  });
  expect(rule.status).toBe(201);
  const incident = incidentBody(pupil, [category('Behaviour').categoryId]);
  expect((await dana.json('POST', '/api/incidents', incident)).status).toBe(201);
  expect(await inbox.get(dana.schoolId, tom.personId, incident.incidentId)).toBeUndefined();
});

describe('refuses bad rules, naming the field and writing nothing', () => {
  const cases: [string, () => Promise<{ status: number; body: Problem }>, number, string | undefined][] = [
    [
      'an unknown category',
      () =>
        dana.json('POST', '/api/dashboard/auto-alerts', { target: { kind: 'category', categoryId: 'nope' } }),
      400,
      'body.target.categoryId',
    ],
    [
      'a category the person may not see',
      () =>
        tom.json('POST', '/api/dashboard/auto-alerts', {
          target: { kind: 'category', categoryId: category('Bullying').categoryId },
        }),
      400,
      'body.target.categoryId',
    ],
    [
      'an unknown pupil',
      () =>
        dana.json('POST', '/api/dashboard/auto-alerts', { target: { kind: 'pupil', pupilId: randomUUID() } }),
      400,
      'body.target.pupilId',
    ],
    [
      'an unknown class',
      () =>
        dana.json('POST', '/api/dashboard/auto-alerts', { target: { kind: 'class', classId: randomUUID() } }),
      400,
      'body.target.classId',
    ],
    [
      'an unknown kind',
      () => dana.json('POST', '/api/dashboard/auto-alerts', { target: { kind: 'year', yearId: 'x' } }),
      400,
      undefined,
    ],
    [
      'a user not in this school',
      () =>
        dana.json('POST', `/api/admin/users/${randomUUID()}/auto-alerts`, {
          target: { kind: 'category', categoryId: category('Bullying').categoryId },
        }),
      404,
      undefined,
    ],
  ];
  it.each(cases)('%s', async (_name, send, status, field) => {
    const before = await dana.json<{ items: Rule[] }>('GET', '/api/dashboard/auto-alerts');
    const response = await send();
    expect(response.status).toBe(status);
    if (field) expect(response.body.errors?.map((error) => error.field)).toContain(field);
    const after = await dana.json<{ items: Rule[] }>('GET', '/api/dashboard/auto-alerts');
    expect(after.body.items).toEqual(before.body.items);
  });

  it('refuses teachers managing other people’s rules', async () => {
    const response = await tom.request('GET', `/api/admin/users/${priyaId}/auto-alerts`);
    expect(response.status).toBe(403);
  });
});

describe("clearing a user's dashboard alerts between dates", () => {
  it('removes unread alerts dated in the range, keeps the rest, and is audited', async () => {
    const pupil = await addPupil(harness.table, dana.schoolId, 'Rosalind', 'Franklin');
    const incident = await addIncident(pupil, [category('Behaviour').categoryId], {
      alerts: { personIds: [priyaId], alertGroupIds: [] },
    });
    expect(await inbox.get(dana.schoolId, priyaId, incident)).toBeDefined();
    const today = new Date().toISOString().slice(0, 10);

    const earlier = await dana.json<{ cleared: number }>('POST', `/api/admin/users/${priyaId}/alerts/clear`, {
      from: '2020-01-01',
      to: '2020-12-31',
    });
    expect(earlier).toEqual({ status: 200, body: { cleared: 0 } });
    expect(await inbox.get(dana.schoolId, priyaId, incident)).toBeDefined();

    const cleared = await dana.json<{ cleared: number }>('POST', `/api/admin/users/${priyaId}/alerts/clear`, {
      from: today,
      to: today,
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body.cleared).toBeGreaterThanOrEqual(1);
    expect(await inbox.get(dana.schoolId, priyaId, incident)).toBeUndefined();

    const trail = await dana.json<{ items: { action: string; resourceId: string }[] }>(
      'GET',
      `/api/audit/users/${dana.personId}`,
    );
    expect(trail.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'dashboard.alerts.clear', resourceId: priyaId }),
      ]),
    );
  });

  it('refuses a reversed range or a bad date, naming the field', async () => {
    const reversed = await dana.json<Problem>('POST', `/api/admin/users/${priyaId}/alerts/clear`, {
      from: '2026-03-10',
      to: '2026-03-01',
    });
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors?.[0]?.field).toBe('body.to');
    const bad = await dana.json<Problem>('POST', `/api/admin/users/${priyaId}/alerts/clear`, {
      from: 'yesterday',
      to: '2026-03-01',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]?.field).toBe('body.from');
  });

  it('is for admins only', async () => {
    const response = await tom.request('POST', `/api/admin/users/${priyaId}/alerts/clear`, {
      from: '2026-03-01',
      to: '2026-03-10',
    });
    expect(response.status).toBe(403);
  });
});

/**
 * The finer layers of access, proven for every route that holds pupil data (the system-permission layer
 * is access-matrix.integration.test.ts): per-category permissions (view students, view incidents, add
 * incidents) and class restrictions (a key holder sees only pupils of the tutor and year groups given to
 * them, and pupils with no class only with students.withoutClass). For each route a form tutor is
 * admitted for a pupil of her tutor group in a category she may see, and refused, or shown nothing, for a
 * pupil outside it or a record in Child protection; refused writes change nothing. A pupil or record she
 * may not see is answered 404, exactly like one that does not exist, so its existence is not revealed.
 * The route list comes from the contracts, so a new pupil-data route fails here until it has a case.
 */
import { randomUUID } from 'node:crypto';
import { attendanceItemsOf } from '../../../lib/attendance/attendance-items';
import { batchWriteAll } from '../../../lib/data/batch-write';
import { ALL_ENDPOINTS } from '../../../lib/platform/openapi/all-endpoints';
import type { StaffClient } from '../../support/staff-client';
import { requestUpload, uploadDocument, postToStorage } from '../documents/vault-client';
import { actionBody, incidentBody } from '../incidents/incident-test-support';
import {
  buildEditRefusalTargets,
  buildRecordWorld,
  PDF,
  pupilDataRoutes,
  recordForEditing,
  type EditRefusalTargets,
  type EditTarget,
  type RecordWorld,
} from './record-access-support';

let world: RecordWorld;

beforeAll(async () => {
  world = await buildRecordWorld();
  // Two elevated sign-ins (a TOTP code may need the next step), a group, classes, pupils and records.
}, 120_000);

afterAll(async () => {
  await world.harness.close();
});

interface Answer<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
}

/** The status, with the body shown when it is not the one expected. */
function statusOf(answer: Answer<unknown>): { status: number; body?: unknown } {
  return answer.status >= 200 && answer.status < 300 ? { status: answer.status } : answer;
}

const NOT_FOUND = { status: 404, body: expect.objectContaining({ type: 'urn:lantern:problem:not-found' }) };

/** What a refusal says, without the parts that differ per request (its id and path). */
function refusalOf(answer: Answer<unknown>): unknown {
  const { status, body } = answer as Answer<{
    type?: string;
    title?: string;
    detail?: string;
    errors?: unknown;
  }>;
  return { status, type: body.type, title: body.title, detail: body.detail, errors: body.errors };
}

interface PupilRecordBody {
  pupil: { version: number; preferredForename?: string; archived: boolean; classIds: string[] };
  contacts: { contactId: string; name: string; version: number }[];
  links: { otherPupilId: string }[];
  monitoring: { categoryId: string }[];
}
interface ListBody {
  items: { pupilId: string; monitoring: { categoryId: string }[] }[];
}
interface ChronologyBody {
  items: { incidentId: string; categoryIds: string[]; actions: { actionId: string }[] }[];
}
interface DocumentsBody {
  items: { documentId: string; removed?: unknown }[];
}

const get = <T = Record<string, unknown>>(client: StaffClient, path: string) => client.json<T>('GET', path);

/** The record as the safeguarding lead sees it: what a refused write must have left alone. */
const record = async (pupilId: string) =>
  (await get<PupilRecordBody>(world.dana, `/api/pupils/${pupilId}`)).body;
const chronology = async (client: StaffClient, pupilId: string) =>
  get<ChronologyBody>(client, `/api/chronology/${pupilId}`);
const documents = async (client: StaffClient, pupilId: string) =>
  get<DocumentsBody>(client, `/api/vault/pupils/${pupilId}/documents`);
const history = async (client: StaffClient, pupilId: string) =>
  get<{ entries: { categoryId: string; open: boolean }[]; categories: { categoryId: string }[] }>(
    client,
    `/api/pupils/${pupilId}/monitoring`,
  );
const matrixPupils = (body: ListBody) =>
  body.items.map((item) => item.pupilId).filter((id) => Object.values(world.pupils).includes(id));

interface IncidentHistoryBody {
  incident: { incidentId: string; version: number; text: string; deleted?: unknown; mergedInto?: string };
  versions: unknown[];
  actions: {
    action: { actionId: string; version: number; text: string; deleted?: unknown; splitInto?: string };
  }[];
}

/** An incident's history as the safeguarding lead sees it: what a refused change must have left alone. */
const leadHistory = async (incidentId: string) =>
  (await get<IncidentHistoryBody>(world.dana, `/api/incidents/${incidentId}/history`)).body;
const actionOf = (history: IncidentHistoryBody, actionId: string) =>
  history.actions.find((entry) => entry.action.actionId === actionId)!.action;
const pinnedFor = async (pupilId: string) =>
  (await get<{ pinned: { incidentId: string }[] }>(world.dana, `/api/chronology/${pupilId}`)).body.pinned.map(
    (entry) => entry.incidentId,
  );

let refusalTargets: Promise<EditRefusalTargets> | undefined;
/** Built by whichever REC-6 case runs first. */
const editRefusalTargets = () => (refusalTargets ??= buildEditRefusalTargets(world));
/** An incident about Ada in Bullying, with an action, that Priya may change. */
const editableByPriya = () => recordForEditing(world, world.pupils.ada, [world.open]);

/**
 * The change, tried by Priya on an incident in Child protection, about a pupil outside her classes and
 * about a pupil with no class: each answered as if it did not exist, and the lead's history unchanged.
 */
async function refusedOnEveryHiddenIncident(
  change: (target: EditTarget, current: IncidentHistoryBody) => Promise<Answer<unknown>>,
): Promise<void> {
  const { hidden, outside, classless } = await editRefusalTargets();
  for (const [name, target] of Object.entries({ hidden, outside, classless })) {
    const before = await leadHistory(target.incidentId);
    expect({ [name]: await change(target, before) }).toMatchObject({ [name]: NOT_FOUND });
    expect(await leadHistory(target.incidentId)).toEqual(before);
  }
}

/** The change, tried on an incident whose other copy is about a pupil outside her classes: 403, unchanged. */
async function refusedWhenSeenInPart(
  change: (target: EditTarget, current: IncidentHistoryBody) => Promise<Answer<unknown>>,
): Promise<void> {
  const { partly } = await editRefusalTargets();
  const before = await leadHistory(partly.incidentId);
  expect((await change(partly, before)).status).toBe(403);
  expect(await leadHistory(partly.incidentId)).toEqual(before);
}

/** One case per pupil-data route: the allowed answer, the refusals, and that refused writes changed nothing. */
const CASES: Record<string, () => Promise<void>> = {
  async getPupil() {
    const { priya, dana, pupils, open } = world;
    const own = await get<PupilRecordBody>(priya, `/api/pupils/${pupils.ada}`);
    expect(statusOf(own)).toEqual({ status: 200 });
    // Ada is linked to Olly, who is outside Priya's classes: the lead sees the link, Priya does not.
    expect((await record(pupils.ada)).links.map((link) => link.otherPupilId)).toContain(pupils.outside);
    expect(own.body.links).toEqual([]);
    expect(own.body.monitoring.map((entry) => entry.categoryId)).toEqual([open]);
    expect(await get(priya, `/api/pupils/${pupils.outside}`)).toMatchObject(NOT_FOUND);
    expect(await get(priya, `/api/pupils/${pupils.classless}`)).toMatchObject(NOT_FOUND);
    // Ben is monitored only under Child protection: his record shows no monitoring to her.
    expect((await get<PupilRecordBody>(priya, `/api/pupils/${pupils.ben}`)).body.monitoring).toEqual([]);
    expect((await get(dana, `/api/pupils/${pupils.classless}`)).status).toBe(200);
  },

  async updatePupil() {
    const { priya, pupils } = world;
    const before = await record(pupils.outside);
    const refused = await priya.json('PATCH', `/api/pupils/${pupils.outside}`, {
      version: before.pupil.version,
      preferredForename: 'Changed',
    });
    expect(refused).toMatchObject(NOT_FOUND);
    expect((await record(pupils.outside)).pupil).toEqual(before.pupil);
    const cara = await record(pupils.cara);
    const allowed = await priya.json('PATCH', `/api/pupils/${pupils.cara}`, {
      version: cara.pupil.version,
      preferredForename: 'Cee',
    });
    expect(statusOf(allowed)).toEqual({ status: 200 });
    expect((await record(pupils.cara)).pupil.preferredForename).toBe('Cee');
  },

  async archivePupil() {
    const { priya, pupils } = world;
    const before = await record(pupils.outside);
    const refused = await priya.json('POST', `/api/pupils/${pupils.outside}/archive`, {
      version: before.pupil.version,
    });
    expect(refused).toMatchObject(NOT_FOUND);
    expect((await record(pupils.outside)).pupil).toEqual(before.pupil);
    const cara = await record(pupils.cara);
    const allowed = await priya.json('POST', `/api/pupils/${pupils.cara}/archive`, {
      version: cara.pupil.version,
    });
    expect(statusOf(allowed)).toEqual({ status: 200 });
    expect((await record(pupils.cara)).pupil.archived).toBe(true);
  },

  async unarchivePupil() {
    const { priya, pupils } = world;
    // Olly is not archived: the refusal must not say so (409), only that there is no such pupil.
    const before = await record(pupils.outside);
    const refused = await priya.json('POST', `/api/pupils/${pupils.outside}/unarchive`, {
      version: before.pupil.version,
    });
    expect(refused).toMatchObject(NOT_FOUND);
    const cara = await record(pupils.cara);
    if (!cara.pupil.archived) {
      await priya.json('POST', `/api/pupils/${pupils.cara}/archive`, { version: cara.pupil.version });
    }
    const allowed = await priya.json('POST', `/api/pupils/${pupils.cara}/unarchive`, {
      version: (await record(pupils.cara)).pupil.version,
    });
    expect(statusOf(allowed)).toEqual({ status: 200 });
    expect((await record(pupils.cara)).pupil.archived).toBe(false);
  },

  async addPupilContact() {
    const { priya, pupils } = world;
    const contact = { name: 'Pat Social Worker', relationship: 'Social worker' };
    const before = await record(pupils.outside);
    const refused = await priya.json('POST', `/api/pupils/${pupils.outside}/contacts`, {
      ...contact,
      contactId: randomUUID(),
    });
    expect(refused).toMatchObject(NOT_FOUND);
    expect((await record(pupils.outside)).contacts).toEqual(before.contacts);
    const contactId = randomUUID();
    const allowed = await priya.json('POST', `/api/pupils/${pupils.cara}/contacts`, {
      ...contact,
      contactId,
    });
    expect(statusOf(allowed)).toEqual({ status: 201 });
    expect((await record(pupils.cara)).contacts.map((entry) => entry.contactId)).toContain(contactId);
  },

  async updatePupilContact() {
    const { priya, pupils, contacts } = world;
    const changes = { name: 'Changed Name', relationship: 'Carer', version: 1 };
    const before = await record(pupils.outside);
    const refused = await priya.json(
      'PATCH',
      `/api/pupils/${pupils.outside}/contacts/${contacts.outside}`,
      changes,
    );
    expect(refused).toMatchObject(NOT_FOUND);
    expect((await record(pupils.outside)).contacts).toEqual(before.contacts);
    const allowed = await priya.json('PATCH', `/api/pupils/${pupils.ben}/contacts/${contacts.ben}`, changes);
    expect(statusOf(allowed)).toEqual({ status: 200 });
  },

  async deletePupilContact() {
    const { priya, pupils, contacts } = world;
    const refused = await priya.json(
      'DELETE',
      `/api/pupils/${pupils.outside}/contacts/${contacts.outside}?version=1`,
    );
    expect(refused).toMatchObject(NOT_FOUND);
    expect((await record(pupils.outside)).contacts.map((entry) => entry.contactId)).toEqual([
      contacts.outside,
    ]);
    const contactId = randomUUID();
    await priya.json('POST', `/api/pupils/${pupils.cara}/contacts`, {
      contactId,
      name: 'Short-lived',
      relationship: 'Aunt',
    });
    const allowed = await priya.request(
      'DELETE',
      `/api/pupils/${pupils.cara}/contacts/${contactId}?version=1`,
    );
    expect(allowed.status).toBe(204);
  },

  async addPupilLink() {
    const { priya, pupils } = world;
    const link = (otherPupilId: string) => ({ otherPupilId, kind: 'manual', note: 'Same household' });
    // Neither end may be a pupil she cannot see.
    expect(await priya.json('POST', `/api/pupils/${pupils.cara}/links`, link(pupils.outside))).toMatchObject(
      NOT_FOUND,
    );
    expect(await priya.json('POST', `/api/pupils/${pupils.outside}/links`, link(pupils.cara))).toMatchObject(
      NOT_FOUND,
    );
    expect(
      await priya.json('POST', `/api/pupils/${pupils.cara}/links`, link(pupils.classless)),
    ).toMatchObject(NOT_FOUND);
    expect((await record(pupils.outside)).links.map((entry) => entry.otherPupilId)).toEqual([pupils.ada]);
    expect((await record(pupils.classless)).links).toEqual([]);
    const allowed = await priya.json('POST', `/api/pupils/${pupils.cara}/links`, link(pupils.ben));
    expect(statusOf(allowed)).toEqual({ status: 201 });
  },

  async deletePupilLink() {
    const { priya, pupils } = world;
    expect(await priya.json('DELETE', `/api/pupils/${pupils.ada}/links/${pupils.outside}`)).toMatchObject(
      NOT_FOUND,
    );
    expect(await priya.json('DELETE', `/api/pupils/${pupils.outside}/links/${pupils.ada}`)).toMatchObject(
      NOT_FOUND,
    );
    expect((await record(pupils.ada)).links.map((entry) => entry.otherPupilId)).toContain(pupils.outside);
    await priya.json('POST', `/api/pupils/${pupils.ada}/links`, {
      otherPupilId: pupils.cara,
      kind: 'manual',
      note: 'Neighbours',
    });
    const allowed = await priya.request('DELETE', `/api/pupils/${pupils.ada}/links/${pupils.cara}`);
    expect(allowed.status).toBe(204);
  },

  async getMonitoringHistory() {
    const { priya, pupils, open, hidden } = world;
    const ada = await history(priya, pupils.ada);
    expect(statusOf(ada)).toEqual({ status: 200 });
    expect(ada.body.entries.map((entry) => entry.categoryId)).toEqual([open]);
    expect(ada.body.categories.map((category) => category.categoryId)).not.toContain(hidden);
    // Ben's only spell is under Child protection.
    expect((await history(priya, pupils.ben)).body.entries).toEqual([]);
    expect((await history(world.dana, pupils.ben)).body.entries.map((entry) => entry.categoryId)).toEqual([
      hidden,
    ]);
    expect(await history(priya, pupils.outside)).toMatchObject(NOT_FOUND);
    expect(await history(priya, pupils.classless)).toMatchObject(NOT_FOUND);
  },

  async getPupilAttendance() {
    const { priya, dana, pupils, harness } = world;
    const marks = { attendance: [{ date: '2026-01-05', am: '/' as const, pm: 'N' as const }] };
    const items = [pupils.ada, pupils.outside, pupils.classless].flatMap((pupilId) =>
      attendanceItemsOf(dana.schoolId, pupilId, marks, new Date().toISOString()),
    );
    await batchWriteAll(
      harness.table.dynamo,
      harness.table.tableName,
      items.map((Item) => ({ PutRequest: { Item } })),
    );
    const path = (pupilId: string) => `/api/pupils/${pupilId}/attendance`;
    const own = await get<{ months: { month: string }[]; marked: { sessionsPossible: number } }>(
      priya,
      path(pupils.ada),
    );
    expect(statusOf(own)).toEqual({ status: 200 });
    expect(own.body.months.map((month) => month.month)).toEqual(['2026-01']);
    expect(own.body.marked.sessionsPossible).toBe(2);
    expect(await get(priya, path(pupils.outside))).toMatchObject(NOT_FOUND);
    expect(await get(priya, path(pupils.classless))).toMatchObject(NOT_FOUND);
    expect(statusOf(await get(dana, path(pupils.outside)))).toEqual({ status: 200 });
  },

  async changeMonitoring() {
    const { priya, dana, pupils, open, hidden } = world;
    const change = (pupilId: string, body: unknown) =>
      priya.json('POST', `/api/pupils/${pupilId}/monitoring`, body);
    const outsideBefore = (await history(dana, pupils.outside)).body.entries;
    expect(await change(pupils.outside, { stop: [open] })).toMatchObject(NOT_FOUND);
    expect(await change(pupils.classless, { start: [open] })).toMatchObject(NOT_FOUND);
    expect((await history(dana, pupils.outside)).body.entries).toEqual(outsideBefore);
    expect((await history(dana, pupils.classless)).body.entries).toEqual([]);
    // A category she may not see monitoring for is refused by field, starting or stopping.
    const start = await change(pupils.cara, { start: [hidden] });
    expect(start).toMatchObject({
      status: 400,
      body: { errors: [expect.objectContaining({ field: 'body.start' })] },
    });
    const stop = await change(pupils.ben, { stop: [hidden] });
    expect(stop).toMatchObject({
      status: 400,
      body: { errors: [expect.objectContaining({ field: 'body.stop' })] },
    });
    expect((await history(dana, pupils.ben)).body.entries).toEqual([
      expect.objectContaining({ categoryId: hidden, open: true }),
    ]);
    expect((await history(dana, pupils.cara)).body.entries).toEqual([]);
    const allowed = await change(pupils.cara, { start: [open] });
    expect(allowed).toEqual({ status: 200, body: { started: [open], stopped: [] } });
    expect(await change(pupils.cara, { stop: [open] })).toEqual({
      status: 200,
      body: { started: [], stopped: [open] },
    });
  },

  async bulkMonitoring() {
    const { priya, dana, pupils, open, hidden } = world;
    const bulk = (body: unknown) => priya.json<{ results: unknown[] }>('POST', '/api/monitoring/bulk', body);
    const added = await bulk({
      pupilIds: [pupils.cara, pupils.outside, pupils.classless],
      categoryId: open,
      operation: 'add',
    });
    expect(added).toEqual({
      status: 200,
      body: {
        results: [
          { pupilId: pupils.cara, outcome: 'started' },
          { pupilId: pupils.outside, outcome: 'not-found' },
          { pupilId: pupils.classless, outcome: 'not-found' },
        ],
      },
    });
    expect((await history(dana, pupils.classless)).body.entries).toEqual([]);
    const removed = await bulk({
      pupilIds: [pupils.cara, pupils.outside],
      categoryId: open,
      operation: 'remove',
    });
    expect(removed.body.results).toEqual([
      { pupilId: pupils.cara, outcome: 'stopped' },
      { pupilId: pupils.outside, outcome: 'not-found' },
    ]);
    expect((await history(dana, pupils.outside)).body.entries).toEqual([
      expect.objectContaining({ categoryId: open, open: true }),
    ]);
    const hiddenCategory = await bulk({ pupilIds: [pupils.ben], categoryId: hidden, operation: 'remove' });
    expect(hiddenCategory.status).toBe(400);
    expect((await history(dana, pupils.ben)).body.entries).toEqual([
      expect.objectContaining({ categoryId: hidden, open: true }),
    ]);
  },

  async listPupils() {
    const { priya, dana, pupils, classes, open, hidden } = world;
    const byName = await get<ListBody>(priya, '/api/pupils?q=Matrixson&limit=100');
    expect(statusOf(byName)).toEqual({ status: 200 });
    expect(matrixPupils(byName.body).sort()).toEqual([pupils.ada, pupils.ben, pupils.cara].sort());
    const lead = await get<ListBody>(dana, '/api/pupils?q=Matrixson&limit=100');
    expect(matrixPupils(lead.body)).toEqual(expect.arrayContaining([pupils.outside, pupils.classless]));
    expect((await get<ListBody>(priya, `/api/pupils?classId=${classes.other}`)).body.items).toEqual([]);
    expect(
      matrixPupils((await get<ListBody>(priya, `/api/pupils?classId=${classes.mine}`)).body).length,
    ).toBe(3);
    // Monitored now: Ben (Child protection only) and Olly (another class) are not listed to her.
    const monitored = await get<ListBody>(priya, '/api/pupils?monitored=true');
    expect(matrixPupils(monitored.body)).toEqual([pupils.ada]);
    expect(monitored.body.items.flatMap((item) => item.monitoring.map((m) => m.categoryId))).not.toContain(
      hidden,
    );
    expect(matrixPupils((await get<ListBody>(priya, `/api/pupils?categoryId=${open}`)).body)).toEqual([
      pupils.ada,
    ]);
    const byHidden = await get(priya, `/api/pupils?categoryId=${hidden}`);
    expect(byHidden).toMatchObject({
      status: 400,
      body: { errors: [expect.objectContaining({ field: 'query.categoryId' })] },
    });
    // The Child protection incident started Ada's monitoring under it too; the lead sees both.
    expect(matrixPupils((await get<ListBody>(dana, `/api/pupils?categoryId=${hidden}`)).body).sort()).toEqual(
      [pupils.ada, pupils.ben].sort(),
    );
  },

  async lookupPupils() {
    const { priya, pupils } = world;
    // By design (docs/architecture.md): anyone may raise a concern about any pupil, so the picker ignores
    // class restrictions; it answers names and groups only, never classes or monitoring.
    const found = await get<{ items: Record<string, unknown>[] }>(priya, '/api/pupils/lookup?q=Matrixson');
    expect(statusOf(found)).toEqual({ status: 200 });
    expect(found.body.items.map((item) => item.pupilId)).toEqual(expect.arrayContaining([pupils.outside]));
    for (const item of found.body.items) {
      expect(Object.keys(item).sort()).toEqual(
        expect.not.arrayContaining(['classIds', 'monitoring', 'monitoredCategoryIds']),
      );
    }
  },

  async getPupilFilters() {
    const { priya, classes, open, hidden } = world;
    const filters = await get<{ classes: { classId: string }[]; categories: { categoryId: string }[] }>(
      priya,
      '/api/pupils/filters',
    );
    expect(statusOf(filters)).toEqual({ status: 200 });
    expect(filters.body.classes.map((entry) => entry.classId)).toEqual([classes.mine]);
    const categories = filters.body.categories.map((entry) => entry.categoryId);
    expect(categories).toContain(open);
    expect(categories).not.toContain(hidden);
  },

  async addPupil() {
    const { priya, pupils, classes } = world;
    const details = { legalForename: 'New', legalSurname: 'Arrival', dateOfBirth: '2013-05-05', gender: 'F' };
    // An id already used by a pupil she cannot see: refused, and nothing of that pupil is answered.
    const before = await record(pupils.outside);
    const taken = await priya.json('POST', '/api/pupils', { ...details, pupilId: pupils.outside });
    expect(taken.status).toBe(409);
    expect(JSON.stringify(taken.body)).not.toContain('Olly');
    expect((await record(pupils.outside)).pupil).toEqual(before.pupil);
    const pupilId = randomUUID();
    const allowed = await priya.json('POST', '/api/pupils', {
      ...details,
      pupilId,
      classIds: [classes.mine],
    });
    expect(statusOf(allowed)).toEqual({ status: 201 });
    expect((await get(priya, `/api/pupils/${pupilId}`)).status).toBe(200);
  },

  async getChronology() {
    const { priya, dana, pupils, incidents } = world;
    const own = await chronology(priya, pupils.ada);
    expect(statusOf(own)).toEqual({ status: 200 });
    const ids = own.body.items.map((item) => item.incidentId);
    expect(ids).toContain(incidents.adaOpen);
    expect(ids).not.toContain(incidents.adaHidden);
    expect(JSON.stringify(own.body)).not.toContain('disclosure');
    expect((await chronology(dana, pupils.ada)).body.items.map((item) => item.incidentId)).toContain(
      incidents.adaHidden,
    );
    expect(await chronology(priya, pupils.outside)).toMatchObject(NOT_FOUND);
    expect(await chronology(priya, pupils.classless)).toMatchObject(NOT_FOUND);
  },

  async getChronologyOverview() {
    const { priya, pupils, hidden, open } = world;
    const overview = await get<{ total: number; byCategory: { categoryId: string }[] }>(
      priya,
      `/api/chronology/${pupils.ada}/overview`,
    );
    expect(statusOf(overview)).toEqual({ status: 200 });
    const visible = (await chronology(priya, pupils.ada)).body.items.length;
    expect(overview.body.total).toBe(visible);
    expect(overview.body.byCategory.map((row) => row.categoryId)).toEqual([open]);
    expect(overview.body.byCategory.map((row) => row.categoryId)).not.toContain(hidden);
    expect(await get(priya, `/api/chronology/${pupils.outside}/overview`)).toMatchObject(NOT_FOUND);
    expect(await get(priya, `/api/chronology/${pupils.classless}/overview`)).toMatchObject(NOT_FOUND);
  },

  async getIncident() {
    const { priya, pupils, incidents } = world;
    const read = (incidentId: string, pupilId: string) =>
      get(priya, `/api/incidents/${incidentId}?pupilId=${pupilId}`);
    expect(statusOf(await read(incidents.adaOpen, pupils.ada))).toEqual({ status: 200 });
    expect(await read(incidents.adaHidden, pupils.ada)).toMatchObject(NOT_FOUND);
    expect(await read(incidents.outside, pupils.outside)).toMatchObject(NOT_FOUND);
    expect(await read(incidents.adaOpen, pupils.outside)).toMatchObject(NOT_FOUND);
  },

  async printIncident() {
    const { priya, pupils, incidents } = world;
    const print = (incidentId: string, pupilId: string) =>
      priya.json('POST', `/api/incidents/${incidentId}/print`, { pupilId });
    expect(statusOf(await print(incidents.adaOpen, pupils.ada))).toEqual({ status: 200 });
    expect(await print(incidents.adaHidden, pupils.ada)).toMatchObject(NOT_FOUND);
    expect(await print(incidents.outside, pupils.outside)).toMatchObject(NOT_FOUND);
    expect(await print(incidents.adaOpen, pupils.outside)).toMatchObject(NOT_FOUND);
  },

  async markIncidentRead() {
    const { priya, incidents } = world;
    // It only removes the caller's own alert: for an incident she may not see it answers as for none.
    const hidden = await priya.json('POST', `/api/incidents/${incidents.adaHidden}/read`);
    const unknown = await priya.json('POST', `/api/incidents/${randomUUID()}/read`);
    expect(hidden).toEqual(unknown);
    expect(hidden.status).toBe(200);
  },

  async addAction() {
    const { priya, dana, pupils, incidents, hidden } = world;
    const add = (incidentId: string, body: unknown) =>
      priya.json('POST', `/api/incidents/${incidentId}/actions`, body);
    const leadSees = async () =>
      (await chronology(dana, pupils.ada)).body.items.map((item) => ({
        incidentId: item.incidentId,
        categoryIds: item.categoryIds,
        actions: item.actions.length,
      }));
    const before = await leadSees();
    expect(await add(incidents.adaHidden, actionBody(pupils.ada))).toMatchObject(NOT_FOUND);
    expect(await add(incidents.outside, actionBody(pupils.outside))).toMatchObject(NOT_FOUND);
    // Raising an incident she may see into a category she may not record in.
    const raised = await add(incidents.adaOpen, actionBody(pupils.ada, { categoryIds: [hidden] }));
    expect(raised.status).toBe(403);
    expect(await leadSees()).toEqual(before);
    const allowed = await add(incidents.adaOpen, actionBody(pupils.ada));
    expect(statusOf(allowed)).toEqual({ status: 201 });
  },

  async addIncident() {
    const { priya, dana, pupils, open, hidden } = world;
    const leadCount = async () => (await chronology(dana, pupils.ada)).body.items.length;
    const before = await leadCount();
    const refused = await priya.json('POST', '/api/incidents', incidentBody(pupils.ada, [hidden]));
    expect(refused).toMatchObject({
      status: 403,
      body: { errors: [expect.objectContaining({ field: 'body.categoryIds.0' })] },
    });
    const linkedHidden = await priya.json(
      'POST',
      '/api/incidents',
      incidentBody(pupils.ada, [open], {
        linkedPupils: [{ pupilId: pupils.cara, role: 'witness', categoryIds: [hidden] }],
      }),
    );
    expect(linkedHidden.status).toBe(403);
    expect(await leadCount()).toBe(before);
    const allowed = await priya.json('POST', '/api/incidents', incidentBody(pupils.ada, [open]));
    expect(statusOf(allowed)).toEqual({ status: 201 });
    // By design anyone may raise a concern about any pupil: class restrictions do not stop recording,
    // but what she recorded outside her classes is not hers to read back.
    const outside = incidentBody(pupils.outside, [open]);
    expect(statusOf(await priya.json('POST', '/api/incidents', outside))).toEqual({ status: 201 });
    expect(await get(priya, `/api/incidents/${outside.incidentId}?pupilId=${pupils.outside}`)).toMatchObject(
      NOT_FOUND,
    );
  },

  async getDashboard() {
    const { priya, pupils, incidents } = world;
    await get(priya, `/api/pupils/${pupils.ada}`);
    const dashboard = await get<{
      myAssigned?: { incidentId: string }[];
      recentlyViewed?: { pupilId: string }[];
    }>(priya, '/api/dashboard');
    expect(statusOf(dashboard)).toEqual({ status: 200 });
    expect(dashboard.body.recentlyViewed?.map((entry) => entry.pupilId)).toContain(pupils.ada);
    // The Child protection incident was assigned to her, but she may not view that category.
    expect(dashboard.body.myAssigned?.map((entry) => entry.incidentId)).toEqual([incidents.adaOpen]);
    expect(JSON.stringify(dashboard.body)).not.toContain(pupils.outside);
    // A pupil she viewed who then moves to a class she may not see drops out of "recently viewed".
    await get(priya, `/api/pupils/${pupils.cara}`);
    const move = async (classId: string) => {
      const { pupil } = await record(pupils.cara);
      const moved = await world.dana.json('PATCH', `/api/pupils/${pupils.cara}`, {
        version: pupil.version,
        classIds: [classId],
      });
      expect(moved.status).toBe(200);
    };
    await move(world.classes.other);
    try {
      const after = await get<{ recentlyViewed?: { pupilId: string }[] }>(priya, '/api/dashboard');
      expect(after.body.recentlyViewed?.map((entry) => entry.pupilId)).not.toContain(pupils.cara);
    } finally {
      await move(world.classes.mine);
    }
  },

  async listVaultDocuments() {
    const { priya, pupils, documents: docs } = world;
    const own = await documents(priya, pupils.ada);
    expect(statusOf(own)).toEqual({ status: 200 });
    const ids = own.body.items.map((item) => item.documentId);
    expect(ids).toEqual(expect.arrayContaining([docs.adaOpen, docs.adaLoose]));
    expect(ids).not.toContain(docs.adaHidden);
    expect((await documents(world.dana, pupils.ada)).body.items.map((item) => item.documentId)).toContain(
      docs.adaHidden,
    );
    expect(await documents(priya, pupils.outside)).toMatchObject(NOT_FOUND);
    expect(await documents(priya, pupils.classless)).toMatchObject(NOT_FOUND);
  },

  async downloadVaultDocument() {
    const { priya, pupils, documents: docs } = world;
    const download = (pupilId: string, documentId: string) =>
      priya.json('POST', `/api/vault/pupils/${pupilId}/documents/${documentId}/download`);
    expect(statusOf(await download(pupils.ada, docs.adaOpen))).toEqual({ status: 200 });
    expect(await download(pupils.ada, docs.adaHidden)).toMatchObject(NOT_FOUND);
    expect(await download(pupils.outside, docs.outsideLoose)).toMatchObject(NOT_FOUND);
    expect(await download(pupils.outside, docs.outsideAttached)).toMatchObject(NOT_FOUND);
    // Another pupil's document asked for under a pupil she may see.
    expect(await download(pupils.ada, docs.outsideLoose)).toMatchObject(NOT_FOUND);
  },

  async downloadVaultZip() {
    const { priya, pupils, documents: docs } = world;
    const zip = (pupilId: string, documentIds: string[]) =>
      priya.json('POST', `/api/vault/pupils/${pupilId}/zip`, { documentIds });
    expect(statusOf(await zip(pupils.ada, [docs.adaOpen, docs.adaLoose]))).toEqual({ status: 200 });
    expect(await zip(pupils.ada, [docs.adaOpen, docs.adaHidden])).toMatchObject(NOT_FOUND);
    expect(await zip(pupils.ada, [docs.adaOpen, docs.outsideLoose])).toMatchObject(NOT_FOUND);
    expect(await zip(pupils.outside, [docs.outsideLoose])).toMatchObject(NOT_FOUND);
  },

  async removeVaultDocument() {
    const { priya, dana, pupils, documents: docs } = world;
    const remove = (pupilId: string, documentId: string) =>
      priya.json('POST', `/api/vault/pupils/${pupilId}/documents/${documentId}/remove`, {
        reason: 'Wrong file',
      });
    expect(await remove(pupils.ada, docs.adaHidden)).toMatchObject(NOT_FOUND);
    expect(await remove(pupils.outside, docs.outsideLoose)).toMatchObject(NOT_FOUND);
    const lead = async (pupilId: string) =>
      (await documents(dana, pupilId)).body.items.filter((item) => item.removed !== undefined);
    expect(await lead(pupils.ada)).toEqual([]);
    expect(await lead(pupils.outside)).toEqual([]);
    const mine = await uploadDocument(priya, pupils.cara, 'mistake.pdf', 'application/pdf', PDF);
    expect(statusOf(await remove(pupils.cara, mine.documentId))).toEqual({ status: 200 });
  },

  async alertVaultDocument() {
    const { priya, dana, pupils, documents: docs } = world;
    const alert = (pupilId: string, documentId: string) =>
      priya.json('POST', `/api/vault/pupils/${pupilId}/documents/${documentId}/alert`, {
        personIds: [dana.personId],
      });
    const alertsOf = async () =>
      (await get<{ alerts: { subject: { documentId?: string } }[] }>(dana, '/api/dashboard')).body.alerts
        .map((entry) => entry.subject.documentId)
        .filter((id) => id !== undefined);
    expect(await alert(pupils.ada, docs.adaHidden)).toMatchObject(NOT_FOUND);
    expect(await alert(pupils.outside, docs.outsideLoose)).toMatchObject(NOT_FOUND);
    expect(await alertsOf()).toEqual([]);
    expect(await alert(pupils.ada, docs.adaOpen)).toEqual({ status: 200, body: { alerted: 1 } });
    expect(await alertsOf()).toEqual([docs.adaOpen]);
  },

  async requestVaultUpload() {
    const { priya, pupils } = world;
    // Files go with concerns, which anyone may raise about any pupil: the grant reveals nothing of them.
    const grant = await requestUpload(priya, pupils.outside, 'note.pdf', 'application/pdf', PDF);
    expect(statusOf(grant)).toEqual({ status: 201 });
    expect(Object.keys(grant.body).sort()).toEqual(['documentId', 'upload', 'uploadId']);
    const unknown = await requestUpload(priya, randomUUID(), 'note.pdf', 'application/pdf', PDF);
    expect(unknown).toMatchObject(NOT_FOUND);
  },

  async completeVaultUpload() {
    const { priya, dana, pupils } = world;
    const grant = await requestUpload(priya, pupils.outside, 'later.pdf', 'application/pdf', PDF);
    expect((await postToStorage(grant.body, PDF, 'later.pdf')).ok).toBe(true);
    // Only the uploader completes, and gets back only the file she sent.
    expect(await dana.json('POST', `/api/vault/uploads/${grant.body.uploadId}/complete`)).toMatchObject(
      NOT_FOUND,
    );
    const done = await priya.json<{ documentId: string }>(
      'POST',
      `/api/vault/uploads/${grant.body.uploadId}/complete`,
    );
    expect(statusOf(done)).toEqual({ status: 200 });
    expect(done.body.documentId).toBe(grant.body.documentId);
    expect(await documents(priya, pupils.outside)).toMatchObject(NOT_FOUND);
  },

  async getPupilAudit() {
    const { priya, pupils } = world;
    const own = await get<{ items: { action: string }[] }>(priya, `/api/audit/pupils/${pupils.ada}`);
    expect(statusOf(own)).toEqual({ status: 200 });
    expect(own.body.items.length).toBeGreaterThan(0);
    // The report shows who recorded and read what about a pupil: not for a pupil outside her classes.
    expect(await get(priya, `/api/audit/pupils/${pupils.outside}`)).toMatchObject(NOT_FOUND);
    expect(await get(priya, `/api/audit/pupils/${pupils.classless}`)).toMatchObject(NOT_FOUND);
    // A pupil the school no longer holds keeps a readable trail (the audit log outlives the record).
    expect(statusOf(await get(priya, `/api/audit/pupils/${randomUUID()}`))).toEqual({ status: 200 });
  },
  async editIncident() {
    const { priya } = world;
    const edit = (target: EditTarget, current: IncidentHistoryBody) =>
      priya.json('PATCH', `/api/incidents/${target.incidentId}`, {
        version: current.incident.version,
        reason: 'Tidying the wording',
        text: 'Changed by the form tutor.',
      });
    await refusedOnEveryHiddenIncident(edit);
    // A change rewrites every pupil's copy: not when one of them is about a pupil she may not see.
    await refusedWhenSeenInPart(edit);
    const mine = await editableByPriya();
    // Moving one she may change into a category she may not record in.
    const before = await leadHistory(mine.incidentId);
    const intoHidden = await priya.json('PATCH', `/api/incidents/${mine.incidentId}`, {
      version: before.incident.version,
      reason: 'Reclassified',
      pupils: [{ pupilId: world.pupils.ada, role: 'subject', categoryIds: [world.hidden] }],
    });
    expect(intoHidden).toMatchObject({
      status: 403,
      body: { errors: [expect.objectContaining({ field: 'body.pupils.0.categoryIds.0' })] },
    });
    expect(await leadHistory(mine.incidentId)).toEqual(before);
    expect(statusOf(await edit(mine, before))).toEqual({ status: 200 });
    expect((await leadHistory(mine.incidentId)).incident).toMatchObject({
      version: 2,
      text: 'Changed by the form tutor.',
    });
  },

  async deleteIncident() {
    const { priya } = world;
    const remove = (target: EditTarget, current: IncidentHistoryBody) =>
      priya.json('POST', `/api/incidents/${target.incidentId}/delete`, {
        version: current.incident.version,
        reason: 'Recorded in error',
      });
    await refusedOnEveryHiddenIncident(remove);
    await refusedWhenSeenInPart(remove);
    const mine = await editableByPriya();
    expect(statusOf(await remove(mine, await leadHistory(mine.incidentId)))).toEqual({ status: 200 });
    expect((await leadHistory(mine.incidentId)).incident.deleted).toMatchObject({
      reason: 'Recorded in error',
    });
  },

  async restoreIncident() {
    const { priya, dana, pupils, hidden } = world;
    const restore = (target: EditTarget, current: IncidentHistoryBody) =>
      priya.json('POST', `/api/incidents/${target.incidentId}/restore`, {
        version: current.incident.version,
        reason: 'Deleted by mistake',
      });
    const deletedByLead = async (target: EditTarget) => {
      const deleted = await dana.json('POST', `/api/incidents/${target.incidentId}/delete`, {
        version: (await leadHistory(target.incidentId)).incident.version,
        reason: 'Duplicate',
      });
      expect(statusOf(deleted)).toEqual({ status: 200 });
      return target;
    };
    await refusedOnEveryHiddenIncident(restore);
    // Deleted, in Child protection: still not there for her, and still deleted.
    const gone = await deletedByLead(await recordForEditing(world, pupils.ada, [hidden]));
    const before = await leadHistory(gone.incidentId);
    expect(await restore(gone, before)).toMatchObject(NOT_FOUND);
    expect(await leadHistory(gone.incidentId)).toEqual(before);
    const mine = await deletedByLead(await editableByPriya());
    expect(statusOf(await restore(mine, await leadHistory(mine.incidentId)))).toEqual({ status: 200 });
    expect((await leadHistory(mine.incidentId)).incident.deleted).toBeUndefined();
  },

  async getIncidentHistory() {
    const { priya } = world;
    const read = (target: EditTarget) =>
      get<IncidentHistoryBody>(priya, `/api/incidents/${target.incidentId}/history`);
    await refusedOnEveryHiddenIncident(read);
    const { partly } = await editRefusalTargets();
    expect((await read(partly)).status).toBe(403);
    const mine = await editableByPriya();
    const own = await read(mine);
    expect(statusOf(own)).toEqual({ status: 200 });
    expect(own.body.incident.incidentId).toBe(mine.incidentId);
    // Recorded in Child protection, since moved to Bullying: the version written under Child protection
    // stays out of her history (the lead still sees it).
    const { pupils, open, dana } = world;
    const moved = await recordForEditing(world, pupils.ada, [world.hidden], {
      text: 'What she said at home, for the leads only.',
    });
    const recategorised = await dana.json('PATCH', `/api/incidents/${moved.incidentId}`, {
      version: (await leadHistory(moved.incidentId)).incident.version,
      reason: 'Reclassified after review',
      text: 'A falling-out with friends.',
      pupils: [{ pupilId: pupils.ada, role: 'subject', categoryIds: [open] }],
    });
    expect(statusOf(recategorised)).toEqual({ status: 200 });
    expect((await leadHistory(moved.incidentId)).versions).toEqual([
      expect.objectContaining({ text: 'What she said at home, for the leads only.' }),
    ]);
    const hers = await read(moved);
    expect(statusOf(hers)).toEqual({ status: 200 });
    expect(hers.body.incident.text).toBe('A falling-out with friends.');
    expect(hers.body.versions).toEqual([]);
    expect(JSON.stringify(hers.body)).not.toContain('for the leads only');
  },

  async pinIncident() {
    const { priya, pupils } = world;
    const pin = (incidentId: string, pupilId: string, pinned = true) =>
      priya.json('POST', `/api/incidents/${incidentId}/pin`, { pupilId, pinned });
    const targets = await editRefusalTargets();
    for (const target of [targets.hidden, targets.outside, targets.classless]) {
      expect(await pin(target.incidentId, target.pupilId)).toMatchObject(NOT_FOUND);
      expect(await pinnedFor(target.pupilId)).not.toContain(target.incidentId);
    }
    // Pinned to a pupil she sees, an incident about someone else she may not see answers as one that
    // does not exist (not "Ada is not involved", which would tell her the incident is there).
    const unknown = await pin(randomUUID(), pupils.ada);
    expect(unknown).toMatchObject(NOT_FOUND);
    expect(refusalOf(await pin(targets.outside.incidentId, pupils.ada))).toEqual(refusalOf(unknown));
    expect(await pinnedFor(pupils.ada)).not.toContain(targets.outside.incidentId);
    // A pin belongs to one pupil's chronology: not the copy of a shared incident about a pupil outside her classes.
    expect(await pin(targets.partly.incidentId, targets.outside.pupilId)).toMatchObject(NOT_FOUND);
    expect(await pinnedFor(targets.outside.pupilId)).not.toContain(targets.partly.incidentId);
    const mine = await editableByPriya();
    expect(await pin(mine.incidentId, pupils.ada)).toEqual({ status: 200, body: { pinned: true } });
    expect(await pinnedFor(pupils.ada)).toContain(mine.incidentId);
    expect(await pin(mine.incidentId, pupils.ada, false)).toEqual({ status: 200, body: { pinned: false } });
    expect(await pinnedFor(pupils.ada)).not.toContain(mine.incidentId);
  },

  async mergeIncident() {
    const { priya } = world;
    const merge = (from: EditTarget, into: number, version: number, confirm = true) =>
      priya.json<{ merged: boolean; into?: { text: string } }>(
        'POST',
        `/api/incidents/${from.incidentId}/merge`,
        {
          version,
          reason: 'Recorded twice',
          intoNumber: into,
          confirm,
        },
      );
    const targets = await editRefusalTargets();
    const [kept, duplicate] = [await editableByPriya(), await editableByPriya()];
    const unchanged = async (check: () => Promise<void>) => {
      const before = await Promise.all(
        [kept, duplicate, targets.hidden].map((t) => leadHistory(t.incidentId)),
      );
      await check();
      expect(
        await Promise.all([kept, duplicate, targets.hidden].map((t) => leadHistory(t.incidentId))),
      ).toEqual(before);
    };
    await unchanged(async () => {
      // Merging one she may not see into one she may: as if it did not exist.
      for (const hiddenOne of [targets.hidden, targets.outside, targets.classless]) {
        const version = (await leadHistory(hiddenOne.incidentId)).incident.version;
        expect(await merge(hiddenOne, kept.number, version)).toMatchObject(NOT_FOUND);
      }
      // Merging one she may see into one she may not, previewed or confirmed: answered as for a number
      // no incident has, and nothing of the other incident is shown.
      const nowhere = await merge(duplicate, 999_999, 1);
      expect(nowhere.status).toBe(400);
      for (const hiddenOne of [targets.hidden, targets.outside, targets.classless]) {
        expect(refusalOf(await merge(duplicate, hiddenOne.number, 1, false))).toEqual(refusalOf(nowhere));
        expect(refusalOf(await merge(duplicate, hiddenOne.number, 1))).toEqual(refusalOf(nowhere));
      }
    });
    const merged = await merge(duplicate, kept.number, 1);
    expect(statusOf(merged)).toEqual({ status: 200 });
    expect(merged.body.merged).toBe(true);
    expect((await leadHistory(duplicate.incidentId)).incident.mergedInto).toBe(kept.incidentId);
  },

  async editAction() {
    const { priya } = world;
    const edit = (target: EditTarget, current: IncidentHistoryBody) =>
      priya.json('PATCH', `/api/incidents/${target.incidentId}/actions/${target.actionId}`, {
        version: actionOf(current, target.actionId).version,
        reason: 'Tidying the wording',
        text: 'Action changed by the form tutor.',
      });
    await refusedOnEveryHiddenIncident(edit);
    await refusedWhenSeenInPart(edit);
    const mine = await editableByPriya();
    expect(statusOf(await edit(mine, await leadHistory(mine.incidentId)))).toEqual({ status: 200 });
    expect(actionOf(await leadHistory(mine.incidentId), mine.actionId)).toMatchObject({
      version: 2,
      text: 'Action changed by the form tutor.',
    });
  },

  async deleteAction() {
    const { priya } = world;
    const remove = (target: EditTarget, current: IncidentHistoryBody) =>
      priya.json('POST', `/api/incidents/${target.incidentId}/actions/${target.actionId}/delete`, {
        version: actionOf(current, target.actionId).version,
        reason: 'Recorded on the wrong incident',
      });
    await refusedOnEveryHiddenIncident(remove);
    await refusedWhenSeenInPart(remove);
    const mine = await editableByPriya();
    expect(statusOf(await remove(mine, await leadHistory(mine.incidentId)))).toEqual({ status: 200 });
    expect(actionOf(await leadHistory(mine.incidentId), mine.actionId).deleted).toBeDefined();
  },

  async restoreAction() {
    const { priya, dana, pupils, hidden } = world;
    const restore = (target: EditTarget, current: IncidentHistoryBody) =>
      priya.json('POST', `/api/incidents/${target.incidentId}/actions/${target.actionId}/restore`, {
        version: actionOf(current, target.actionId).version,
        reason: 'Deleted by mistake',
      });
    const deletedByLead = async (target: EditTarget) => {
      const deleted = await dana.json(
        'POST',
        `/api/incidents/${target.incidentId}/actions/${target.actionId}/delete`,
        {
          version: actionOf(await leadHistory(target.incidentId), target.actionId).version,
          reason: 'Duplicate',
        },
      );
      expect(statusOf(deleted)).toEqual({ status: 200 });
      return target;
    };
    await refusedOnEveryHiddenIncident(restore);
    const gone = await deletedByLead(await recordForEditing(world, pupils.ada, [hidden]));
    const before = await leadHistory(gone.incidentId);
    expect(await restore(gone, before)).toMatchObject(NOT_FOUND);
    expect(await leadHistory(gone.incidentId)).toEqual(before);
    const mine = await deletedByLead(await editableByPriya());
    expect(statusOf(await restore(mine, await leadHistory(mine.incidentId)))).toEqual({ status: 200 });
    expect(actionOf(await leadHistory(mine.incidentId), mine.actionId).deleted).toBeUndefined();
  },

  async splitAction() {
    const { priya, hidden } = world;
    const newIds: string[] = [];
    const split = (target: EditTarget, current: IncidentHistoryBody, extra: Record<string, unknown> = {}) => {
      const incidentId = randomUUID();
      newIds.push(incidentId);
      return priya.json('POST', `/api/incidents/${target.incidentId}/actions/${target.actionId}/split`, {
        version: actionOf(current, target.actionId).version,
        reason: 'A separate concern',
        incidentId,
        ...extra,
      });
    };
    await refusedOnEveryHiddenIncident(split);
    await refusedWhenSeenInPart(split);
    // Out of one she may change, into a category she may not record in.
    const mine = await editableByPriya();
    const before = await leadHistory(mine.incidentId);
    const intoHidden = await split(mine, before, { categoryIds: [hidden] });
    expect(intoHidden).toMatchObject({
      status: 403,
      body: { errors: [expect.objectContaining({ field: 'body.categoryIds.0' })] },
    });
    expect(await leadHistory(mine.incidentId)).toEqual(before);
    for (const incidentId of newIds) {
      expect(await get(world.dana, `/api/incidents/${incidentId}/history`)).toMatchObject(NOT_FOUND);
    }
    const allowed = await split(mine, before);
    expect(statusOf(allowed)).toEqual({ status: 201 });
    expect(actionOf(await leadHistory(mine.incidentId), mine.actionId).splitInto).toBe(newIds.at(-1));
  },
  async addMyAutoAlert() {
    const { priya, dana, pupils, classes, open, hidden } = world;
    const targets = await editRefusalTargets();
    const add = (target: Record<string, string>) =>
      priya.json<{ ruleId: string }>('POST', '/api/dashboard/auto-alerts', { target });
    const rules = async () =>
      (await get<{ items: { ruleId: string }[] }>(priya, '/api/dashboard/auto-alerts')).body.items.map(
        (rule) => rule.ruleId,
      );
    const before = await rules();
    // An alert opens its incident: a rule about a pupil or class she may not see would show her their
    // records, so it is refused exactly as one about a pupil or class that does not exist.
    const noPupil = await add({ kind: 'pupil', pupilId: randomUUID() });
    expect(noPupil.status).toBe(400);
    for (const pupilId of [pupils.outside, pupils.classless]) {
      expect(refusalOf(await add({ kind: 'pupil', pupilId }))).toEqual(refusalOf(noPupil));
    }
    const noClass = await add({ kind: 'class', classId: randomUUID() });
    expect(noClass.status).toBe(400);
    expect(refusalOf(await add({ kind: 'class', classId: classes.other }))).toEqual(refusalOf(noClass));
    expect(await add({ kind: 'category', categoryId: hidden })).toMatchObject({
      status: 400,
      body: { errors: [expect.objectContaining({ field: 'body.target.categoryId' })] },
    });
    expect(await rules()).toEqual(before);

    const allowed = await Promise.all([
      add({ kind: 'category', categoryId: open }),
      add({ kind: 'pupil', pupilId: pupils.ada }),
      add({ kind: 'class', classId: classes.mine }),
    ]);
    expect(allowed.map(statusOf)).toEqual([{ status: 201 }, { status: 201 }, { status: 201 }]);
    const recorded = async (pupilId: string, categoryIds: string[]) => {
      const body = incidentBody(pupilId, categoryIds);
      expect(statusOf(await dana.json('POST', '/api/incidents', body))).toEqual({ status: 201 });
      return body.incidentId;
    };
    try {
      // What the rules deliver: Bullying about Ada, not Bullying about pupils outside her classes nor
      // Child protection about Ada.
      const [ada, outside, classless, adaHidden] = await Promise.all([
        recorded(pupils.ada, [open]),
        recorded(targets.outside.pupilId, [open]),
        recorded(targets.classless.pupilId, [open]),
        recorded(pupils.ada, [hidden]),
      ]);
      const alerts = (
        await get<{ alerts: { subject: { incidentId?: string } }[] }>(priya, '/api/dashboard')
      ).body.alerts.map((alert) => alert.subject.incidentId);
      expect(alerts).toContain(ada);
      expect(alerts).not.toContain(outside);
      expect(alerts).not.toContain(classless);
      expect(alerts).not.toContain(adaHidden);
      expect(await get(priya, `/api/incidents/${outside}?pupilId=${targets.outside.pupilId}`)).toMatchObject(
        NOT_FOUND,
      );
      await priya.json('POST', `/api/incidents/${ada}/read`);
    } finally {
      for (const rule of allowed)
        await priya.request('DELETE', `/api/dashboard/auto-alerts/${rule.body.ruleId}`);
    }
    expect(await rules()).toEqual(before);
  },

  async addUserAutoAlert() {
    const { priya, dana, pupils, classes, hidden } = world;
    const path = `/api/admin/users/${priya.personId}/auto-alerts`;
    const add = (client: StaffClient, target: Record<string, string>) =>
      client.json<{ ruleId: string }>('POST', path, { target });
    const rules = async () =>
      (await get<{ items: { ruleId: string }[] }>(dana, path)).body.items.map((rule) => rule.ruleId);
    const before = await rules();
    // Only an admin sets rules for someone else.
    expect((await add(priya, { kind: 'pupil', pupilId: pupils.ada })).status).toBe(403);
    // The admin sees every pupil, but the rule alerts Priya: not about a pupil, class or category she may
    // not see.
    const refused = (field: string) => ({
      status: 400,
      body: { errors: [expect.objectContaining({ field })] },
    });
    expect(await add(dana, { kind: 'pupil', pupilId: pupils.outside })).toMatchObject(
      refused('body.target.pupilId'),
    );
    expect(await add(dana, { kind: 'pupil', pupilId: pupils.classless })).toMatchObject(
      refused('body.target.pupilId'),
    );
    expect(await add(dana, { kind: 'class', classId: classes.other })).toMatchObject(
      refused('body.target.classId'),
    );
    expect(await add(dana, { kind: 'category', categoryId: hidden })).toMatchObject(
      refused('body.target.categoryId'),
    );
    expect(await rules()).toEqual(before);
    const allowed = await add(dana, { kind: 'pupil', pupilId: pupils.ada });
    expect(statusOf(allowed)).toEqual({ status: 201 });
    expect(await rules()).toContain(allowed.body.ruleId);
    expect((await dana.request('DELETE', `${path}/${allowed.body.ruleId}`)).status).toBe(204);
  },
};

const routes = pupilDataRoutes(ALL_ENDPOINTS);

it('has a case for every route that holds pupil data, and none for a route that is gone', () => {
  expect(routes.length).toBeGreaterThan(25);
  const derived = routes.map((contract) => contract.operationId).sort();
  expect({ missingCases: derived.filter((id) => !(id in CASES)) }).toEqual({ missingCases: [] });
  expect({ staleCases: Object.keys(CASES).filter((id) => !derived.includes(id)) }).toEqual({
    staleCases: [],
  });
});

it.each(routes.map((contract) => [`${contract.method} ${contract.path}`, contract.operationId] as const))(
  '%s admits by category and class, and refuses the rest',
  async (_name, operationId) => {
    const check = CASES[operationId];
    if (!check) throw new Error(`No case for ${operationId}`);
    await check();
  },
);

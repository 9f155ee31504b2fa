/**
 * The web app's hand-written pupil and monitoring API types (web/src/api/pupils.ts, monitoring.ts)
 * against the server's zod contracts: every answer the contract allows is read by the web parser
 * without loss, and every request the web app sends is one the contract accepts.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import * as monitoring from '../../../lib/monitoring/monitoring-api';
import type { EndpointContract } from '../../../lib/platform/http/endpoint';
import * as pupils from '../../../lib/pupils/pupils-api';

type WebResult = { ok: true; value: unknown } | { ok: false; problem: unknown };

/** Loads web modules by a path the root tsconfig does not follow (they are written against the DOM). */
async function webValue(module: string, name: string, ...args: unknown[]): Promise<unknown> {
  const loaded = (await import(`../../../web/src/api/${module}`)) as Record<string, unknown>;
  const result = await (loaded[name] as (...args: unknown[]) => Promise<WebResult>)(...args);
  if (!result.ok) throw new Error(`${module}.${name} failed: ${JSON.stringify(result.problem)}`);
  return result.value;
}

interface SentRequest {
  method: string;
  path: string;
  body: unknown;
}

let answerBody: unknown;
let answerStatus = 200;
let sent: SentRequest[] = [];

beforeEach(() => {
  sent = [];
  jest.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'https://x.test',
    );
    sent.push({
      method: init?.method ?? 'GET',
      path: url.pathname + url.search,
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    });
    return Promise.resolve(
      answerStatus === 204
        ? new Response(null, { status: 204 })
        : new Response(JSON.stringify(answerBody), {
            status: answerStatus,
            headers: { 'Content-Type': 'application/json' },
          }),
    );
  });
});

afterEach(() => {
  jest.restoreAllMocks();
});

function answerWith<C extends EndpointContract>(contract: C, body: z.input<C['response']>): void {
  answerBody =
    contract.successStatus === 204
      ? undefined
      : (JSON.parse(JSON.stringify(contract.response.parse(body))) as unknown);
  answerStatus = contract.successStatus;
}

function sentTo(contract: EndpointContract): SentRequest {
  expect(sent).toHaveLength(1);
  const [request] = sent as [SentRequest];
  const template = new RegExp(`^${contract.path.replace(/\{[^}]+\}/g, '[^/?]+')}(\\?.*)?$`);
  expect(request.method).toBe(contract.method);
  expect(request.path).toMatch(template);
  if (contract.body) expect(contract.body.safeParse(request.body).error?.issues ?? []).toEqual([]);
  if (contract.query) {
    const query = Object.fromEntries(new URL(request.path, 'https://x.test').searchParams);
    expect(contract.query.safeParse(query).error?.issues ?? []).toEqual([]);
  }
  return request;
}

const PUPIL_ID = randomUUID();
const SCHOOL_ID = randomUUID();
const CLASS_ID = randomUUID();
const AT = '2026-03-02T09:30:00.000Z';

const summary = {
  pupilId: PUPIL_ID,
  displayName: 'Zoë O’Brien',
  sortName: "o'brien, zoe",
  yearGroup: '5',
  tutorGroup: '5B',
  classIds: [CLASS_ID],
  archived: false,
};
const current = {
  categoryId: 'neglect',
  categoryName: 'Neglect',
  colour: '#e91e63',
  since: '2026-02-01',
  startedAt: AT,
};
const contact = {
  contactId: randomUUID(),
  pupilId: PUPIL_ID,
  name: 'Morgan Ellis',
  relationship: 'Social worker',
  phone: '07700 900123',
  email: 'morgan@example.org',
  address: '1 Church Lane',
  parentalResponsibility: false,
  priority: 3,
  source: 'manual' as const,
  updatedAt: AT,
  version: 2,
};
const profile = {
  pupilId: PUPIL_ID,
  schoolId: SCHOOL_ID,
  legalForename: 'Zoë',
  legalSurname: 'O’Brien',
  preferredForename: 'Zo',
  middleNames: 'Anne',
  dateOfBirth: '2015-10-01',
  gender: 'F' as const,
  upn: 'B801200005001',
  uln: '1234567899',
  admissionDate: '2020-09-03',
  yearGroup: '5',
  tutorGroup: '5B',
  senProvision: 'K' as const,
  pupilPremium: true,
  freeSchoolMeals: false,
  englishAdditionalLanguage: false,
  ethnicity: 'WBRI',
  religion: 'Christian',
  lookedAfter: false,
  medicalConditions: ['Asthma'],
  classIds: [CLASS_ID],
  archived: false,
  source: 'manual' as const,
  monitoredCategoryIds: ['neglect'],
  createdAt: AT,
  updatedAt: AT,
  version: 3,
  displayName: 'Zo O’Brien',
};

it('reads a pupil list page and sends only the filters in use', async () => {
  answerWith(pupils.listPupils, { items: [{ ...summary, monitoring: [current] }], nextCursor: 'abc' });
  const page = await webValue('pupils', 'listPupils', {
    q: 'zoe',
    classId: CLASS_ID,
    monitored: true,
    includeArchived: true,
    limit: 50,
    cursor: 'abc',
  });
  expect(page).toEqual({
    items: [
      {
        pupilId: PUPIL_ID,
        displayName: summary.displayName,
        yearGroup: '5',
        tutorGroup: '5B',
        archived: false,
        monitoring: [
          { categoryId: 'neglect', categoryName: 'Neglect', colour: '#e91e63', since: '2026-02-01' },
        ],
      },
    ],
    nextCursor: 'abc',
  });
  sentTo(pupils.listPupils);
});

it('reads the filters', async () => {
  answerWith(pupils.getPupilFilters, {
    classes: [{ classId: CLASS_ID, name: '5B', kind: 'tutor' }],
    categories: [{ categoryId: 'neglect', name: 'Neglect', colour: '#e91e63', parentId: 'cp' }],
  });
  await expect(webValue('pupils', 'getPupilFilters')).resolves.toEqual({
    classes: [{ classId: CLASS_ID, name: '5B', kind: 'tutor' }],
    categories: [{ categoryId: 'neglect', name: 'Neglect', colour: '#e91e63', parentId: 'cp' }],
  });
  sentTo(pupils.getPupilFilters);
});

it('reads a whole record: details, contacts, links and monitoring', async () => {
  answerWith(pupils.getPupil, {
    pupil: profile,
    contacts: [contact],
    links: [
      {
        pupilId: PUPIL_ID,
        otherPupilId: randomUUID(),
        kind: 'manual',
        note: 'cousin',
        other: { ...summary, pupilId: randomUUID(), displayName: 'Matt Greenwood' },
        source: 'manual',
        createdAt: AT,
      },
    ],
    monitoring: [current],
  });
  const view = (await webValue('pupils', 'getPupil', PUPIL_ID)) as Record<string, unknown>;
  sentTo(pupils.getPupil);
  expect(view).toMatchObject({ pupilId: PUPIL_ID, displayName: 'Zo O’Brien', version: 3, source: 'manual' });
  const {
    pupilId: _id,
    schoolId: _school,
    classIds: _classes,
    archived: _archived,
    source: _source,
    monitoredCategoryIds: _m,
    createdAt: _c,
    updatedAt: _u,
    version: _v,
    displayName: _d,
    ...details
  } = profile;
  expect(view.details).toEqual(details);
  expect(view.contacts).toEqual([
    {
      contactId: contact.contactId,
      name: contact.name,
      relationship: contact.relationship,
      phone: contact.phone,
      email: contact.email,
      address: contact.address,
      parentalResponsibility: false,
      priority: 3,
      source: 'manual',
      version: 2,
    },
  ]);
  expect(view.links).toEqual([expect.objectContaining({ kind: 'manual', note: 'cousin', source: 'manual' })]);
});

it('sends a new pupil, an archive, a contact and a contact removal the contracts accept', async () => {
  answerWith(pupils.addPupil, profile);
  await webValue('pupils', 'addPupil', {
    pupilId: PUPIL_ID,
    legalForename: 'Zoë',
    legalSurname: 'O’Brien',
    preferredForename: 'Zo',
    dateOfBirth: '2015-10-01',
    gender: 'F',
    upn: 'B801200005001',
    yearGroup: '5',
    classIds: [CLASS_ID],
  });
  sentTo(pupils.addPupil);

  sent = [];
  answerWith(pupils.archivePupil, profile);
  await expect(webValue('pupils', 'setPupilArchived', PUPIL_ID, true, 3)).resolves.toEqual({
    pupilId: PUPIL_ID,
    version: 3,
  });
  sentTo(pupils.archivePupil);

  sent = [];
  answerWith(pupils.addContact, contact);
  const { pupilId: _p, source: _s, updatedAt: _u, version: _v, ...newContact } = contact;
  await webValue('pupils', 'addContact', PUPIL_ID, newContact);
  sentTo(pupils.addContact);

  sent = [];
  answerWith(pupils.deleteContact, undefined);
  await webValue('pupils', 'deleteContact', PUPIL_ID, { ...contact });
  expect(sentTo(pupils.deleteContact).path).toContain('version=2');
});

it('reads the monitoring history and sends changes and bulk updates the contracts accept', async () => {
  answerWith(monitoring.getMonitoringHistory, {
    pupilId: PUPIL_ID,
    entries: [
      { ...current, until: '2026-02-20', endedAt: AT, durationDays: 19, open: false, reason: 'manual' },
      { ...current, durationDays: 3, open: true, reason: 'incident' },
    ],
    today: '2026-03-02',
    mayChange: true,
    categories: [{ categoryId: 'neglect', name: 'Neglect', colour: '#e91e63' }],
  });
  const history = (await webValue('monitoring', 'getMonitoringHistory', PUPIL_ID)) as { entries: unknown[] };
  sentTo(monitoring.getMonitoringHistory);
  expect(history.entries).toEqual([
    expect.objectContaining({
      until: '2026-02-20',
      endedAt: AT,
      durationDays: 19,
      open: false,
      reason: 'manual',
    }),
    expect.objectContaining({ durationDays: 3, open: true, reason: 'incident' }),
  ]);

  sent = [];
  answerWith(monitoring.changeMonitoring, { started: ['neglect'], stopped: [] });
  await expect(
    webValue('monitoring', 'changeMonitoring', PUPIL_ID, {
      start: ['neglect'],
      stop: [],
      startDate: '2026-03-01',
    }),
  ).resolves.toEqual({ started: ['neglect'], stopped: [] });
  sentTo(monitoring.changeMonitoring);

  sent = [];
  answerWith(monitoring.bulkMonitoring, { results: [{ pupilId: PUPIL_ID, outcome: 'started' }] });
  await expect(
    webValue('monitoring', 'bulkMonitoring', {
      pupilIds: [PUPIL_ID],
      categoryId: 'neglect',
      operation: 'add',
    }),
  ).resolves.toEqual([{ pupilId: PUPIL_ID, outcome: 'started' }]);
  sentTo(monitoring.bulkMonitoring);
});

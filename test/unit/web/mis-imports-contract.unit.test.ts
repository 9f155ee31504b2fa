/**
 * The web app's MIS import client (web/src/api/mis-imports.ts) against the server's zod contracts
 * (lib/mis/mis-api.ts): every answer the contract allows is read without loss, the paths and queries
 * it sends are the contract's, and a malformed answer becomes a problem rather than a broken page.
 * Also the health light's words (web/src/imports/import-words.ts), which carry its meaning without
 * colour. Web modules are loaded by a path the root tsconfig does not follow (it has no DOM library);
 * web/tsconfig.json type-checks them.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import * as contracts from '../../../lib/mis/mis-api';
import type { EndpointContract } from '../../../lib/platform/http/endpoint';

type WebResult = { ok: true; value: unknown } | { ok: false; problem: { title: string; status?: number } };

async function webModule(path: string): Promise<Record<string, unknown>> {
  return (await import(`../../../web/src/${path}`)) as Record<string, unknown>;
}

async function callClient(name: string, ...args: unknown[]): Promise<WebResult> {
  const fn = (await webModule('api/mis-imports'))[name];
  if (typeof fn !== 'function') throw new Error(`web/src/api/mis-imports.ts has no function ${name}`);
  return (fn as (...args: unknown[]) => Promise<WebResult>)(...args);
}

const SCHOOL_ID = randomUUID();
const IMPORT_ID = randomUUID();
const AT = '2026-11-22T02:00:03.000Z';

let answerBody: unknown;
let answerStatus = 200;
let sent: { method: string; path: string; body?: unknown }[] = [];

beforeEach(() => {
  sent = [];
  jest.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'https://lantern.test',
    );
    sent.push({
      method: init?.method ?? 'GET',
      path: url.pathname + url.search,
      ...(typeof init?.body === 'string' ? { body: JSON.parse(init.body) as unknown } : {}),
    });
    return Promise.resolve(
      new Response(JSON.stringify(answerBody), {
        status: answerStatus,
        headers: { 'Content-Type': answerStatus < 400 ? 'application/json' : 'application/problem+json' },
      }),
    );
  });
});

afterEach(() => {
  jest.restoreAllMocks();
});

/** Answers the next request with `body`, which must satisfy the endpoint's response schema. */
function answerWith<C extends EndpointContract>(contract: C, body: z.input<C['response']>): unknown {
  answerBody = JSON.parse(JSON.stringify(contract.response.parse(body))) as unknown;
  answerStatus = contract.successStatus;
  return answerBody;
}

function sentTo(contract: EndpointContract): { method: string; path: string; body?: unknown } {
  expect(sent).toHaveLength(1);
  const request = sent[0]!;
  expect(request.method).toBe(contract.method);
  expect(request.path).toMatch(new RegExp(`^${contract.path.replace(/\{[^}]+\}/g, '[^/?]+')}(\\?.*)?$`));
  if (contract.query) {
    const query = Object.fromEntries(new URL(request.path, 'https://lantern.test').searchParams);
    expect(contract.query.safeParse(query).success).toBe(true);
  }
  return request;
}

const counts = {
  pupilsInExtract: 3,
  pupilsAdded: 3,
  pupilsUpdated: 0,
  pupilsUnchanged: 0,
  pupilsArchived: 0,
  pupilsRestored: 0,
  rowsSkipped: 1,
  classesAdded: 1,
  classesRenamed: 0,
  staffInExtract: 0,
  usersDeactivated: 0,
  itemsWritten: 12,
};

const applied = {
  importId: IMPORT_ID,
  schoolId: SCHOOL_ID,
  status: 'applied' as const,
  format: 'lantern' as const,
  receivedAt: AT,
  credentialId: randomUUID(),
  byteSize: 2048,
  startedAt: AT,
  finishedAt: AT,
  trigger: 'run-now' as const,
  counts,
  problemCount: 1,
  version: 3,
};

const rejected = {
  importId: randomUUID(),
  schoolId: SCHOOL_ID,
  status: 'rejected' as const,
  receivedAt: AT,
  byteSize: 40,
  rejection: { field: 'body.pupils', reason: 'Invalid input: expected array, received string' },
  problemCount: 0,
  version: 1,
};

const problem = {
  section: 'pupils',
  row: 2,
  misId: 'e2e-1',
  field: 'upn',
  reason: 'the check letter is wrong',
  severity: 'error' as const,
};

describe('the import log', () => {
  it('reads a page with every field the contract allows, and asks for the next page with the cursor', async () => {
    answerWith(contracts.listImports, { items: [applied, rejected], nextCursor: 'next-page' });
    const result = await callClient('listMisImports', 25, 'page-2');
    const { schoolId: _a, credentialId: _b, version: _c, ...shownApplied } = applied;
    const { schoolId: _d, version: _e, ...shownRejected } = rejected;
    expect(result).toEqual({
      ok: true,
      value: { items: [shownApplied, shownRejected], nextCursor: 'next-page' },
    });
    expect(sentTo(contracts.listImports).path).toBe('/api/admin/mis/imports?limit=25&cursor=page-2');
  });

  it('takes an answer with an unknown status as unreadable', async () => {
    answerBody = { items: [{ ...applied, status: 'exploded' }] };
    answerStatus = 200;
    const result = await callClient('listMisImports', 25);
    expect(result.ok).toBe(false);
  });
});

it('reads one import with its row problems, exactly as listed', async () => {
  answerWith(contracts.getImport, {
    ...applied,
    sha256: 'ab'.repeat(32),
    objectKey: `extracts/${SCHOOL_ID}/${IMPORT_ID}`,
    problems: [problem, { ...problem, misId: undefined, severity: 'warning', row: 3 }],
  });
  const result = await callClient('getMisImport', IMPORT_ID);
  expect(result.ok && result.value).toMatchObject({
    importId: IMPORT_ID,
    counts,
    problems: [problem, { section: 'pupils', row: 3, field: 'upn', severity: 'warning' }],
  });
  sentTo(contracts.getImport);
});

it('asks to run the import now, and passes on a 409 with its detail', async () => {
  answerWith(contracts.runImportNow, { importId: IMPORT_ID, startsAt: AT });
  await expect(callClient('runMisImportNow')).resolves.toEqual({
    ok: true,
    value: { importId: IMPORT_ID, startsAt: AT },
  });
  sentTo(contracts.runImportNow);

  answerBody = {
    type: 'urn:lantern:problem:conflict',
    title: 'Conflict',
    status: 409,
    detail: 'No extract has been received yet: the connector must push one first.',
  };
  answerStatus = 409;
  await expect(callClient('runMisImportNow')).resolves.toMatchObject({
    ok: false,
    problem: { status: 409, detail: 'No extract has been received yet: the connector must push one first.' },
  });
});

describe('the nightly import time', () => {
  it('reads the time, the zone and whether it is scheduled yet', async () => {
    answerWith(contracts.getNightlySchedule, {
      nightlyAt: '02:00',
      timeZone: 'Europe/London',
      scheduled: false,
    });
    await expect(callClient('fetchMisNightlySchedule')).resolves.toEqual({
      ok: true,
      value: { nightlyAt: '02:00', timeZone: 'Europe/London', scheduled: false },
    });
    sentTo(contracts.getNightlySchedule);
  });

  it('sends a body the contract accepts, reads the answer, and passes on a refusal naming the field', async () => {
    answerWith(contracts.setNightlySchedule, { nightlyAt: '06:30', timeZone: 'Europe/London' });
    await expect(callClient('setMisNightlySchedule', '06:30')).resolves.toEqual({
      ok: true,
      value: { nightlyAt: '06:30', timeZone: 'Europe/London' },
    });
    const request = sentTo(contracts.setNightlySchedule);
    expect(contracts.NightlyScheduleRequestSchema.parse(request.body)).toEqual({ nightlyAt: '06:30' });

    const reason = 'must be a time like 02:00, from 00:00 to 23:59';
    expect(
      contracts.NightlyScheduleRequestSchema.safeParse({ nightlyAt: '25:00' }).error?.issues[0]?.message,
    ).toBe(reason);
    answerBody = {
      type: 'urn:lantern:problem:validation',
      title: 'Validation failed',
      status: 400,
      errors: [{ field: 'body.nightlyAt', reason }],
    };
    answerStatus = 400;
    await expect(callClient('setMisNightlySchedule', '25:00')).resolves.toMatchObject({
      ok: false,
      problem: { status: 400, errors: [{ field: 'body.nightlyAt', reason }] },
    });
  });

  it('takes an answer without the zone as unreadable', async () => {
    answerBody = { nightlyAt: '02:00', scheduled: true };
    answerStatus = 200;
    await expect(callClient('fetchMisNightlySchedule')).resolves.toMatchObject({ ok: false });
  });
});

it('reads the health light with the classes awaiting access', async () => {
  const classId = randomUUID();
  answerWith(contracts.getImportHealth, {
    light: 'amber',
    lastSuccessAt: AT,
    newestReceivedAt: AT,
    lastFailureAt: AT,
    classesAwaitingAccess: [{ classId, name: '7A' }],
  });
  await expect(callClient('fetchMisImportHealth')).resolves.toEqual({
    ok: true,
    value: {
      light: 'amber',
      lastSuccessAt: AT,
      newestReceivedAt: AT,
      lastFailureAt: AT,
      classesAwaitingAccess: [{ classId, name: '7A' }],
    },
  });
  sentTo(contracts.getImportHealth);
});

describe('the health light in words', () => {
  type Health = { light: 'green' | 'amber' | 'red'; lastSuccessAt?: string; lastFailureAt?: string };
  const now = new Date('2026-11-22T12:00:00.000Z');

  async function words() {
    const loaded = await webModule('imports/import-words');
    return {
      headline: loaded.healthHeadline as (health: Health, now: Date) => string,
      failure: loaded.failureSentence as (health: Health, now: Date) => string | undefined,
    };
  }

  it.each([
    [{ light: 'green', lastSuccessAt: '2026-11-22T09:00:00.000Z' }, 'Last successful import 3 hours ago'],
    [
      { light: 'green', lastSuccessAt: '2026-11-22T11:59:30.000Z' },
      'Last successful import less than a minute ago',
    ],
    [{ light: 'amber', lastSuccessAt: '2026-11-20T11:00:00.000Z' }, 'Last successful import 2 days ago'],
    [{ light: 'red', lastSuccessAt: '2026-11-18T10:00:00.000Z' }, 'No successful import for 4 days'],
    [{ light: 'red' }, 'Never imported'],
  ] as [Health, string][])('%j reads "%s"', async (health, expected) => {
    expect((await words()).headline(health, now)).toBe(expected);
  });

  it('says when the most recent run failed, and nothing when none did', async () => {
    const { failure } = await words();
    expect(failure({ light: 'green', lastFailureAt: '2026-11-22T10:00:00.000Z' }, now)).toBe(
      'The most recent import failed 2 hours ago.',
    );
    expect(failure({ light: 'green' }, now)).toBeUndefined();
  });
});

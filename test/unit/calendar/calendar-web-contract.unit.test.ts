/**
 * The web app's Admin > Calendar client (web/src/calendar/calendar-api.ts) against the server's zod
 * contracts (lib/calendar/calendar-api.ts): it reads every answer the contract allows without loss,
 * and the body it sends is one the contract accepts.
 */
import { randomUUID } from 'node:crypto';
import { getSchoolCalendar, updateSchoolCalendar } from '../../../lib/calendar/calendar-api';
import { upcomingBankHolidays } from '../../../lib/calendar/bank-holidays';
import { SchoolCalendarUpdateSchema } from '../../../lib/calendar/school-calendar';

const WEB_MODULE = '../../../web/src/calendar/calendar-api';

type WebResult = { ok: true; value: unknown } | { ok: false; problem: unknown };

/** The root tsconfig has no DOM library, so the web module is loaded by a path TypeScript does not follow. */
async function callWeb(name: string, ...args: unknown[]): Promise<WebResult> {
  const loaded = (await import(WEB_MODULE)) as Record<string, unknown>;
  return (loaded[name] as (...args: unknown[]) => Promise<WebResult>)(...args);
}

const PERSON_ID = randomUUID();
let sent: { method: string; path: string; body: unknown }[] = [];
let answer: unknown;

beforeEach(() => {
  sent = [];
  jest.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'https://lantern.test',
    );
    sent.push({
      method: init?.method ?? 'GET',
      path: url.pathname,
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    });
    return Promise.resolve(
      new Response(JSON.stringify(answer), { status: 200, headers: { 'Content-Type': 'application/json' } }),
    );
  });
});

afterEach(() => {
  jest.restoreAllMocks();
});

const calendar = {
  bankHolidays: 'scotland' as const,
  terms: [{ name: 'Autumn 1', startsOn: '2025-08-19', endsOn: '2025-10-10' }],
  closures: [{ startsOn: '2025-09-22', endsOn: '2025-09-22', reason: 'September weekend' }],
  version: 3,
  updatedAt: '2025-08-01T09:00:00.000Z',
  updatedBy: { personId: PERSON_ID, name: 'Dana Shah' },
};

const view = {
  calendar,
  upcomingBankHolidays: {
    'england-and-wales': upcomingBankHolidays('2025-08-01', 'england-and-wales', 10),
    scotland: upcomingBankHolidays('2025-08-01', 'scotland', 10),
    'northern-ireland': upcomingBankHolidays('2025-08-01', 'northern-ireland', 10),
  },
};

it('reads the calendar the API answers with', async () => {
  answer = JSON.parse(JSON.stringify(getSchoolCalendar.response.parse(view))) as unknown;
  const result = await callWeb('fetchSchoolCalendar');
  expect(sent).toEqual([{ method: 'GET', path: '/api/admin/calendar', body: undefined }]);
  expect(result).toEqual({
    ok: true,
    value: {
      calendar: {
        bankHolidays: 'scotland',
        terms: calendar.terms,
        closures: calendar.closures,
        version: 3,
        updatedAt: calendar.updatedAt,
        updatedByName: 'Dana Shah',
      },
      upcomingBankHolidays: view.upcomingBankHolidays,
    },
  });
});

it('reads a calendar never saved, and sends a body the contract accepts', async () => {
  answer = getSchoolCalendar.response.parse({
    ...view,
    calendar: { bankHolidays: 'england-and-wales', terms: [], closures: [], version: 0 },
  });
  const { terms, closures } = calendar;
  const result = await callWeb('saveSchoolCalendar', { bankHolidays: 'scotland', terms, closures }, 0);
  expect(result.ok).toBe(true);
  expect(sent).toHaveLength(1);
  expect(sent[0]?.method).toBe('PUT');
  expect(sent[0]?.path).toBe(updateSchoolCalendar.path);
  expect(updateSchoolCalendar.body).toBe(SchoolCalendarUpdateSchema);
  expect(SchoolCalendarUpdateSchema.safeParse(sent[0]?.body).error?.issues ?? []).toEqual([]);
});

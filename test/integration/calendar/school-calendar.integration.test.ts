/**
 * Admin > Calendar over HTTP (BYD-1): the default calendar, saving terms and closures, optimistic
 * locking, field-naming refusals that change nothing, the admin.settings permission, and the audit
 * event. The saved calendar then drives the KCSIE clock through CalendarRepository.get.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { CalendarRepository, kcsieClock } from '../../../lib/calendar';
import { auditKeys } from '../../../lib/data/keys';
import { startApiHarness, type ApiHarness } from '../../support/api-harness';
import { demoStaff, signInAs, signInElevated, type StaffClient } from '../../support/staff-client';

interface Range {
  startsOn: string;
  endsOn: string;
}
interface CalendarView {
  calendar: {
    bankHolidays: string;
    terms: (Range & { name: string })[];
    closures: (Range & { reason: string })[];
    version: number;
    updatedAt?: string;
    updatedBy?: { personId: string; name: string };
  };
  upcomingBankHolidays: Record<string, { date: string; name: string }[]>;
}
interface Problem {
  status: number;
  errors?: { field: string; reason: string }[];
}

let harness: ApiHarness;
let dana: StaffClient;
let tom: StaffClient;

beforeAll(async () => {
  harness = await startApiHarness();
  [dana, tom] = await Promise.all([
    signInElevated(harness.baseUrl, 'dana'),
    signInAs(harness.baseUrl, demoStaff('tom')),
  ]);
}, 120_000);

afterAll(async () => {
  await harness.close();
});

const YEAR = {
  bankHolidays: 'england-and-wales',
  // Sent out of order: stored and shown in date order.
  terms: [
    { name: 'Autumn 2', startsOn: '2025-11-03', endsOn: '2025-12-19' },
    { name: 'Autumn 1', startsOn: '2025-09-03', endsOn: '2025-10-24' },
  ],
  closures: [{ startsOn: '2025-09-03', endsOn: '2025-09-03', reason: 'INSET day' }],
};

it('reads, saves, refuses a stale version and bad ranges, and the clock counts from what was saved', async () => {
  const initial = await dana.json<CalendarView>('GET', '/api/admin/calendar');
  expect(initial.status).toBe(200);
  expect(initial.body.calendar).toEqual({
    bankHolidays: 'england-and-wales',
    terms: [],
    closures: [],
    version: 0,
  });
  expect(initial.body.upcomingBankHolidays.scotland).toHaveLength(10);
  expect(initial.body.upcomingBankHolidays['england-and-wales']?.[0]?.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);

  const saved = await dana.json<CalendarView>('PUT', '/api/admin/calendar', { ...YEAR, version: 0 });
  expect(saved.status).toBe(200);
  expect(saved.body.calendar).toMatchObject({
    version: 1,
    terms: [YEAR.terms[1], YEAR.terms[0]],
    closures: YEAR.closures,
    updatedBy: { personId: dana.personId },
  });
  expect((await dana.json<CalendarView>('GET', '/api/admin/calendar')).body.calendar).toEqual(
    saved.body.calendar,
  );

  // Saving from the version read before (someone else saved meanwhile) is a 409 naming the version.
  const stale = await dana.json<Problem>('PUT', '/api/admin/calendar', {
    ...YEAR,
    bankHolidays: 'scotland',
    version: 0,
  });
  expect(stale.status).toBe(409);
  expect(stale.body.errors?.[0]?.field).toBe('body.version');

  // Terms that share a day: a 400 naming the later term's start date.
  const overlapping = await dana.json<Problem>('PUT', '/api/admin/calendar', {
    ...YEAR,
    terms: [...YEAR.terms, { name: 'Extra', startsOn: '2025-10-20', endsOn: '2025-10-31' }],
    version: 1,
  });
  expect(overlapping.status).toBe(400);
  expect(overlapping.body.errors).toEqual([
    { field: 'body.terms.2.startsOn', reason: expect.stringContaining('overlaps the term "Autumn 1"') },
  ]);
  const backwards = await dana.json<Problem>('PUT', '/api/admin/calendar', {
    ...YEAR,
    closures: [{ startsOn: '2025-10-31', endsOn: '2025-10-27', reason: 'Half term' }],
    version: 1,
  });
  expect(backwards.status).toBe(400);
  expect(backwards.body.errors).toEqual([
    { field: 'body.closures.0.endsOn', reason: 'must be on or after the start date' },
  ]);

  // None of the refusals changed anything.
  const after = await dana.json<CalendarView>('GET', '/api/admin/calendar');
  expect(after.body.calendar).toEqual(saved.body.calendar);

  // The transfer clock reads the same calendar: a request in the summer holiday starts after the INSET day.
  const calendar = await new CalendarRepository(harness.table.dynamo, harness.table.tableName).get(
    dana.schoolId,
  );
  expect(kcsieClock('2025-08-12T14:00:00Z', calendar, 'Europe/London')).toMatchObject({
    newTerm: true,
    dayOne: '2025-09-04',
    dueBy: '2025-09-10',
  });

  const audit = await harness.table.dynamo.send(
    new QueryCommand({
      TableName: harness.table.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': auditKeys.schoolPartition(dana.schoolId) },
    }),
  );
  const updates = (audit.Items ?? []).filter((item) => item.action === 'calendar.update');
  expect(updates).toHaveLength(1);
  expect(updates[0]).toMatchObject({
    actorPersonId: dana.personId,
    resourceType: 'calendar',
    resourceId: dana.schoolId,
    detail: 'terms: 2, closures: 1, bank holidays: england-and-wales',
  });
});

it('is refused to a user without admin.settings', async () => {
  expect((await tom.json('GET', '/api/admin/calendar')).status).toBe(403);
  expect((await tom.json('PUT', '/api/admin/calendar', { ...YEAR, version: 1 })).status).toBe(403);
});

/**
 * GET /api/pupils/{pupilId}/attendance over HTTP: it reads back what the item builder wrote (summary
 * and the newest months, newest first), honours `months` (3 unless asked, 12 at most, 13 refused by
 * field), answers a pupil outside the viewer's classes exactly like one that does not exist, and
 * audits every read as pupil.attendance.read, and a refused read not at all.
 */
import { randomUUID } from 'node:crypto';
import { attendanceItemsOf } from '../../../lib/attendance/attendance-items';
import { AuditLog } from '../../../lib/audit/audit-log';
import { batchWriteAll } from '../../../lib/data/batch-write';
import type { AttendanceCode, AttendanceDay } from '../../../lib/mis/mis-extract';
import { buildRecordWorld, type RecordWorld } from '../auth/record-access-support';

interface AttendanceBody {
  pupilId: string;
  marked?: Record<string, unknown>;
  reported?: Record<string, unknown>;
  updatedAt?: string;
  months: { month: string; days: Record<string, { am?: string; pm?: string }> }[];
}

const AT = '2026-03-01T02:00:00.000Z';

/** Every weekday of September 2025 to February 2026 (six months): AM present, PM as `pm` says. */
function termOfMarks(pm: (date: string) => AttendanceCode): AttendanceDay[] {
  const days: AttendanceDay[] = [];
  for (let day = new Date('2025-09-01T00:00:00Z'); day < new Date('2026-03-01T00:00:00Z');) {
    const weekday = day.getUTCDay();
    const date = day.toISOString().slice(0, 10);
    if (weekday !== 0 && weekday !== 6) days.push({ date, am: '/', pm: pm(date) });
    day = new Date(day.getTime() + 86_400_000);
  }
  return days;
}

let world: RecordWorld;
const marks = termOfMarks((date) => (date.endsWith('-05') ? 'N' : '\\'));

beforeAll(async () => {
  world = await buildRecordWorld();
  const { dana, pupils, harness } = world;
  const items = [
    ...attendanceItemsOf(dana.schoolId, pupils.ada, { attendance: marks }, AT),
    ...attendanceItemsOf(dana.schoolId, pupils.outside, { attendance: marks }, AT),
  ];
  await batchWriteAll(
    harness.table.dynamo,
    harness.table.tableName,
    items.map((Item) => ({ PutRequest: { Item } })),
  );
}, 180_000);

afterAll(async () => {
  await world.harness.close();
});

const attendance = (who: 'dana' | 'priya', pupilId: string, query = '') =>
  world[who].json<AttendanceBody>('GET', `/api/pupils/${pupilId}/attendance${query}`);

const auditActions = async (pupilId: string) =>
  (
    await new AuditLog(world.harness.table.dynamo, world.harness.table.tableName).forPupil(
      world.dana.schoolId,
      pupilId,
      100,
    )
  ).items
    .filter((event) => event.action === 'pupil.attendance.read')
    .map((event) => event.actorPersonId);

it('reads back the summary and the newest three months of what was written', async () => {
  const { status, body } = await attendance('priya', world.pupils.ada);
  expect(status).toBe(200);
  const [expectedSummary] = attendanceItemsOf(
    world.dana.schoolId,
    world.pupils.ada,
    { attendance: marks },
    AT,
  ).filter((item) => item.SK === 'ATTENDANCE#SUMMARY');
  expect(body.marked).toEqual(expectedSummary!.marked);
  expect(body.reported).toBeUndefined();
  expect(body.updatedAt).toBe(AT);
  expect(body.months.map((month) => month.month)).toEqual(['2026-02', '2026-01', '2025-12']);
  // 5 February 2026 was a Thursday: AM present, PM unauthorised.
  expect(body.months[0]!.days['2026-02-05']).toEqual({ am: '/', pm: 'N' });
  expect(body.months[0]!.days['2026-02-07']).toBeUndefined();
  // Weekdays Sep 2025–Feb 2026: 22 + 23 + 20 + 23 + 22 + 20 = 130 days, 260 sessions; the 5th of each
  // month that is a weekday (Sep Fri, Nov Wed, Dec Fri, Jan Mon, Feb Thu; 5 Oct was a Sunday) loses its
  // afternoon: 255 / 260 = 98.08 %.
  expect(body.marked).toMatchObject({
    from: '2025-09-01',
    to: '2026-02-27',
    sessionsPossible: 260,
    sessionsAttended: 255,
    sessionsUnauthorisedAbsence: 5,
    attendancePercent: 98.1,
    persistentAbsence: false,
  });
});

it('returns as many months as asked, up to 12, and refuses 13 by field', async () => {
  const one = await attendance('dana', world.pupils.ada, '?months=1');
  expect(one.body.months.map((month) => month.month)).toEqual(['2026-02']);
  expect(one.body.marked).toBeDefined();
  const twelve = await attendance('dana', world.pupils.ada, '?months=12');
  // Only six months are stored: all of them, newest first.
  expect(twelve.body.months.map((month) => month.month)).toEqual([
    '2026-02',
    '2026-01',
    '2025-12',
    '2025-11',
    '2025-10',
    '2025-09',
  ]);
  for (const bad of ['13', '0', 'two']) {
    const refused = await attendance('dana', world.pupils.ada, `?months=${bad}`);
    expect(refused).toMatchObject({
      status: 400,
      body: { errors: [expect.objectContaining({ field: 'query.months' })] },
    });
  }
});

it('answers a pupil with no attendance with no figures and no months', async () => {
  const { status, body } = await attendance('priya', world.pupils.cara);
  expect(status).toBe(200);
  expect(body).toEqual({ pupilId: world.pupils.cara, months: [] });
});

it('refuses a pupil outside the viewer’s classes as unknown, and audits only what was read', async () => {
  const { priya, dana, pupils } = world;
  const before = await auditActions(pupils.outside);
  for (const pupilId of [pupils.outside, pupils.classless, randomUUID()]) {
    expect(await attendance('priya', pupilId)).toMatchObject({
      status: 404,
      body: { type: 'urn:lantern:problem:not-found' },
    });
  }
  expect(await auditActions(pupils.outside)).toEqual(before);
  // The lead, who may see every class, reads it, and that read is audited under her name.
  const lead = await attendance('dana', pupils.outside);
  expect(lead.status).toBe(200);
  expect(lead.body.months).toHaveLength(3);
  expect(await auditActions(pupils.outside)).toEqual([dana.personId, ...before]);
  const adaBefore = await auditActions(pupils.ada);
  await attendance('priya', pupils.ada);
  expect(await auditActions(pupils.ada)).toEqual([priya.personId, ...adaBefore]);
});

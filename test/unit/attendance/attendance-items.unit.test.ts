/**
 * The attendance items built from an MIS pupil's marks and summary: one per month with marks, one
 * summary computed over every mark, and the same items (but for updatedAt) from the same input.
 */
import { attendanceItemComparable, attendanceItemsOf } from '../../../lib/attendance/attendance-items';
import type { AttendanceDay, AttendanceSummary } from '../../../lib/mis/mis-extract';

const SCHOOL = '11111111-1111-4111-8111-111111111111';
const PUPIL = '22222222-2222-4222-8222-222222222222';
const PARTITION = `SCHOOL#${SCHOOL}#PUPIL#${PUPIL}`;
const AT = '2026-11-02T02:00:00.000Z';

const MARKS: AttendanceDay[] = [
  { date: '2026-10-01', am: 'N', pm: 'N' },
  { date: '2026-09-30', am: '/', pm: '\\' },
  { date: '2026-09-29', am: 'L', pm: 'C' },
  // No mark taken either session: no day, and its month gets no item of its own.
  { date: '2026-08-15' },
];

const SUMMARY: AttendanceSummary = {
  from: '2025-09-03',
  to: '2026-07-22',
  sessionsPossible: 380,
  sessionsAttended: 360,
  sessionsAuthorisedAbsence: 15,
  sessionsUnauthorisedAbsence: 5,
};

it('keeps marks by month and summarises every mark, with the MIS summary beside it', () => {
  const items = attendanceItemsOf(SCHOOL, PUPIL, { attendance: MARKS, attendanceSummary: SUMMARY }, AT);
  expect(items.map((item) => [item.PK, item.SK])).toEqual([
    [PARTITION, 'ATTENDANCE#MONTH#2026-09'],
    [PARTITION, 'ATTENDANCE#MONTH#2026-10'],
    [PARTITION, 'ATTENDANCE#SUMMARY'],
  ]);
  expect(items[0]).toEqual({
    PK: PARTITION,
    SK: 'ATTENDANCE#MONTH#2026-09',
    itemType: 'AttendanceMonth',
    schoolId: SCHOOL,
    pupilId: PUPIL,
    month: '2026-09',
    days: { '2026-09-29': { am: 'L', pm: 'C' }, '2026-09-30': { am: '/', pm: '\\' } },
    updatedAt: AT,
  });
  // Days in date order, whatever order the MIS sent them in.
  expect(Object.keys(items[0]!.days as object)).toEqual(['2026-09-29', '2026-09-30']);
  expect(items[1]!.days).toEqual({ '2026-10-01': { am: 'N', pm: 'N' } });
  // 6 marks: present / \ L (3), authorised C (1), unauthorised N N (2): 3 / 6 = 50 %.
  expect(items[2]).toEqual({
    PK: PARTITION,
    SK: 'ATTENDANCE#SUMMARY',
    itemType: 'AttendanceRecord',
    schoolId: SCHOOL,
    pupilId: PUPIL,
    marked: {
      from: '2026-09-29',
      to: '2026-10-01',
      sessionsPossible: 6,
      sessionsAttended: 3,
      sessionsAuthorisedAbsence: 1,
      sessionsUnauthorisedAbsence: 2,
      attendancePercent: 50,
      persistentAbsence: true,
      sessionsPresent: 3,
      sessionsApprovedActivity: 0,
      sessionsLateBeforeRegisterClosed: 1,
      sessionsLateAfterRegisterClosed: 0,
      sessionsNotCounted: 0,
    },
    // 360 / 380 = 94.7 %; 20 missed of 380 is under 10 %.
    reported: { ...SUMMARY, attendancePercent: 94.7, persistentAbsence: false },
    updatedAt: AT,
  });
});

it('writes a summary from the MIS figures alone when there are no marks', () => {
  const items = attendanceItemsOf(SCHOOL, PUPIL, { attendance: [], attendanceSummary: SUMMARY }, AT);
  expect(items).toHaveLength(1);
  expect(items[0]).toMatchObject({ SK: 'ATTENDANCE#SUMMARY', reported: { attendancePercent: 94.7 } });
  expect(items[0]).not.toHaveProperty('marked');
});

it('has no items for a pupil with no marks and no summary', () => {
  expect(attendanceItemsOf(SCHOOL, PUPIL, { attendance: [] }, AT)).toEqual([]);
  expect(attendanceItemsOf(SCHOOL, PUPIL, { attendance: [{ date: '2026-09-01' }] }, AT)).toEqual([]);
});

it('keeps the last row of a date given twice', () => {
  const items = attendanceItemsOf(
    SCHOOL,
    PUPIL,
    {
      attendance: [
        { date: '2026-09-01', am: 'N' },
        { date: '2026-09-01', am: 'C', pm: '\\' },
      ],
    },
    AT,
  );
  expect(items[0]!.days).toEqual({ '2026-09-01': { am: 'C', pm: '\\' } });
});

it('builds identical items from the same input, but for updatedAt', () => {
  const first = attendanceItemsOf(SCHOOL, PUPIL, { attendance: MARKS, attendanceSummary: SUMMARY }, AT);
  const again = attendanceItemsOf(
    SCHOOL,
    PUPIL,
    { attendance: [...MARKS].reverse(), attendanceSummary: SUMMARY },
    '2026-11-03T02:00:00.000Z',
  );
  expect(JSON.stringify(first.map((item) => ({ ...item, updatedAt: undefined })))).toBe(
    JSON.stringify(again.map((item) => ({ ...item, updatedAt: undefined }))),
  );
  expect(again.map(attendanceItemComparable)).toEqual(first.map(attendanceItemComparable));
});

it('compares items without updatedAt or key order, and tells a changed mark apart', () => {
  const [month] = attendanceItemsOf(SCHOOL, PUPIL, { attendance: MARKS }, AT);
  // As read back from DynamoDB: same content, keys in another order, another updatedAt.
  const readBack: Record<string, unknown> = Object.fromEntries(
    Object.entries({ ...month!, updatedAt: '2020-01-01T00:00:00.000Z' }).reverse(),
  );
  readBack.days = { '2026-09-30': { pm: '\\', am: '/' }, '2026-09-29': { pm: 'C', am: 'L' } };
  expect(attendanceItemComparable(readBack)).toBe(attendanceItemComparable(month!));
  const [changed] = attendanceItemsOf(
    SCHOOL,
    PUPIL,
    { attendance: MARKS.map((day) => (day.date === '2026-09-29' ? { ...day, pm: 'M' as const } : day)) },
    AT,
  );
  expect(attendanceItemComparable(changed!)).not.toBe(attendanceItemComparable(month!));
});

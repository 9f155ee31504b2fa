/**
 * The Attendance tab's pieces: the code kinds match the server's arithmetic, the month calendar lines
 * days up under their weekdays, and the hand-written parser reads every answer the contract allows.
 */
import { PupilAttendanceSchema } from '../../../lib/attendance/attendance';
import { ATTENDANCE_CODE_KINDS } from '../../../lib/attendance/attendance-arithmetic';
import { attendanceItemsOf } from '../../../lib/attendance/attendance-items';
import { ATTENDANCE_CODES } from '../../../lib/mis/mis-extract';
import { parseAttendance, type AttendanceMonth } from '../../../web/src/api/attendance';
import { ATTENDANCE_CODE_MEANINGS, kindOf } from '../../../web/src/pupils/attendance-codes';
import { codesUsed, monthGrid } from '../../../web/src/pupils/attendance-grid';

it('gives every DfE code the kind the server counts it as, and a meaning', () => {
  expect(Object.keys(ATTENDANCE_CODE_MEANINGS).sort()).toEqual([...ATTENDANCE_CODES].sort());
  for (const code of ATTENDANCE_CODES)
    expect([code, kindOf(code)]).toEqual([code, ATTENDANCE_CODE_KINDS[code]]);
});

it('lays a month out by weekday, Monday first, leaving weekends out unless marked', () => {
  // February 2026 starts on a Sunday and ends on a Saturday.
  const grid = monthGrid({ month: '2026-02', days: { '2026-02-02': { am: '/', pm: 'N' } } });
  expect(grid.columns).toEqual([0, 1, 2, 3, 4]);
  expect(grid.weeks).toHaveLength(4);
  expect(grid.weeks[0]!.map((cell) => cell?.day)).toEqual([2, 3, 4, 5, 6]);
  expect(grid.weeks[0]![0]!.marks).toEqual({ am: '/', pm: 'N' });
  expect(grid.weeks[3]!.map((cell) => cell?.day)).toEqual([23, 24, 25, 26, 27]);
  // October 2025 starts on a Wednesday; a Saturday mark brings the weekend columns in.
  const october = monthGrid({ month: '2025-10', days: { '2025-10-04': { am: 'V' } } });
  expect(october.columns).toEqual([0, 1, 2, 3, 4, 5, 6]);
  expect(october.weeks[0]!.map((cell) => cell?.day)).toEqual([undefined, undefined, 1, 2, 3, 4, 5]);
  expect(october.weeks.at(-1)!.map((cell) => cell?.day)).toEqual([27, 28, 29, 30, 31, undefined, undefined]);
});

it('lists the codes used, in legend order', () => {
  const months: AttendanceMonth[] = [
    { month: '2026-02', days: { '2026-02-02': { am: '/', pm: 'N' } } },
    { month: '2026-01', days: { '2026-01-05': { am: 'I', pm: '\\' }, '2026-01-06': { am: '/' } } },
  ];
  expect(codesUsed(months, Object.keys(ATTENDANCE_CODE_MEANINGS))).toEqual(['/', '\\', 'I', 'N']);
});

it('reads every answer the contract allows', () => {
  const school = '11111111-1111-4111-8111-111111111111';
  const pupilId = '22222222-2222-4222-8222-222222222222';
  const items = attendanceItemsOf(
    school,
    pupilId,
    {
      attendance: [
        { date: '2026-01-05', am: '/', pm: 'L' },
        { date: '2026-02-02', am: 'N' },
      ],
      attendanceSummary: {
        from: '2025-09-01',
        to: '2026-02-27',
        sessionsPossible: 0,
        sessionsAttended: 0,
        sessionsAuthorisedAbsence: 0,
        sessionsUnauthorisedAbsence: 0,
      },
    },
    '2026-03-01T00:00:00.000Z',
  );
  const summary = items.at(-1)!;
  const full = PupilAttendanceSchema.parse({
    pupilId,
    marked: summary.marked,
    reported: summary.reported,
    updatedAt: summary.updatedAt,
    months: items
      .slice(0, -1)
      .reverse()
      .map((item) => ({ month: item.month, days: item.days })),
  });
  expect(parseAttendance(JSON.parse(JSON.stringify(full)))).toEqual(full);
  const empty = PupilAttendanceSchema.parse({ pupilId, months: [] });
  expect(parseAttendance(empty)).toEqual(empty);
  expect(parseAttendance({ pupilId, months: [], marked: { from: 'x' } })).toBeUndefined();
});

/** The demo's synthetic marks: the same on every run, school days only, and some pupils persistently absent. */
import { markedFigures } from '../../../lib/attendance/attendance-arithmetic';
import { demoAttendanceMarks, isDemoPersistentAbsentee } from '../../../lib/attendance/demo-attendance';
import { demoUuid } from '../../../lib/pupils/demo-pupils';

const FROM = '2025-11-03';
const TO = '2026-02-27';

it('gives the same marks for the same pupil and dates', () => {
  const pupilId = demoUuid('attendance-test:0');
  expect(demoAttendanceMarks(pupilId, FROM, TO)).toEqual(demoAttendanceMarks(pupilId, FROM, TO));
});

it('marks school days only: no weekends, no Christmas fortnight', () => {
  const days = demoAttendanceMarks(demoUuid('attendance-test:1'), FROM, TO);
  for (const { date } of days) {
    expect([0, 6]).not.toContain(new Date(`${date}T00:00:00Z`).getUTCDay());
    expect(date >= '2025-12-22' && date <= '2026-01-02').toBe(false);
  }
  expect(days[0]!.date).toBe('2025-11-03');
  expect(days.at(-1)!.date).toBe('2026-02-27');
});

it('makes about one pupil in seven persistently absent, exactly those it picks', () => {
  const pupilIds = Array.from({ length: 140 }, (_, index) => demoUuid(`attendance-test:${index}`));
  const picked = pupilIds.filter(isDemoPersistentAbsentee);
  expect(picked.length).toBeGreaterThanOrEqual(10);
  expect(picked.length).toBeLessThanOrEqual(30);
  for (const pupilId of pupilIds) {
    const figures = markedFigures(demoAttendanceMarks(pupilId, FROM, TO))!;
    expect({ pupilId, persistent: figures.persistentAbsence }).toEqual({
      pupilId,
      persistent: isDemoPersistentAbsentee(pupilId),
    });
    expect(figures.sessionsPossible).toBeGreaterThan(100);
  }
});

/**
 * DfE attendance figures from session marks, against figures worked out by hand.
 */
import {
  ATTENDANCE_CODE_KINDS,
  attendancePercent,
  figuresOf,
  isPersistentAbsence,
  markedFigures,
} from '../../../lib/attendance/attendance-arithmetic';
import { ATTENDANCE_CODES } from '../../../lib/mis/mis-extract';

describe('markedFigures', () => {
  it('counts a week of marks by DfE category', () => {
    // Mon: / \   Tue: L \   Wed: C C   Thu: N U   Fri: K #   Sat (weekend, no marks)
    // present / \ L \ = 4; approved K = 1 → attended 5
    // authorised C C = 2; unauthorised N U = 2; not counted # = 1
    // possible = 5 + 2 + 2 = 9; 5 / 9 = 55.555… → 55.6 %; absent 4 of 9 ≥ 10 % → persistent
    const figures = markedFigures([
      { date: '2026-09-07', am: '/', pm: '\\' },
      { date: '2026-09-08', am: 'L', pm: '\\' },
      { date: '2026-09-09', am: 'C', pm: 'C' },
      { date: '2026-09-10', am: 'N', pm: 'U' },
      { date: '2026-09-11', am: 'K', pm: '#' },
      { date: '2026-09-12' },
    ]);
    expect(figures).toEqual({
      from: '2026-09-07',
      to: '2026-09-11',
      sessionsPossible: 9,
      sessionsAttended: 5,
      sessionsAuthorisedAbsence: 2,
      sessionsUnauthorisedAbsence: 2,
      attendancePercent: 55.6,
      persistentAbsence: true,
      sessionsPresent: 4,
      sessionsApprovedActivity: 1,
      sessionsLateBeforeRegisterClosed: 1,
      sessionsLateAfterRegisterClosed: 1,
      sessionsNotCounted: 1,
    });
  });

  it('leaves not-counted sessions out of possible sessions', () => {
    // 18 present, 1 authorised (M), 1 unauthorised (O), plus X Y1 Z Q: 20 possible, 18 / 20 = 90 %
    const days = [
      ...Array.from({ length: 9 }, (_, index) => ({
        date: `2026-10-${String(index + 1).padStart(2, '0')}`,
        am: '/' as const,
        pm: '\\' as const,
      })),
      { date: '2026-10-12', am: 'M' as const, pm: 'O' as const },
      { date: '2026-10-13', am: 'X' as const, pm: 'Y1' as const },
      { date: '2026-10-14', am: 'Z' as const, pm: 'Q' as const },
    ];
    const figures = markedFigures(days)!;
    expect(figures).toMatchObject({
      sessionsPossible: 20,
      sessionsAttended: 18,
      sessionsAuthorisedAbsence: 1,
      sessionsUnauthorisedAbsence: 1,
      sessionsNotCounted: 4,
      attendancePercent: 90,
      // 2 of 20 missed is exactly 10 %: persistently absent under the DfE definition.
      persistentAbsence: true,
      from: '2026-10-01',
      to: '2026-10-14',
    });
  });

  it('counts only the days that carry a mark for the period', () => {
    const figures = markedFigures([
      { date: '2026-11-01' },
      { date: '2026-11-02', pm: 'B' },
      { date: '2026-11-03', am: 'I' },
      { date: '2026-11-30' },
    ])!;
    expect(figures).toMatchObject({
      from: '2026-11-02',
      to: '2026-11-03',
      sessionsPossible: 2,
      sessionsAttended: 1,
      sessionsApprovedActivity: 1,
      attendancePercent: 50,
    });
  });

  it('has no figures without a single mark', () => {
    expect(markedFigures([])).toBeUndefined();
    expect(markedFigures([{ date: '2026-09-01' }])).toBeUndefined();
  });

  it('gives no percentage when every session was not counted', () => {
    const figures = markedFigures([{ date: '2026-09-01', am: '#', pm: '#' }])!;
    expect(figures.sessionsPossible).toBe(0);
    expect(figures.attendancePercent).toBeUndefined();
    expect(figures.persistentAbsence).toBe(false);
  });
});

describe('the code table', () => {
  it('puts every DfE code in the kind uk-standards.md gives it', () => {
    const byKind = (kind: string) =>
      ATTENDANCE_CODES.filter((code) => ATTENDANCE_CODE_KINDS[code] === kind).join(' ');
    expect(byKind('present')).toBe('/ \\ L');
    expect(byKind('approved')).toBe('K V P W B D');
    expect(byKind('authorised')).toBe('C C1 C2 M J1 S T R I E');
    expect(byKind('unauthorised')).toBe('G N O U');
    expect(byKind('notCounted')).toBe('Q Y1 Y2 Y3 Y4 Y5 Y6 Y7 X Z #');
  });
});

describe('percentages and persistent absence', () => {
  it('rounds the percentage to one decimal place', () => {
    expect(attendancePercent(2, 3)).toBe(66.7);
    expect(attendancePercent(1, 3)).toBe(33.3);
    expect(attendancePercent(115, 130)).toBe(88.5);
    expect(attendancePercent(0, 10)).toBe(0);
    expect(attendancePercent(10, 10)).toBe(100);
    expect(attendancePercent(0, 0)).toBeUndefined();
  });

  it('judges persistent absence on whole sessions, not the rounded percentage', () => {
    // 2,499 of 2,777 attended is 89.99 % (shown as 90.0 %): 278 missed ≥ 277.7, so persistent.
    expect(attendancePercent(2499, 2777)).toBe(90);
    expect(isPersistentAbsence(278, 2777)).toBe(true);
    // 9 of 100 missed: 91 % attendance, not persistent.
    expect(isPersistentAbsence(9, 100)).toBe(false);
    expect(isPersistentAbsence(10, 100)).toBe(true);
    expect(isPersistentAbsence(0, 0)).toBe(false);
  });

  it('derives the figures of an MIS summary', () => {
    // CPOMS's example: 130 possible, 115 attended (incl. approved activity), 10 authorised, 5 unauthorised.
    expect(
      figuresOf({
        from: '2025-09-03',
        to: '2026-01-16',
        sessionsPossible: 130,
        sessionsAttended: 115,
        sessionsAuthorisedAbsence: 10,
        sessionsUnauthorisedAbsence: 5,
      }),
    ).toEqual({
      from: '2025-09-03',
      to: '2026-01-16',
      sessionsPossible: 130,
      sessionsAttended: 115,
      sessionsAuthorisedAbsence: 10,
      sessionsUnauthorisedAbsence: 5,
      attendancePercent: 88.5,
      persistentAbsence: true,
    });
  });
});

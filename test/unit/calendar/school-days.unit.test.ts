/** School days and the KCSIE clock (BYD-1) over hand-made calendars, in Europe/London. */
import type { CalendarRules } from '../../../lib/calendar/school-calendar';
import {
  isSchoolDay,
  kcsieClock,
  nextSchoolDays,
  SchoolDaysNotFoundError,
} from '../../../lib/calendar/school-days';
import { TransferClockSchema } from '../../../lib/transfers/transfer';

const LONDON = 'Europe/London';

function calendar(
  terms: [string, string][],
  closures: [string, string][] = [],
  bankHolidays: CalendarRules['bankHolidays'] = 'england-and-wales',
): CalendarRules {
  return {
    bankHolidays,
    terms: terms.map(([startsOn, endsOn], index) => ({ name: `Term ${index + 1}`, startsOn, endsOn })),
    closures: closures.map(([startsOn, endsOn]) => ({ startsOn, endsOn, reason: 'INSET day' })),
  };
}

const AUTUMN_2025 = calendar([['2025-09-03', '2025-12-19']]);
const NO_TERMS = calendar([]);

describe('isSchoolDay', () => {
  it('is a weekday in a term that is neither a bank holiday nor a closure', () => {
    const withInset = calendar([['2025-09-03', '2025-12-19']], [['2025-11-14', '2025-11-14']]);
    expect(isSchoolDay('2025-09-03', withInset)).toBe(true);
    expect(isSchoolDay('2025-09-06', withInset)).toBe(false); // Saturday
    expect(isSchoolDay('2025-09-02', withInset)).toBe(false); // before the term
    expect(isSchoolDay('2025-11-14', withInset)).toBe(false); // INSET day
    expect(isSchoolDay('2025-12-19', withInset)).toBe(true); // last day of term
  });

  it("counts the calendar's nation's bank holidays only", () => {
    const year = calendar([['2025-01-06', '2025-12-19']]);
    expect(isSchoolDay('2025-08-04', year)).toBe(true);
    expect(isSchoolDay('2025-08-04', { ...year, bankHolidays: 'scotland' })).toBe(false);
    expect(isSchoolDay('2025-08-25', year)).toBe(false);
    expect(isSchoolDay('2025-08-25', { ...year, bankHolidays: 'scotland' })).toBe(true);
  });

  it('with no terms entered, counts every weekday that is not a bank holiday or closure', () => {
    expect(isSchoolDay('2025-08-12', NO_TERMS)).toBe(true);
    expect(isSchoolDay('2025-08-25', NO_TERMS)).toBe(false);
    expect(isSchoolDay('2025-08-16', NO_TERMS)).toBe(false);
    expect(isSchoolDay('2025-08-12', calendar([], [['2025-08-11', '2025-08-15']]))).toBe(false);
  });

  it('refuses a date that is not a calendar date', () => {
    expect(() => isSchoolDay('2025-02-30', NO_TERMS)).toThrow(RangeError);
  });
});

describe('nextSchoolDays', () => {
  it('returns the school days strictly after the date', () => {
    expect(nextSchoolDays('2025-12-16', 3, AUTUMN_2025)).toEqual(['2025-12-17', '2025-12-18', '2025-12-19']);
  });

  it('skips weekends, bank holidays and closures', () => {
    expect(nextSchoolDays('2025-12-18', 4, NO_TERMS)).toEqual([
      '2025-12-19',
      '2025-12-22',
      '2025-12-23',
      '2025-12-24',
    ]);
  });

  it('gives up with a clear error when the terms run out', () => {
    expect(() => nextSchoolDays('2025-12-17', 4, AUTUMN_2025)).toThrow(SchoolDaysNotFoundError);
    expect(() => nextSchoolDays('2025-12-17', 4, AUTUMN_2025)).toThrow(/check the school calendar/);
  });
});

describe('kcsieClock', () => {
  it('counts across a weekend: requested on a Thursday, due the next Thursday', () => {
    const clock = kcsieClock('2025-09-18T10:00:00Z', AUTUMN_2025, LONDON);
    expect(clock).toEqual({
      requestedAt: '2025-09-18T10:00:00.000Z',
      newTerm: false,
      dayOne: '2025-09-19',
      dueBy: '2025-09-25',
      // 08:00 in London on Wednesday (day 4) and Friday (day 6), summer time.
      remindAt: '2025-09-24T07:00:00.000Z',
      escalateAt: '2025-09-26T07:00:00.000Z',
    });
    expect(TransferClockSchema.safeParse(clock).success).toBe(true);
  });

  it.each([
    [
      'a gap between two terms',
      calendar([
        ['2025-09-03', '2025-10-24'],
        ['2025-11-03', '2025-12-19'],
      ]),
    ],
    ['a closure inside the term', calendar([['2025-09-03', '2025-12-19']], [['2025-10-27', '2025-10-31']])],
  ])('skips a half-term week entered as %s', (_how, halfTerm) => {
    const clock = kcsieClock('2025-10-22T09:00:00Z', halfTerm, LONDON);
    expect(clock).toMatchObject({ newTerm: false, dayOne: '2025-10-23', dueBy: '2025-11-05' });
    // Day 4 (Tuesday 4 November) and day 6 (Thursday 6) are after the clocks went back: 08:00 is 08:00Z.
    expect(clock.remindAt).toBe('2025-11-04T08:00:00.000Z');
    expect(clock.escalateAt).toBe('2025-11-06T08:00:00.000Z');
  });

  it('skips Good Friday and Easter Monday inside a term', () => {
    const clock = kcsieClock('2025-04-17T12:00:00Z', calendar([['2025-02-24', '2025-05-23']]), LONDON);
    expect(clock).toMatchObject({ newTerm: false, dayOne: '2025-04-22', dueBy: '2025-04-28' });
    expect(clock.remindAt).toBe('2025-04-25T07:00:00.000Z');
    expect(clock.escalateAt).toBe('2025-04-29T07:00:00.000Z');
  });

  it('in the summer holiday, counts the first five school days of the next term (after its INSET day)', () => {
    const year = calendar(
      [
        ['2025-06-02', '2025-07-22'],
        ['2025-09-03', '2025-10-24'],
      ],
      [['2025-09-03', '2025-09-03']],
    );
    expect(kcsieClock('2025-08-12T14:00:00Z', year, LONDON)).toEqual({
      requestedAt: '2025-08-12T14:00:00.000Z',
      newTerm: true,
      dayOne: '2025-09-04',
      dueBy: '2025-09-10',
      remindAt: '2025-09-09T07:00:00.000Z',
      escalateAt: '2025-09-11T07:00:00.000Z',
    });
  });

  it('before the first term entered, uses the new-term rule with that term', () => {
    const clock = kcsieClock('2025-08-30T09:00:00Z', AUTUMN_2025, LONDON);
    expect(clock).toMatchObject({ newTerm: true, dayOne: '2025-09-03', dueBy: '2025-09-09' });
  });

  it('on a Saturday in term, counts from the Monday in-year', () => {
    const clock = kcsieClock('2025-09-20T11:00:00Z', AUTUMN_2025, LONDON);
    expect(clock).toMatchObject({ newTerm: false, dayOne: '2025-09-22', dueBy: '2025-09-26' });
    expect(clock.escalateAt).toBe('2025-09-29T07:00:00.000Z');
  });

  it('takes day 0 from the local date: 00:30 on Friday in London is still Thursday in UTC', () => {
    const clock = kcsieClock('2025-09-18T23:30:00Z', AUTUMN_2025, LONDON);
    expect(clock).toMatchObject({ dayOne: '2025-09-22', dueBy: '2025-09-26' });
  });

  it('with no terms entered, counts weekdays that are not bank holidays or closures', () => {
    const clock = kcsieClock('2025-12-19T15:00:00Z', NO_TERMS, LONDON);
    expect(clock).toMatchObject({ newTerm: false, dayOne: '2025-12-22', dueBy: '2025-12-30' });
    expect(clock.remindAt).toBe('2025-12-29T08:00:00.000Z');
    expect(clock.escalateAt).toBe('2025-12-31T08:00:00.000Z');
  });

  it('gives 08:00 London time in UTC on each side of the change to summer time', () => {
    // Day 4 is Friday 27 March 2026 (GMT); day 6 is Tuesday 31 March, after the clocks went forward.
    const clock = kcsieClock('2026-03-23T10:00:00Z', NO_TERMS, LONDON);
    expect(clock).toMatchObject({ dayOne: '2026-03-24', dueBy: '2026-03-30' });
    expect(clock.remindAt).toBe('2026-03-27T08:00:00.000Z');
    expect(clock.escalateAt).toBe('2026-03-31T07:00:00.000Z');
  });

  it('after the last term entered, with none following, falls back to weekdays', () => {
    const clock = kcsieClock('2025-12-17T10:00:00Z', AUTUMN_2025, LONDON);
    // Thursday 18 and Friday 19 are term days; then the holiday's weekdays (not Christmas or Boxing Day).
    expect(clock).toMatchObject({ newTerm: false, dayOne: '2025-12-18', dueBy: '2025-12-24' });
    expect(kcsieClock('2026-01-05T10:00:00Z', AUTUMN_2025, LONDON)).toMatchObject({
      newTerm: false,
      dayOne: '2026-01-06',
      dueBy: '2026-01-12',
    });
  });

  it('refuses an instant or time zone it cannot read', () => {
    expect(() => kcsieClock('yesterday', NO_TERMS, LONDON)).toThrow(RangeError);
    expect(() => kcsieClock('2025-09-18T10:00:00Z', NO_TERMS, 'Europe/Nowhere')).toThrow(RangeError);
  });

  it('gives up with a clear error when a closure covers every day', () => {
    const closed = calendar([['2025-09-01', '2028-07-20']], [['2025-09-01', '2028-07-20']]);
    expect(() => kcsieClock('2025-09-18T10:00:00Z', closed, LONDON)).toThrow(SchoolDaysNotFoundError);
  });
});

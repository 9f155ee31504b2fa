/** UK bank holidays by rule, checked against the dates gov.uk publishes (www.gov.uk/bank-holidays). */
import { bankHolidays, easterSunday, upcomingBankHolidays } from '../../../lib/calendar/bank-holidays';
import { isoDate } from '../../../lib/calendar/calendar-dates';

const dates = (year: number, nation: Parameters<typeof bankHolidays>[1]) =>
  bankHolidays(year, nation).map((holiday) => holiday.date);

describe('England and Wales', () => {
  it.each([
    [
      2025,
      [
        '2025-01-01',
        '2025-04-18',
        '2025-04-21',
        '2025-05-05',
        '2025-05-26',
        '2025-08-25',
        '2025-12-25',
        '2025-12-26',
      ],
    ],
    // Boxing Day is a Saturday: its substitute is Monday 28 December.
    [
      2026,
      [
        '2026-01-01',
        '2026-04-03',
        '2026-04-06',
        '2026-05-04',
        '2026-05-25',
        '2026-08-31',
        '2026-12-25',
        '2026-12-28',
      ],
    ],
    // Christmas on a Saturday and Boxing Day on a Sunday: Monday 27 and Tuesday 28.
    [
      2027,
      [
        '2027-01-01',
        '2027-03-26',
        '2027-03-29',
        '2027-05-03',
        '2027-05-31',
        '2027-08-30',
        '2027-12-27',
        '2027-12-28',
      ],
    ],
  ])('%i', (year, expected) => {
    expect(dates(year, 'england-and-wales')).toEqual(expected);
  });

  it('moves Christmas on a Sunday to the Tuesday, after Boxing Day on the Monday (2022)', () => {
    expect(bankHolidays(2022, 'england-and-wales').slice(-2)).toEqual([
      { date: '2022-12-26', name: 'Boxing Day' },
      { date: '2022-12-27', name: 'Christmas Day (substitute day)' },
    ]);
  });
});

describe('Scotland', () => {
  it.each([
    // St Andrew's Day is a Sunday: Monday 1 December.
    [
      2025,
      [
        '2025-01-01',
        '2025-01-02',
        '2025-04-18',
        '2025-05-05',
        '2025-05-26',
        '2025-08-04',
        '2025-12-01',
        '2025-12-25',
        '2025-12-26',
      ],
    ],
    [
      2026,
      [
        '2026-01-01',
        '2026-01-02',
        '2026-04-03',
        '2026-05-04',
        '2026-05-25',
        '2026-08-03',
        '2026-11-30',
        '2026-12-25',
        '2026-12-28',
      ],
    ],
    // 2 January is a Saturday: Monday 4 January.
    [
      2027,
      [
        '2027-01-01',
        '2027-01-04',
        '2027-03-26',
        '2027-05-03',
        '2027-05-31',
        '2027-08-02',
        '2027-11-30',
        '2027-12-27',
        '2027-12-28',
      ],
    ],
  ])('%i', (year, expected) => {
    expect(dates(year, 'scotland')).toEqual(expected);
  });

  it('moves 1 and 2 January at a weekend to the Monday and Tuesday (2022)', () => {
    expect(dates(2022, 'scotland').slice(0, 2)).toEqual(['2022-01-03', '2022-01-04']);
  });
});

describe('Northern Ireland', () => {
  it.each([
    // 12 July is a Saturday: Monday 14 July.
    [
      2025,
      [
        '2025-01-01',
        '2025-03-17',
        '2025-04-18',
        '2025-04-21',
        '2025-05-05',
        '2025-05-26',
        '2025-07-14',
        '2025-08-25',
        '2025-12-25',
        '2025-12-26',
      ],
    ],
    // 12 July is a Sunday: Monday 13 July.
    [
      2026,
      [
        '2026-01-01',
        '2026-03-17',
        '2026-04-03',
        '2026-04-06',
        '2026-05-04',
        '2026-05-25',
        '2026-07-13',
        '2026-08-31',
        '2026-12-25',
        '2026-12-28',
      ],
    ],
    [
      2027,
      [
        '2027-01-01',
        '2027-03-17',
        '2027-03-26',
        '2027-03-29',
        '2027-05-03',
        '2027-05-31',
        '2027-07-12',
        '2027-08-30',
        '2027-12-27',
        '2027-12-28',
      ],
    ],
  ])('%i', (year, expected) => {
    expect(dates(year, 'northern-ireland')).toEqual(expected);
  });
});

it('finds Easter Sunday by the Gregorian computus', () => {
  expect([2019, 2024, 2025, 2026, 2027, 2038, 2285].map((year) => isoDate(easterSunday(year)))).toEqual([
    '2019-04-21',
    '2024-03-31',
    '2025-04-20',
    '2026-04-05',
    '2027-03-28',
    '2038-04-25',
    '2285-03-22',
  ]);
});

it('lists the coming bank holidays from a date, into the next year', () => {
  expect(upcomingBankHolidays('2026-12-25', 'england-and-wales', 3)).toEqual([
    { date: '2026-12-25', name: 'Christmas Day' },
    { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
    { date: '2027-01-01', name: "New Year's Day" },
  ]);
});

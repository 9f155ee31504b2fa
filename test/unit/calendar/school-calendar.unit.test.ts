/** The calendar schema: ranges the right way round, terms that never share a day, issues naming the field. */
import {
  SchoolCalendarUpdateSchema,
  sortedCalendarLists,
  MAX_TERMS,
} from '../../../lib/calendar/school-calendar';

const term = (name: string, startsOn: string, endsOn: string) => ({ name, startsOn, endsOn });

function issues(body: unknown): { path: string; message: string }[] {
  const result = SchoolCalendarUpdateSchema.safeParse(body);
  return result.success
    ? []
    : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

it('accepts a calendar and fills the defaults', () => {
  const parsed = SchoolCalendarUpdateSchema.parse({
    version: 0,
    terms: [term(' Autumn 1 ', '2025-09-03', '2025-10-24')],
  });
  expect(parsed).toEqual({
    version: 0,
    bankHolidays: 'england-and-wales',
    terms: [term('Autumn 1', '2025-09-03', '2025-10-24')],
    closures: [],
  });
});

it('names an overlapping term by its index and start date', () => {
  expect(
    issues({
      version: 0,
      terms: [term('Autumn 1', '2025-09-03', '2025-10-24'), term('Autumn 2', '2025-10-24', '2025-12-19')],
    }),
  ).toEqual([
    {
      path: 'terms.1.startsOn',
      message: 'overlaps the term "Autumn 1" (2025-09-03 to 2025-10-24): terms must not share a day',
    },
  ]);
});

it('names a range that ends before it starts', () => {
  expect(
    issues({
      version: 0,
      closures: [{ startsOn: '2025-10-31', endsOn: '2025-10-27', reason: 'Half term' }],
    }),
  ).toEqual([{ path: 'closures.0.endsOn', message: 'must be on or after the start date' }]);
});

it('refuses dates that do not exist, empty reasons, unknown fields and too many terms', () => {
  expect(issues({ version: 0, terms: [term('Spring', '2026-02-30', '2026-03-27')] })[0]?.path).toBe(
    'terms.0.startsOn',
  );
  expect(
    issues({ version: 0, closures: [{ startsOn: '2025-11-14', endsOn: '2025-11-14', reason: ' ' }] })[0]
      ?.path,
  ).toBe('closures.0.reason');
  expect(issues({ version: 0, holidays: [] })[0]?.message).toMatch(/holidays/);
  const many = Array.from({ length: MAX_TERMS + 1 }, (_, i) => {
    const year = 2000 + i;
    return term(`Year ${year}`, `${year}-09-01`, `${year}-12-20`);
  });
  expect(issues({ version: 0, terms: many })[0]?.path).toBe('terms');
});

it('sorts terms and closures by date', () => {
  const sorted = sortedCalendarLists({
    terms: [term('Spring', '2026-01-05', '2026-03-27'), term('Autumn', '2025-09-03', '2025-12-19')],
    closures: [
      { startsOn: '2025-11-14', endsOn: '2025-11-14', reason: 'INSET day' },
      { startsOn: '2025-10-27', endsOn: '2025-10-31', reason: 'Half term' },
    ],
  });
  expect(sorted.terms.map((t) => t.name)).toEqual(['Autumn', 'Spring']);
  expect(sorted.closures.map((c) => c.reason)).toEqual(['Half term', 'INSET day']);
});

/** The monitoring history CSV the browser builds: quoted where needed, and never a spreadsheet formula. */
import { monitoringCsv } from '../../../web/src/pupils/monitoring-csv';

const base = {
  categoryId: 'neglect',
  colour: '#e91e63',
  startedAt: '2026-01-05T09:00:00.000Z',
};

it('writes a header and one row per spell, open spells with no end', () => {
  const csv = monitoringCsv([
    {
      ...base,
      categoryName: 'Neglect',
      since: '2026-01-05',
      until: '2026-02-01',
      durationDays: 27,
      open: false,
      reason: 'manual',
    },
    {
      ...base,
      categoryName: 'Child protection, CIN',
      since: '2026-02-10',
      durationDays: 3,
      open: true,
      reason: 'incident',
    },
  ]);
  expect(csv.split('\r\n')).toEqual([
    'Category,Started,Ended,Duration (days),Still monitored,Started by',
    'Neglect,2026-01-05,2026-02-01,27,No,By hand',
    '"Child protection, CIN",2026-02-10,,3,Yes,An incident',
    '',
  ]);
});

it('defuses cells a spreadsheet would run as a formula, and doubles quotes', () => {
  const csv = monitoringCsv([
    {
      ...base,
      categoryName: '=HYPERLINK("x")',
      since: '2026-01-05',
      durationDays: 1,
      open: true,
      reason: 'manual',
    },
  ]);
  expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""x"")",2026-01-05,,1,Yes,By hand`);
});

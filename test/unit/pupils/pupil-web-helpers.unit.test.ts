/** The web app's pupil paths and the "Hide names" starring. */
import { starName } from '../../../web/src/pupils/star-name';
import { monthRows } from '../../../web/src/pupils/summary-months';
import { pupilPaths, resolvePupilScreen } from '../../../web/src/pupils/pupil-paths';

const PUPIL = '0b6f3c1e-6a43-4c6e-9f0e-3f4b4c1d2e5a';

it('stars out every word of a name but its first letter, keeping hyphens, apostrophes and spaces', () => {
  expect(starName('Harry Greenwood')).toBe('H**** G********');
  expect(starName("Zoë O'Brien-Smith")).toBe("Z** O'B****-S****");
  expect(starName('Ló')).toBe('L*');
});

it('resolves the pupil paths the app links to', () => {
  expect(resolvePupilScreen(pupilPaths.search)).toEqual({ screen: 'search' });
  expect(resolvePupilScreen(pupilPaths.add)).toEqual({ screen: 'add' });
  expect(resolvePupilScreen(pupilPaths.pupil(PUPIL))).toEqual({
    screen: 'pupil',
    pupilId: PUPIL,
    tab: undefined,
  });
  expect(resolvePupilScreen(pupilPaths.tab(PUPIL, 'chronology'))).toEqual({
    screen: 'pupil',
    pupilId: PUPIL,
    tab: 'chronology',
  });
  expect(resolvePupilScreen(pupilPaths.edit(PUPIL))).toEqual({ screen: 'edit', pupilId: PUPIL });
  expect(resolvePupilScreen(`/pupils/${PUPIL}/edit/extra`)).toEqual({ screen: 'not-found' });
  expect(resolvePupilScreen('/pupils/not-an-id')).toEqual({ screen: 'not-found' });
  expect(resolvePupilScreen(`/pupils/${PUPIL}/Bad%20Tab`)).toEqual({ screen: 'not-found' });
  expect(resolvePupilScreen(`/pupils/${PUPIL}/contacts/extra`)).toEqual({ screen: 'not-found' });
});

it('lists every month from the first incident to the last for the summary, zeros included, at most 24', () => {
  expect(monthRows([])).toEqual([]);
  expect(
    monthRows([
      { month: '2026-02', count: 1 },
      { month: '2025-11', count: 3 },
    ]),
  ).toEqual([
    { month: '2025-11', count: 3 },
    { month: '2025-12', count: 0 },
    { month: '2026-01', count: 0 },
    { month: '2026-02', count: 1 },
  ]);
  const rows = monthRows([
    { month: '2020-01', count: 2 },
    { month: '2026-06', count: 1 },
  ]);
  expect(rows).toHaveLength(24);
  expect(rows[0]).toEqual({ month: '2024-07', count: 0 });
  expect(rows[23]).toEqual({ month: '2026-06', count: 1 });
});

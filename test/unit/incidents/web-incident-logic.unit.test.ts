/** The web app's incident logic that needs no browser: lozenges, paths, body-map areas, date inputs. */
import { IncidentWithActionsSchema } from '../../../lib/incidents/chronology-entry';
import { parseIncidentCopy } from '../../../web/src/api/incidents';
import { areaPoint, nearestArea } from '../../../web/src/incidents/body-areas';
import { indexCategories, lozengesFor } from '../../../web/src/incidents/category-index';
import { instantOf } from '../../../web/src/incidents/date-time-fields';
import { incidentPaths, resolveIncidentScreen } from '../../../web/src/incidents/incident-paths';

const ID = '00000000-0000-4000-8000-0000000000e1';
const PUPIL = '00000000-0000-4000-8000-0000000000d1';

const sub = (categoryId: string, name: string) => ({
  categoryId,
  name,
  colour: '#1d70b8',
  disabled: false,
  mayAdd: true,
  mayView: true,
});
const categories = indexCategories([
  { ...sub('bullying', 'Bullying'), subCategories: [sub('cyber', 'Cyber'), sub('verbal', 'Verbal')] },
  { ...sub('medical', 'Medical'), subCategories: [] },
]);

describe('category lozenges', () => {
  it('show the sub-category instead of its parent by default', () => {
    const names = lozengesFor(['bullying', 'cyber', 'medical'], categories, false).map((c) => c.name);
    expect(names).toEqual(['Cyber', 'Medical']);
  });

  it('show each parent before its sub-categories when parents are toggled on, once', () => {
    const names = lozengesFor(['cyber', 'verbal', 'medical'], categories, true).map((c) => c.name);
    expect(names).toEqual(['Bullying', 'Cyber', 'Verbal', 'Medical']);
  });

  it('leave out categories the school no longer lists', () => {
    expect(lozengesFor(['gone'], categories, true)).toEqual([]);
  });
});

describe('incident paths', () => {
  it('resolve the form (with or without a pupil) and one incident, and nothing else', () => {
    expect(resolveIncidentScreen('/incidents/new', '')).toEqual({ screen: 'add', pupilId: undefined });
    expect(resolveIncidentScreen('/incidents/new', `?pupilId=${PUPIL}`)).toEqual({
      screen: 'add',
      pupilId: PUPIL,
    });
    expect(resolveIncidentScreen(`/incidents/${ID}`, `?pupilId=${PUPIL}`)).toEqual({
      screen: 'incident',
      incidentId: ID,
      pupilId: PUPIL,
    });
    expect(resolveIncidentScreen(`/incidents/${ID}`, '')).toEqual({ screen: 'not-found' });
    expect(resolveIncidentScreen('/incidents/abc', `?pupilId=${PUPIL}`)).toEqual({ screen: 'not-found' });
    expect(resolveIncidentScreen(`/incidents/${ID}/x`, `?pupilId=${PUPIL}`)).toEqual({ screen: 'not-found' });
  });

  it('build the links alert mails and the chronology use', () => {
    expect(incidentPaths.incident(ID, PUPIL)).toBe(`/incidents/${ID}?pupilId=${PUPIL}`);
    expect(incidentPaths.chronology(PUPIL, ID)).toBe(`/pupils/${PUPIL}/chronology?highlight=${ID}`);
  });
});

describe('body map areas', () => {
  it('put the pupil’s left on the viewer’s right from the front, and mirror it from the back', () => {
    expect(areaPoint('left-arm', 'front')!.x).toBeGreaterThan(0.5);
    expect(areaPoint('left-arm', 'back')!.x).toBeLessThan(0.5);
    const point = areaPoint('right-foot', 'back')!;
    expect(nearestArea(point.x, point.y, 'back')).toBe('Right foot');
  });
});

it('reads the date and time inputs, refusing incomplete values', () => {
  expect(instantOf('2026-03-02', '10:05')?.getMinutes()).toBe(5);
  expect(instantOf('2026-03-02', '')).toBeUndefined();
  expect(instantOf('02/03/2026', '10:05')).toBeUndefined();
});

it('reads an incident copy exactly as the API’s response schema publishes it', () => {
  const copy = IncidentWithActionsSchema.parse({
    incidentId: ID,
    schoolId: '00000000-0000-4000-8000-00000000000a',
    number: 7,
    pupilId: PUPIL,
    role: 'witness',
    categoryIds: ['cyber'],
    otherPupils: [
      { pupilId: '00000000-0000-4000-8000-0000000000d2', displayName: 'Matthew Greenwood', role: 'subject' },
    ],
    text: 'Seen at the gate.',
    occurredAt: '2026-03-02T10:00:00.000Z',
    recordedAt: '2026-03-02T10:05:00.000Z',
    recordedBy: { personId: '00000000-0000-4000-8000-0000000000a1', name: 'Tom Reed' },
    status: 'active',
    agencyIds: [],
    bodyMap: [{ view: 'back', x: 0.5, y: 0.25, note: 'bruise' }],
    referral: {
      decision: 'not-referred',
      rationale: 'Handled in school.',
      decidedAt: '2026-03-02T10:05:00.000Z',
      decidedBy: { personId: '00000000-0000-4000-8000-0000000000a1', name: 'Tom Reed' },
    },
    documentIds: [],
    training: false,
    version: 1,
    updatedAt: '2026-03-02T10:05:00.000Z',
    actions: [],
  });
  const read = parseIncidentCopy(JSON.parse(JSON.stringify(copy)));
  expect(read).toMatchObject({ number: 7, role: 'witness', referral: { decision: 'not-referred' } });
  expect(parseIncidentCopy({ ...copy, role: 'bystander' })).toBeUndefined();
});

/** Pages of a chronology hold whole incidents with their actions, and only those the viewer may see. */
import type { ChronologyAction, ChronologyIncident } from '../../../lib/incidents/chronology-entry';
import { assemblePage } from '../../../lib/incidents/chronology-page';
import type { ChronologyItem } from '../../../lib/incidents/incident-repository';
import { AT, HANNAH, SCHOOL, TOM } from './incident-fixtures';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function incident(n: number, categoryIds = ['bullying']): ChronologyItem {
  const entry: ChronologyIncident = {
    incidentId: id(n),
    schoolId: SCHOOL,
    number: n,
    pupilId: HANNAH,
    role: 'subject',
    categoryIds,
    otherPupils: [],
    text: `incident ${n}`,
    occurredAt: AT,
    recordedAt: AT,
    recordedBy: { personId: TOM, name: 'Tom Reed' },
    status: 'active',
    agencyIds: [],
    bodyMap: [],
    documentIds: [],
    training: false,
    version: 1,
    updatedAt: AT,
  };
  return { kind: 'incident', entry };
}

function action(incidentNumber: number, n: number): ChronologyItem {
  const entry: ChronologyAction = {
    actionId: id(1000 + n),
    incidentId: id(incidentNumber),
    schoolId: SCHOOL,
    pupilId: HANNAH,
    text: `action ${n}`,
    categoryIds: [],
    agencyIds: [],
    occurredAt: AT,
    recordedAt: AT,
    recordedBy: { personId: TOM, name: 'Tom Reed' },
    documentIds: [],
    training: false,
    version: 1,
  };
  return { kind: 'action', entry };
}

const everything = () => true;

it('groups each incident with its actions, oldest action first', () => {
  // Newest first, as the Query returns them: actions come just before their incident.
  const items = [action(3, 2), action(3, 1), incident(3), incident(2), action(1, 3), incident(1)];
  const page = assemblePage(items, [], 10, everything);
  expect(page.incidents.map((entry) => [entry.number, entry.actions.map((a) => a.text)])).toEqual([
    [3, ['action 1', 'action 2']],
    [2, []],
    [1, ['action 3']],
  ]);
  expect(page.cut).toBe(false);
});

it('cuts a page only after a whole incident and says where the next one starts', () => {
  const items = [incident(3), action(2, 1), incident(2), action(1, 1), incident(1)];
  const page = assemblePage(items, [], 2, everything);
  expect(page.incidents.map((entry) => entry.number)).toEqual([3, 2]);
  expect(page.lastTaken?.number).toBe(2);
  expect(page.cut).toBe(true);
});

it('keeps actions read before their incident for the next read', () => {
  const first = assemblePage([action(5, 2), action(5, 1)], [], 10, everything);
  expect(first.incidents).toEqual([]);
  expect(first.lastTaken).toBeUndefined();
  const second = assemblePage([incident(5)], first.pendingActions, 10, everything);
  expect(second.incidents[0]?.actions.map((a) => a.text)).toEqual(['action 1', 'action 2']);
});

it('leaves out incidents the viewer may not see, with their actions, and deleted ones', () => {
  const deleted = incident(1);
  if (deleted.kind === 'incident') {
    Object.assign(deleted.entry, { deleted: { at: AT, by: { personId: TOM, name: 'Tom' }, reason: 'typo' } });
  }
  const items = [action(3, 1), incident(3, ['protected']), incident(2), deleted];
  const page = assemblePage(items, [], 10, (copy) => !copy.categoryIds.includes('protected'));
  expect(page.incidents.map((entry) => entry.number)).toEqual([2]);
  expect(page.incidents.flatMap((entry) => entry.actions)).toEqual([]);
});

it('shows editors deleted incidents and actions with their markers, and skips pins (REC-6)', () => {
  const marker = { at: AT, by: { personId: TOM, name: 'Tom' }, reason: 'recorded twice' };
  const deleted = incident(2);
  const deletedAction = action(3, 1);
  if (deleted.kind === 'incident') Object.assign(deleted.entry, { deleted: marker });
  if (deletedAction.kind === 'action') Object.assign(deletedAction.entry, { deleted: marker });
  const pin: ChronologyItem = {
    kind: 'pin',
    entry: {
      schoolId: SCHOOL,
      pupilId: HANNAH,
      incidentId: id(2),
      occurredAt: AT,
      pinnedAt: AT,
      pinnedBy: { personId: TOM, name: 'Tom' },
    },
  };
  const items = [pin, deletedAction, action(3, 2), incident(3), deleted];
  const editors = assemblePage(items, [], 10, everything, [], true);
  expect(editors.incidents.map((entry) => [entry.number, entry.deleted?.reason])).toEqual([
    [3, undefined],
    [2, 'recorded twice'],
  ]);
  expect(editors.incidents[0]!.actions.map((entry) => entry.deleted?.reason)).toEqual([
    undefined,
    'recorded twice',
  ]);
  const others = assemblePage(items, [], 10, everything);
  expect(others.incidents.map((entry) => entry.number)).toEqual([3]);
  expect(others.incidents[0]!.actions.map((entry) => entry.text)).toEqual(['action 2']);
});

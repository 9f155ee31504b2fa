/**
 * When a chronology read is audited: alongside the reads when the viewer may open every pupil (one
 * round trip fewer), and only after the class check under class restrictions, so a refused read is
 * never logged as a read. The repositories are in-memory fakes: what is under test is the service's order.
 */
import { buildAccessProfile, type AccessInputs } from '../../../lib/access/authorisation';
import type { ClassGroup } from '../../../lib/access/class-group';
import { defaultSchoolSettings } from '../../../lib/access/school-settings';
import { newUserGroup } from '../../../lib/access/user-group';
import type { AuditLog } from '../../../lib/audit/audit-log';
import { ChronologyService } from '../../../lib/incidents/chronology-service';
import { IncidentNotFoundError } from '../../../lib/incidents/incident-errors';
import type { IncidentRepository } from '../../../lib/incidents/incident-repository';
import type { PupilReader, Viewer } from '../../../lib/incidents/viewer';
import { generateDemoPupils } from '../../../lib/pupils/demo-pupils';

const SCHOOL = '00000000-0000-4000-8000-00000000000a';
const PERSON = '00000000-0000-4000-8000-000000000001';
const AT = '2026-11-22T09:00:00.000Z';

const { pupils, classes } = generateDemoPupils({
  schoolId: SCHOOL,
  seed: 5,
  count: 2,
  yearGroups: ['7'],
  tutorGroupSuffixes: ['A'],
  academicYearStart: 2026,
  laNumber: '999',
  establishmentNumber: '4001',
  at: AT,
});
const pupil = pupils[0]!;

const lead = newUserGroup(
  SCHOOL,
  {
    name: 'DSL',
    description: '',
    systemPermissions: ['students.list', 'students.details'],
    categoryPermissions: {},
    newCategoryDefault: { viewStudents: true, viewIncidents: true, addIncidents: true },
  },
  AT,
);

function viewer(overrides: Partial<AccessInputs> = {}): Viewer {
  return {
    actor: {
      schoolId: SCHOOL,
      personId: PERSON,
      actorName: 'Dana Lead',
      sourceIp: '192.0.2.1',
      userAgent: 'tests',
      requestId: 'request-1',
    },
    access: buildAccessProfile({
      personId: PERSON,
      schoolId: SCHOOL,
      elevated: true,
      group: lead,
      settings: defaultSchoolSettings(SCHOOL, AT),
      classGroups: [],
      ...overrides,
    }),
  };
}

const aTick = () => new Promise((resolve) => setImmediate(resolve));

/** Records the order things happen in: each read's start and end, and each audit write. */
function serviceWith(events: string[]) {
  const incidents = {
    chronologySlice: async () => {
      events.push('query');
      await aTick();
      events.push('query done');
      return { items: [] };
    },
  } as unknown as IncidentRepository; // Only the one method the page calls with no pins is faked.
  const reader: PupilReader = {
    get: async (_schoolId, pupilId) => {
      events.push('pupil');
      await aTick();
      events.push('pupil done');
      return pupilId === pupil.pupilId ? pupil : undefined;
    },
    getMany: () => Promise.resolve([]),
  };
  const audit = {
    record: () => {
      events.push('audit');
      return Promise.resolve(undefined);
    },
  } as unknown as AuditLog; // Only record() is used.
  return new ChronologyService(incidents, reader, audit);
}

it('audits alongside the reads when the viewer may open every pupil', async () => {
  const events: string[] = [];
  await serviceWith(events).page(viewer(), pupil.pupilId, 20);
  expect(events).toEqual(['pupil', 'query', 'audit', 'pupil done', 'query done']);
});

it('logs a request for an id that names no pupil as asked for, and discloses nothing', async () => {
  const events: string[] = [];
  await expect(
    serviceWith(events).page(viewer(), '00000000-0000-4000-8000-0000000000ff', 20),
  ).rejects.toBeInstanceOf(IncidentNotFoundError);
  expect(events).toContain('audit');
});

describe('under class restrictions', () => {
  const restricted = (visibleClasses: readonly ClassGroup[]) =>
    viewer({
      settings: { ...defaultSchoolSettings(SCHOOL, AT), classRestrictionsEnabled: true },
      classGroups: visibleClasses.map((group) => ({
        ...group,
        access: { personIds: [PERSON], groupIds: [] },
      })),
    });

  it('audits after the class check has let the read through', async () => {
    const events: string[] = [];
    await serviceWith(events).page(restricted(classes), pupil.pupilId, 20);
    expect(events).toEqual(['pupil', 'query', 'pupil done', 'query done', 'audit']);
  });

  it('does not log a refused read as a read', async () => {
    const events: string[] = [];
    await expect(serviceWith(events).page(restricted([]), pupil.pupilId, 20)).rejects.toBeInstanceOf(
      IncidentNotFoundError,
    );
    expect(events).not.toContain('audit');
  });
});

/** The one authorisation service: key rule, category rule and class rule, each able to refuse. */
import { buildAccessProfile, authorisation, type AccessInputs } from '../../../lib/access/authorisation';
import type { ClassGroup } from '../../../lib/access/class-group';
import { defaultSchoolSettings } from '../../../lib/access/school-settings';
import { newUserGroup, type UserGroup } from '../../../lib/access/user-group';

const SCHOOL = '00000000-0000-4000-8000-00000000000a';
const OTHER_SCHOOL = '00000000-0000-4000-8000-00000000000b';
const PERSON = '00000000-0000-4000-8000-000000000001';
const AT = '2026-11-22T09:00:00.000Z';

const dsl: UserGroup = newUserGroup(
  SCHOOL,
  {
    name: 'DSL',
    description: '',
    systemPermissions: ['students.list', 'students.details', 'incidents.add', 'audit.view', 'admin.users'],
    categoryPermissions: {
      'child-protection': { viewStudents: true, viewIncidents: true, addIncidents: true },
      behaviour: { viewStudents: true, viewIncidents: true, addIncidents: true },
      'staff-only': { viewStudents: false, viewIncidents: false, addIncidents: true },
    },
    newCategoryDefault: { viewStudents: true, viewIncidents: true, addIncidents: true },
  },
  AT,
);

function classGroup(classId: string, access: ClassGroup['access']): ClassGroup {
  return {
    classId,
    schoolId: SCHOOL,
    name: classId,
    kind: 'tutor',
    access,
    awaitingAccess: false,
    createdAt: AT,
    updatedAt: AT,
    version: 1,
  };
}

function profile(overrides: Partial<AccessInputs> = {}) {
  return buildAccessProfile({
    personId: PERSON,
    schoolId: SCHOOL,
    elevated: true,
    group: dsl,
    settings: defaultSchoolSettings(SCHOOL, AT),
    classGroups: [],
    ...overrides,
  });
}

const pupil = (classIds: string[] = ['7A'], schoolId = SCHOOL) => ({ schoolId, classIds });

describe('the key rule', () => {
  it('gives an elevated key holder every permission of the group', () => {
    const elevated = profile();
    expect(authorisation.mayDo(elevated, 'admin.users')).toBe(true);
    expect(authorisation.maySeePupil(elevated, pupil())).toBe(true);
  });

  it('leaves a session without a key only the non-key permissions, and says elevating would help', () => {
    const notElevated = profile({ elevated: false });
    expect(authorisation.mayDo(notElevated, 'incidents.add')).toBe(true);
    expect(authorisation.mayDo(notElevated, 'admin.users')).toBe(false);
    expect(authorisation.mayDoOnceElevated(notElevated, 'admin.users')).toBe(true);
    expect(authorisation.mayDoOnceElevated(notElevated, 'reports.run')).toBe(false);
    expect(authorisation.maySeePupil(notElevated, pupil())).toBe(false);
    expect(notElevated.elevationWouldAdd).toBe(true);
  });

  it('lets a session without a key record in a category but not read it', () => {
    const notElevated = profile({ elevated: false });
    expect(authorisation.mayAddIncident(notElevated, ['child-protection'])).toBe(true);
    expect(
      authorisation.maySeeIncident(notElevated, { pupil: pupil(), categoryIds: ['child-protection'] }),
    ).toBe(false);
    expect(authorisation.maySeeMonitoring(notElevated, 'child-protection')).toBe(false);
  });

  it('gives a member in no group nothing at all', () => {
    const nobody = profile({ group: undefined });
    expect(nobody.system.size).toBe(0);
    expect(authorisation.mayAddIncident(nobody, ['behaviour'])).toBe(false);
  });
});

describe('the category rule', () => {
  it('shows an incident only when every one of its categories is viewable', () => {
    const elevated = profile();
    expect(authorisation.maySeeIncident(elevated, { pupil: pupil(), categoryIds: ['behaviour'] })).toBe(true);
    expect(
      authorisation.maySeeIncident(elevated, { pupil: pupil(), categoryIds: ['behaviour', 'staff-only'] }),
    ).toBe(false);
    expect(authorisation.maySeeIncident(elevated, { pupil: pupil(), categoryIds: ['unknown'] })).toBe(false);
    expect(authorisation.maySeeIncident(elevated, { pupil: pupil(), categoryIds: [] })).toBe(false);
  });

  it('lets someone alerted to an incident read it until they mark it read, whatever the category', () => {
    const notElevated = profile({ elevated: false });
    const facts = { pupil: pupil(), categoryIds: ['child-protection'] };
    expect(authorisation.maySeeIncident(notElevated, { ...facts, unreadAlertForViewer: true })).toBe(true);
    expect(authorisation.maySeeIncident(notElevated, { ...facts, unreadAlertForViewer: false })).toBe(false);
  });

  it('refuses recording in a category the group may not add to', () => {
    const group = newUserGroup(
      SCHOOL,
      {
        name: 'Teachers',
        description: '',
        systemPermissions: ['incidents.add'],
        categoryPermissions: { behaviour: { viewStudents: false, viewIncidents: false, addIncidents: true } },
        newCategoryDefault: { viewStudents: false, viewIncidents: false, addIncidents: false },
      },
      AT,
    );
    const teacher = profile({ group });
    expect(authorisation.mayAddIncident(teacher, ['behaviour'])).toBe(true);
    expect(authorisation.mayAddIncident(teacher, ['behaviour', 'child-protection'])).toBe(false);
    expect(authorisation.mayAddIncident(teacher, [])).toBe(false);
  });

  it('lists the viewable categories for chronology filtering', () => {
    expect([...authorisation.viewableCategoryIds(profile())].sort()).toEqual([
      'behaviour',
      'child-protection',
    ]);
    expect(authorisation.viewableCategoryIds(profile({ elevated: false })).size).toBe(0);
  });
});

describe('the class rule', () => {
  const restricted = { ...defaultSchoolSettings(SCHOOL, AT), classRestrictionsEnabled: true };
  const classes = [
    classGroup('7A', { personIds: [PERSON], groupIds: [] }),
    classGroup('7B', { personIds: [], groupIds: [dsl.groupId] }),
    classGroup('8A', { personIds: [], groupIds: [] }),
  ];

  it('sees every class while restrictions are off', () => {
    expect(authorisation.maySeePupil(profile({ classGroups: classes }), pupil(['8A']))).toBe(true);
  });

  it('sees only classes granted to the person or to their group when restrictions are on', () => {
    const scoped = profile({ settings: restricted, classGroups: classes });
    expect(authorisation.maySeePupil(scoped, pupil(['7A']))).toBe(true);
    expect(authorisation.maySeePupil(scoped, pupil(['7B']))).toBe(true);
    expect(authorisation.maySeePupil(scoped, pupil(['8A']))).toBe(false);
    expect(authorisation.mayListPupil(scoped, pupil(['8A']))).toBe(false);
    expect(authorisation.maySeePupil(scoped, pupil(['8A', '7B']))).toBe(true);
    expect(authorisation.maySeeIncident(scoped, { pupil: pupil(['8A']), categoryIds: ['behaviour'] })).toBe(
      false,
    );
  });

  it("keeps a pupil's audit report to auditors who may see the pupil's class", () => {
    const scoped = profile({ settings: restricted, classGroups: classes });
    expect(authorisation.mayAuditPupil(scoped, pupil(['7A']))).toBe(true);
    expect(authorisation.mayAuditPupil(scoped, pupil(['8A']))).toBe(false);
    expect(authorisation.mayAuditPupil(scoped, pupil([]))).toBe(false);
    expect(authorisation.mayAuditPupil(profile({ classGroups: classes }), pupil(['8A']))).toBe(true);
    const noAudit = profile({ group: { ...dsl, systemPermissions: ['students.details'] } });
    expect(authorisation.mayAuditPupil(noAudit, pupil(['7A']))).toBe(false);
    expect(authorisation.mayAuditPupil(profile(), pupil(['7A'], OTHER_SCHOOL))).toBe(false);
  });

  it('needs the separate permission for pupils with no group', () => {
    const scoped = profile({ settings: restricted, classGroups: classes });
    expect(authorisation.maySeePupil(scoped, pupil([]))).toBe(false);
    const withUngrouped = profile({
      settings: restricted,
      classGroups: classes,
      group: { ...dsl, systemPermissions: [...dsl.systemPermissions, 'students.withoutClass'] },
    });
    expect(authorisation.maySeePupil(withUngrouped, pupil([]))).toBe(true);
  });
});

it('never lets a profile see a pupil or incident of another school', () => {
  const elevated = profile();
  expect(authorisation.maySeePupil(elevated, pupil(['7A'], OTHER_SCHOOL))).toBe(false);
  expect(authorisation.mayListPupil(elevated, pupil(['7A'], OTHER_SCHOOL))).toBe(false);
  expect(
    authorisation.maySeeIncident(elevated, {
      pupil: pupil(['7A'], OTHER_SCHOOL),
      categoryIds: ['behaviour'],
      unreadAlertForViewer: true,
    }),
  ).toBe(false);
});

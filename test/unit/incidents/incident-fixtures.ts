/** A small school for unit tests of incidents: pupils, categories, staff, an alert group and profiles. */
import { buildAccessProfile, type AccessProfile } from '../../../lib/access/authorisation';
import type { AlertGroup } from '../../../lib/access/alert-group';
import { defaultSchoolSettings, type SchoolSettings } from '../../../lib/access/school-settings';
import { newUserGroup } from '../../../lib/access/user-group';
import type { Agency, Category } from '../../../lib/categories/category';
import type { Membership } from '../../../lib/identity/identity';
import type { SchoolReference } from '../../../lib/incidents/school-reference';
import type { Pupil } from '../../../lib/pupils/pupil';

export const SCHOOL = '00000000-0000-4000-8000-00000000000a';
export const AT = '2026-03-02T10:00:00.000Z';
export const NOW = new Date(AT);

export const TOM = '00000000-0000-4000-8000-0000000000a1';
export const DANA = '00000000-0000-4000-8000-0000000000a2';
export const LEFT = '00000000-0000-4000-8000-0000000000a3';
export const DSL_GROUP = '00000000-0000-4000-8000-0000000000b1';
export const AGENCY = '00000000-0000-4000-8000-0000000000c1';

export const HANNAH = '00000000-0000-4000-8000-0000000000d1';
export const MATTHEW = '00000000-0000-4000-8000-0000000000d2';
export const STRANGER = '00000000-0000-4000-8000-0000000000d9';

export function pupil(pupilId: string, forename: string, surname: string): Pupil {
  return {
    pupilId,
    schoolId: SCHOOL,
    legalForename: forename,
    legalSurname: surname,
    dateOfBirth: '2015-01-01',
    gender: 'F',
    classIds: [],
    archived: false,
    source: 'manual',
    monitoredCategoryIds: [],
    createdAt: AT,
    updatedAt: AT,
    version: 1,
  };
}

export const PUPILS: ReadonlyMap<string, Pupil> = new Map([
  [HANNAH, pupil(HANNAH, 'Hannah', 'Greenwood')],
  [MATTHEW, pupil(MATTHEW, 'Matthew', 'Greenwood')],
]);

function category(categoryId: string, name: string, extra: Partial<Category> = {}): Category {
  return {
    categoryId,
    schoolId: SCHOOL,
    name,
    colour: '#1d70b8',
    disabled: false,
    createdAt: AT,
    updatedAt: AT,
    version: 1,
    ...extra,
  };
}

function member(personId: string, displayName: string, status: Membership['status'] = 'active'): Membership {
  return {
    schoolId: SCHOOL,
    personId,
    schoolName: 'Oakfield',
    displayName,
    email: `${displayName.split(' ')[0]!.toLowerCase()}@oakfield.example.org`,
    status,
    createdAt: AT,
    updatedAt: AT,
  };
}

const alertGroup: AlertGroup = {
  alertGroupId: DSL_GROUP,
  schoolId: SCHOOL,
  name: 'DSLs',
  personIds: [DANA, LEFT],
  createdAt: AT,
  updatedAt: AT,
  version: 1,
};

const agency: Agency = {
  agencyId: AGENCY,
  schoolId: SCHOOL,
  name: 'Social care',
  disabled: false,
  createdAt: AT,
  updatedAt: AT,
  version: 1,
};

export function reference(settings: Partial<SchoolSettings> = {}): SchoolReference {
  return {
    categories: new Map([
      ['bullying', category('bullying', 'Bullying')],
      ['online', category('online', 'Online safety', { parentId: 'bullying' })],
      ['old', category('old', 'Old category', { disabled: true })],
      ['protected', category('protected', 'Child protection')],
    ]),
    agencies: new Map([[AGENCY, agency]]),
    members: new Map([
      [TOM, member(TOM, 'Tom Reed')],
      [DANA, member(DANA, 'Dana Shah')],
      [LEFT, member(LEFT, 'Lee Left', 'deactivated')],
    ]),
    alertGroups: new Map([[DSL_GROUP, alertGroup]]),
    settings: { ...defaultSchoolSettings(SCHOOL, AT), ...settings },
    timeZone: 'Europe/London',
  };
}

/** A teacher without a key: may record in bullying and online safety, not in child protection. */
export function teacherProfile(): AccessProfile {
  const record = { viewStudents: false, viewIncidents: false, addIncidents: true };
  return buildAccessProfile({
    personId: TOM,
    schoolId: SCHOOL,
    elevated: false,
    group: newUserGroup(
      SCHOOL,
      {
        name: 'Teachers',
        description: '',
        systemPermissions: ['incidents.add'],
        categoryPermissions: { bullying: record, online: record, old: record },
        newCategoryDefault: { viewStudents: false, viewIncidents: false, addIncidents: false },
      },
      AT,
    ),
    settings: defaultSchoolSettings(SCHOOL, AT),
    classGroups: [],
  });
}

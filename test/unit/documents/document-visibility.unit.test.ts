/** Who sees a vault document: attached files take their incident's protection; removed ones are markers for editors. */
import { buildAccessProfile } from '../../../lib/access/authorisation';
import { defaultSchoolSettings } from '../../../lib/access/school-settings';
import { newUserGroup, type UserGroupSettings } from '../../../lib/access/user-group';
import { documentView } from '../../../lib/documents/document-visibility';

const SCHOOL = '00000000-0000-4000-8000-00000000000a';
const AT = '2026-11-22T09:00:00.000Z';
const pupil = { schoolId: SCHOOL, classIds: [] };
const open = { viewStudents: true, viewIncidents: true, addIncidents: true };

function profile(settings: Partial<UserGroupSettings>, elevated = true) {
  return buildAccessProfile({
    personId: '00000000-0000-4000-8000-000000000001',
    schoolId: SCHOOL,
    elevated,
    group: newUserGroup(
      SCHOOL,
      {
        name: 'G',
        description: '',
        systemPermissions: ['students.details'],
        categoryPermissions: { cp: open, behaviour: { ...open, viewIncidents: false } },
        newCategoryDefault: open,
        ...settings,
      },
      AT,
    ),
    settings: defaultSchoolSettings(SCHOOL, AT),
    classGroups: [],
  });
}

const direct = { incidentId: undefined, categoryIds: [], removed: undefined };
const attached = (categoryIds: string[]) => ({ ...direct, incidentId: 'i', categoryIds });
const removed = { at: AT, by: { personId: 'p', name: 'Dana' }, reason: 'wrong pupil' };

it('shows a file added straight to the vault to anyone who may see the pupil', () => {
  expect(documentView(profile({}), pupil, direct)).toBe('visible');
  expect(documentView(profile({}, false), pupil, direct)).toBe('hidden');
  expect(documentView(profile({}), { ...pupil, schoolId: 'other' }, direct)).toBe('hidden');
});

it('shows an attached file only to those who may view every one of its categories', () => {
  expect(documentView(profile({}), pupil, attached(['cp']))).toBe('visible');
  expect(documentView(profile({}), pupil, attached(['cp', 'behaviour']))).toBe('hidden');
  expect(documentView(profile({}), pupil, attached(['unknown']))).toBe('hidden');
});

it('shows a removed file as a marker to incident editors only', () => {
  const editor = profile({ systemPermissions: ['students.details', 'incidents.edit'] });
  expect(documentView(editor, pupil, { ...direct, removed })).toBe('removed-marker');
  expect(documentView(profile({}), pupil, { ...direct, removed })).toBe('hidden');
  expect(documentView(editor, pupil, { ...attached(['behaviour']), removed })).toBe('hidden');
});

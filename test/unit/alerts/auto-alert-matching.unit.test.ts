/** Which automatic alert rules match an alert's pupil and categories, and who may receive them (REC-5). */
import type { ClassGroup } from '../../../lib/access/class-group';
import { newUserGroup } from '../../../lib/access/user-group';
import { automaticRecipients, unionRecipients } from '../../../lib/alerts/auto-alert-matching';
import {
  autoAlertRuleId,
  type AutoAlertRule,
  type AutoAlertTarget,
} from '../../../lib/alerts/auto-alert-rule';
import { AT, DANA, HANNAH, MATTHEW, SCHOOL, TOM, reference } from '../incidents/incident-fixtures';

const CLASS = '00000000-0000-4000-8000-0000000000f1';
const OTHER_CLASS = '00000000-0000-4000-8000-0000000000f2';
const see = { viewStudents: true, viewIncidents: true, addIncidents: true };
const dsl = newUserGroup(
  SCHOOL,
  {
    name: 'DSL',
    description: '',
    systemPermissions: ['students.details'],
    categoryPermissions: { bullying: see, online: see },
    newCategoryDefault: { viewStudents: false, viewIncidents: false, addIncidents: false },
  },
  AT,
);

function rule(personId: string, target: AutoAlertTarget): AutoAlertRule {
  return {
    ruleId: autoAlertRuleId(personId, target),
    schoolId: SCHOOL,
    personId,
    target,
    targetName: 'x',
    createdAt: AT,
    createdBy: { personId, name: 'x' },
  };
}

function facts(
  rules: AutoAlertRule[],
  classes: { restricted: boolean; visibleToDsl?: string[] } = { restricted: false },
) {
  const school = reference({ classRestrictionsEnabled: classes.restricted });
  const members = new Map(
    [...school.members].map(([id, member]) => [id, { ...member, groupId: dsl.groupId }] as const),
  );
  const classGroups: ClassGroup[] = [CLASS, OTHER_CLASS].map((classId) => ({
    classId,
    schoolId: SCHOOL,
    name: classId === CLASS ? '7X' : '8Y',
    kind: 'tutor',
    access: { personIds: [], groupIds: classes.visibleToDsl?.includes(classId) ? [dsl.groupId] : [] },
    awaitingAccess: false,
    createdAt: AT,
    updatedAt: AT,
    version: 1,
  }));
  return {
    rules,
    members,
    userGroups: new Map([[dsl.groupId, dsl]]),
    categories: school.categories,
    settings: school.settings,
    classGroups,
  };
}

const subject = { pupilId: HANNAH, classIds: [CLASS], categoryIds: ['online'] };

it('matches a category rule on the category or a sub-category of it', () => {
  const found = automaticRecipients(
    subject,
    facts([rule(DANA, { kind: 'category', categoryId: 'bullying' })]),
    TOM,
  );
  expect(found.map((recipient) => recipient.personId)).toEqual([DANA]);
  const other = automaticRecipients(
    { ...subject, categoryIds: ['bullying'] },
    facts([rule(DANA, { kind: 'category', categoryId: 'online' })]),
    TOM,
  );
  expect(other).toEqual([]);
});

it('matches pupil and class rules on the alert pupil only', () => {
  const rules = [
    rule(DANA, { kind: 'pupil', pupilId: MATTHEW }),
    rule(DANA, { kind: 'class', classId: CLASS }),
  ];
  expect(automaticRecipients(subject, facts(rules), TOM).map((r) => r.personId)).toEqual([DANA]);
  expect(automaticRecipients({ ...subject, classIds: [] }, facts(rules), TOM)).toEqual([]);
});

it('leaves out people whose group may not see every category, inactive people and the recorder', () => {
  const rules = [rule(DANA, { kind: 'pupil', pupilId: HANNAH })];
  expect(
    automaticRecipients({ ...subject, categoryIds: ['online', 'protected'] }, facts(rules), TOM),
  ).toEqual([]);
  expect(automaticRecipients(subject, facts(rules), DANA)).toEqual([]);
  const left = automaticRecipients(
    subject,
    facts([rule('00000000-0000-4000-8000-0000000000a3', { kind: 'pupil', pupilId: HANNAH })]),
    TOM,
  );
  expect(left).toEqual([]);
});

it('with class restrictions on, alerts only people who may see the pupil’s classes, whatever the rule', () => {
  // An alert opens the incident: a rule must not show anyone a pupil outside their classes.
  const rules = [
    rule(DANA, { kind: 'category', categoryId: 'bullying' }),
    rule(DANA, { kind: 'pupil', pupilId: HANNAH }),
    rule(DANA, { kind: 'class', classId: CLASS }),
  ];
  const mine = facts(rules, { restricted: true, visibleToDsl: [CLASS] });
  const elsewhere = facts(rules, { restricted: true, visibleToDsl: [OTHER_CLASS] });
  expect(automaticRecipients(subject, mine, TOM).map((r) => r.personId)).toEqual([DANA]);
  expect(automaticRecipients(subject, elsewhere, TOM)).toEqual([]);
  // A pupil in no class needs students.withoutClass, which this group lacks.
  expect(automaticRecipients({ ...subject, classIds: [] }, mine, TOM)).toEqual([]);
  expect(automaticRecipients(subject, facts(rules, { restricted: true }), TOM)).toEqual([]);
});

it('adds automatic recipients to chosen ones once each', () => {
  const dana = { personId: DANA, name: 'Dana Shah', email: 'dana@x' };
  const tom = { personId: TOM, name: 'Tom Reed', email: 'tom@x' };
  expect(unionRecipients([dana], [dana, tom])).toEqual([dana, tom]);
});

/**
 * Who automatic alert rules add to an incident's or action's alert (REC-5). Rules are matched against
 * the alert's pupil (the copy the alert opens): a category rule matches that copy's category or a
 * sub-category of it, a pupil rule the pupil, a class rule any tutor or year group the pupil is in now.
 * A matched person is added only if they are an active member whose user group may view incidents in
 * every category of that copy and, when class restrictions are on, whose classes reach the pupil. An
 * alert opens the incident it is about, so an automatic alert never shows anyone a category or a pupil
 * they may not see (a rule about a pupil who has since moved out of their classes, or a category rule
 * matching such a pupil, alerts nobody).
 * The person recording is not alerted to their own record.
 */
import { authorisation, buildAccessProfile } from '../access/authorisation';
import type { ClassGroup } from '../access/class-group';
import type { SchoolSettings } from '../access/school-settings';
import type { UserGroup } from '../access/user-group';
import type { Category } from '../categories/category';
import type { Membership } from '../identity/identity';
import type { AlertRecipient } from './alert-outbox';
import { recipientOf } from './alert-recipients';
import type { AutoAlertRule } from './auto-alert-rule';

export interface AlertSubject {
  readonly pupilId: string;
  readonly classIds: readonly string[];
  readonly categoryIds: readonly string[];
}

export interface AutoAlertFacts {
  readonly rules: readonly AutoAlertRule[];
  readonly members: ReadonlyMap<string, Membership>;
  readonly userGroups: ReadonlyMap<string, UserGroup>;
  readonly categories: ReadonlyMap<string, Category>;
  /** Whether class restrictions are on, and the school's classes with who may see their pupils. */
  readonly settings: SchoolSettings;
  readonly classGroups: readonly ClassGroup[];
}

function matches(
  rule: AutoAlertRule,
  subject: AlertSubject,
  categories: AutoAlertFacts['categories'],
): boolean {
  const { target } = rule;
  switch (target.kind) {
    case 'pupil':
      return target.pupilId === subject.pupilId;
    case 'class':
      return subject.classIds.includes(target.classId);
    case 'category':
      return subject.categoryIds.some(
        (categoryId) =>
          categoryId === target.categoryId || categories.get(categoryId)?.parentId === target.categoryId,
      );
  }
}

/** Whether the person's group lets them view incidents in every one of these categories. */
export function mayViewCategories(
  member: Membership | undefined,
  userGroups: AutoAlertFacts['userGroups'],
  categoryIds: readonly string[],
): boolean {
  if (member?.status !== 'active' || member.groupId === undefined) return false;
  const group = userGroups.get(member.groupId);
  if (!group || categoryIds.length === 0) return false;
  return categoryIds.every((categoryId) => group.categoryPermissions[categoryId]?.viewIncidents === true);
}

/** Whether the person's group may view incidents in every category and their classes reach the pupil. */
function mayBeAlerted(member: Membership, subject: AlertSubject, facts: AutoAlertFacts): boolean {
  if (!mayViewCategories(member, facts.userGroups, subject.categoryIds)) return false;
  const profile = buildAccessProfile({
    personId: member.personId,
    schoolId: member.schoolId,
    elevated: true,
    group: member.groupId === undefined ? undefined : facts.userGroups.get(member.groupId),
    settings: facts.settings,
    classGroups: facts.classGroups,
  });
  return authorisation.withinClasses(profile, { schoolId: member.schoolId, classIds: subject.classIds });
}

export function automaticRecipients(
  subject: AlertSubject,
  facts: AutoAlertFacts,
  recorderPersonId: string,
): AlertRecipient[] {
  const chosen = new Map<string, AlertRecipient>();
  for (const rule of facts.rules) {
    if (rule.personId === recorderPersonId || chosen.has(rule.personId)) continue;
    if (!matches(rule, subject, facts.categories)) continue;
    const member = facts.members.get(rule.personId);
    if (member && mayBeAlerted(member, subject, facts)) {
      chosen.set(member.personId, recipientOf(member));
    }
  }
  return [...chosen.values()];
}

/** The chosen recipients with the automatic ones added, each person once. */
export function unionRecipients(
  chosen: readonly AlertRecipient[],
  automatic: readonly AlertRecipient[],
): AlertRecipient[] {
  const all = new Map(chosen.map((recipient) => [recipient.personId, recipient]));
  for (const recipient of automatic) if (!all.has(recipient.personId)) all.set(recipient.personId, recipient);
  return [...all.values()];
}

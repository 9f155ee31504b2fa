/**
 * Automatic alert rules (REC-5): "alert this person to every new incident or action in category X,
 * about pupil Y, or about a pupil in class or group Z". A staff member sets their own; an admin sets
 * them for anyone, and a pupil's "always alert these people" is one pupil rule per person.
 *
 * A rule's id is made from the person and the target, so the same rule set twice is one rule (a retry
 * is harmless) and one person's rules share a key prefix: AutoAlertRule items live in the school
 * partition (SCHOOL#<s>, SK AUTO_ALERT#<personId>_<kind>_<targetId>), so every rule the add-incident
 * check needs is one Query (begins_with AUTO_ALERT#), and one person's rules one narrower Query.
 */
import { z } from 'zod';
import { CategoryIdSchema } from '../access/permissions';
import { StaffRefSchema } from '../incidents/incident';

export const AutoAlertTargetSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('category'), categoryId: CategoryIdSchema }).strict(),
    z.object({ kind: z.literal('pupil'), pupilId: z.string().uuid() }).strict(),
    z.object({ kind: z.literal('class'), classId: z.string().uuid() }).strict(),
  ])
  .meta({ id: 'AutoAlertTarget' });

export type AutoAlertTarget = z.output<typeof AutoAlertTargetSchema>;

export const NewAutoAlertRuleSchema = z
  .object({ target: AutoAlertTargetSchema })
  .strict()
  .meta({ id: 'NewAutoAlertRule' });

export const AutoAlertRuleSchema = z
  .object({
    ruleId: z.string(),
    schoolId: z.string().uuid(),
    /** Who is alerted. */
    personId: z.string().uuid(),
    target: AutoAlertTargetSchema,
    /** What the target was called when the rule was set (a category, pupil or class name), for lists. */
    targetName: z.string(),
    createdAt: z.iso.datetime(),
    createdBy: StaffRefSchema,
  })
  .strip()
  .meta({ id: 'AutoAlertRule' });

export type AutoAlertRule = z.output<typeof AutoAlertRuleSchema>;

export const AUTO_ALERT_RULE_ITEM_TYPE = 'AutoAlertRule';

export function targetIdOf(target: AutoAlertTarget): string {
  switch (target.kind) {
    case 'category':
      return target.categoryId;
    case 'pupil':
      return target.pupilId;
    case 'class':
      return target.classId;
  }
}

/** `<personId>_<kind>_<targetId>`: the person id (a uuid) is fixed-length, so the prefix is unambiguous. */
export function autoAlertRuleId(personId: string, target: AutoAlertTarget): string {
  return `${personId}_${target.kind}_${targetIdOf(target)}`;
}

/** The key prefix of one person's rules. */
export function personRulePrefix(personId: string): string {
  return `${personId}_`;
}

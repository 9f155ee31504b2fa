/**
 * Who an alert reaches: the people named, and every member of each alert group named, who is an active
 * member of this school (a deactivated member stays in a group's list until an admin edits it, but is
 * never alerted). Each person is alerted once however many ways they were named.
 */
import type { AlertGroup } from '../access/alert-group';
import type { Membership } from '../identity/identity';
import type { FieldError } from '../platform/http/problem';
import type { AlertRecipient } from './alert-outbox';

export interface AlertRequest {
  readonly personIds: readonly string[];
  readonly alertGroupIds: readonly string[];
}

export interface ResolvedRecipients {
  readonly recipients: AlertRecipient[];
  /** Named people or groups that are not (active) in this school, by field. */
  readonly errors: FieldError[];
}

export function recipientOf(member: Membership): AlertRecipient {
  return { personId: member.personId, name: member.displayName, email: member.email };
}

export function resolveRecipients(
  request: AlertRequest,
  members: ReadonlyMap<string, Membership>,
  alertGroups: ReadonlyMap<string, AlertGroup>,
  field: string,
): ResolvedRecipients {
  const errors: FieldError[] = [];
  const chosen = new Map<string, AlertRecipient>();
  const add = (member: Membership | undefined): boolean => {
    if (member?.status !== 'active') return false;
    chosen.set(member.personId, recipientOf(member));
    return true;
  };
  request.personIds.forEach((personId, index) => {
    if (!add(members.get(personId))) {
      errors.push({ field: `${field}.personIds.${index}`, reason: 'no such active member of staff here' });
    }
  });
  request.alertGroupIds.forEach((alertGroupId, index) => {
    const group = alertGroups.get(alertGroupId);
    if (!group) {
      errors.push({ field: `${field}.alertGroupIds.${index}`, reason: 'no such alert group here' });
      return;
    }
    for (const personId of group.personIds) add(members.get(personId));
  });
  return { recipients: [...chosen.values()], errors };
}

/**
 * Everything a new incident must satisfy before anything is written (REC-3): the pupils are in this
 * school and each involved once, every category is open and allowed to the recorder for every pupil,
 * the time is not in the future, the assignee holds a key, alert recipients and agencies are this
 * school's, and, when the school requires it, someone is alerted.
 */
import type { AccessProfile } from '../access/authorisation';
import { resolveRecipients } from '../alerts/alert-recipients';
import { automaticRecipients, unionRecipients } from '../alerts/auto-alert-matching';
import type { AlertRecipient } from '../alerts/alert-outbox';
import type { Membership } from '../identity/identity';
import type { Pupil } from '../pupils/pupil';
import { FieldRefusals } from './incident-errors';
import type { InvolvedPupil, NewIncident } from './incident';
import { checkAgencies, checkCategories, checkFiles, checkNotInFuture, checkReferral } from './record-checks';
import type { SchoolReference } from './school-reference';

export interface NewIncidentFacts {
  readonly profile: AccessProfile;
  readonly now: Date;
  readonly reference: SchoolReference;
  /** The subject and linked pupils that exist in this school, by id. */
  readonly pupils: ReadonlyMap<string, Pupil>;
  /** Whether the person in assignedTo holds a second-factor key. */
  readonly assigneeHasKey: boolean;
}

export interface LinkedPupil {
  readonly pupil: Pupil;
  readonly input: InvolvedPupil;
}

export interface CheckedIncident {
  readonly subject: Pupil;
  readonly linked: LinkedPupil[];
  readonly recipients: AlertRecipient[];
  readonly assignee?: Membership;
}

export function checkNewIncident(input: NewIncident, facts: NewIncidentFacts): CheckedIncident {
  const { reference, profile } = facts;
  const refusals = new FieldRefusals();

  const subject = facts.pupils.get(input.pupilId);
  if (!subject) refusals.add('not-found', 'body.pupilId', 'no such pupil in this school');
  checkCategories(input.categoryIds, 'body.categoryIds', reference, profile, refusals);

  const linked: LinkedPupil[] = [];
  const seen = new Set<string>([input.pupilId]);
  input.linkedPupils.forEach((link, index) => {
    const field = `body.linkedPupils.${index}`;
    const pupil = facts.pupils.get(link.pupilId);
    if (link.pupilId === input.pupilId) {
      refusals.add('invalid', `${field}.pupilId`, 'is the pupil the incident is for');
    } else if (seen.has(link.pupilId)) {
      refusals.add('invalid', `${field}.pupilId`, 'is linked more than once');
    } else if (!pupil) {
      refusals.add('not-found', `${field}.pupilId`, 'no such pupil in this school');
    } else {
      linked.push({ pupil, input: link });
    }
    seen.add(link.pupilId);
    checkCategories(link.categoryIds, `${field}.categoryIds`, reference, profile, refusals);
  });

  checkNotInFuture(input.occurredAt, facts.now, 'body.occurredAt', refusals);

  let assignee: Membership | undefined;
  if (input.assignedTo !== undefined) {
    assignee = reference.members.get(input.assignedTo);
    if (assignee?.status !== 'active' || !facts.assigneeHasKey) {
      refusals.add('invalid', 'body.assignedTo', 'must be an active member of staff with a key');
    }
  }

  const { recipients, errors } = resolveRecipients(
    input.alerts,
    reference.members,
    reference.alertGroups,
    'body.alerts',
  );
  refusals.addAll('invalid', errors);
  if (reference.settings.requireAlert && errors.length === 0 && recipients.length === 0) {
    refusals.add(
      'invalid',
      'body.alerts',
      'alert at least one person or alert group: this school requires it',
    );
  }

  checkAgencies(input.agencyIds, 'body.agencyIds', reference, refusals);
  checkReferral(input.referral, 'body.referral', reference, refusals);
  checkFiles(input.documentIds, profile, refusals);

  refusals.throwIfAny();
  // throwIfAny has refused a missing subject, and an assignee who is not an active member.
  const found = subject as Pupil;
  return {
    subject: found,
    linked,
    // Automatic alerts (REC-5) join the chosen recipients; they never count towards requireAlert.
    recipients: unionRecipients(
      recipients,
      automaticRecipients(
        { pupilId: found.pupilId, classIds: found.classIds, categoryIds: input.categoryIds },
        {
          rules: reference.autoAlertRules ?? [],
          members: reference.members,
          userGroups: reference.userGroups ?? new Map(),
          categories: reference.categories,
          settings: reference.settings,
          // Without the classes, class restrictions (when on) let nobody be alerted: it fails closed.
          classGroups: reference.classGroups ?? [],
        },
        profile.personId,
      ),
    ),
    ...(assignee ? { assignee } : {}),
  };
}

/**
 * Builds the records of a new incident: the one true Incident and, derived from it, each involved
 * pupil's copy. Copies are always derived from the Incident by copyFor, so a later change to the
 * incident rewrites every copy the same way.
 */
import { wallClock } from '../platform/zoned-time';
import { displayNameOf } from '../pupils/pupil';
import type { ChronologyIncident } from './chronology-entry';
import type { Incident, NewIncident, StaffRef } from './incident';
import type { CheckedIncident } from './new-incident-checks';

export interface NewIncidentContext {
  readonly schoolId: string;
  readonly number: number;
  readonly recorder: StaffRef;
  readonly recordedAt: string;
  /** Recorded while the school's training mode is on (REC-11). */
  readonly training?: boolean;
}

/** Any ISO date-time (with an offset or Z) as the UTC form the records store. */
export function utc(at: string): string {
  return new Date(at).toISOString();
}

/** The date in the school's time zone of an instant (monitoring counts from the day it happened). */
export function schoolDate(timeZone: string, at: string): string {
  const wall = wallClock(timeZone, Date.parse(at));
  return `${wall.year}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
}

export function draftIncident(
  input: NewIncident,
  checked: CheckedIncident,
  context: NewIncidentContext,
): Incident {
  const { recorder, recordedAt } = context;
  return {
    incidentId: input.incidentId,
    schoolId: context.schoolId,
    number: context.number,
    pupilId: input.pupilId,
    pupils: [
      {
        pupilId: checked.subject.pupilId,
        displayName: displayNameOf(checked.subject),
        role: input.role,
        categoryIds: input.categoryIds,
      },
      ...checked.linked.map(({ pupil, input: link }) => ({
        pupilId: pupil.pupilId,
        displayName: displayNameOf(pupil),
        role: link.role,
        categoryIds: link.categoryIds,
      })),
    ],
    text: input.text,
    occurredAt: utc(input.occurredAt),
    recordedAt,
    recordedBy: recorder,
    status: input.status,
    ...(checked.assignee
      ? { assignedTo: { personId: checked.assignee.personId, name: checked.assignee.displayName } }
      : {}),
    agencyIds: input.agencyIds,
    bodyMap: input.bodyMap,
    ...(input.referral
      ? { referral: { ...input.referral, decidedAt: recordedAt, decidedBy: recorder } }
      : {}),
    alertedPersonIds: checked.recipients.map((recipient) => recipient.personId),
    documentIds: input.documentIds,
    training: context.training === true,
    version: 1,
    updatedAt: recordedAt,
    updatedBy: recorder,
  };
}

/** One pupil's copy of the incident: their role and categories, the others by name and role. */
export function copyFor(incident: Incident, pupilId: string): ChronologyIncident {
  const own = incident.pupils.find((pupil) => pupil.pupilId === pupilId);
  if (!own) throw new Error(`Pupil ${pupilId} is not involved in incident ${incident.incidentId}`);
  return {
    incidentId: incident.incidentId,
    schoolId: incident.schoolId,
    number: incident.number,
    pupilId,
    role: own.role,
    categoryIds: own.categoryIds,
    otherPupils: incident.pupils
      .filter((pupil) => pupil.pupilId !== pupilId)
      .map(({ pupilId: otherId, displayName, role }) => ({ pupilId: otherId, displayName, role })),
    text: incident.text,
    occurredAt: incident.occurredAt,
    recordedAt: incident.recordedAt,
    recordedBy: incident.recordedBy,
    status: incident.status,
    ...(incident.assignedTo ? { assignedTo: incident.assignedTo } : {}),
    agencyIds: incident.agencyIds,
    bodyMap: incident.bodyMap,
    ...(incident.referral ? { referral: incident.referral } : {}),
    documentIds: incident.documentIds,
    training: incident.training,
    ...(incident.deleted ? { deleted: incident.deleted } : {}),
    version: incident.version,
    updatedAt: incident.updatedAt,
    ...(incident.transferredFrom ? { transferredFrom: incident.transferredFrom } : {}),
  };
}

/** Every category recorded against any pupil of the incident, each once. */
export function allCategoryIds(incident: Pick<Incident, 'pupils'>): string[] {
  return [...new Set(incident.pupils.flatMap((pupil) => pupil.categoryIds))];
}

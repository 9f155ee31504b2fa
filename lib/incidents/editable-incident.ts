/**
 * Loading an incident for a change or its history (REC-6), and the guards every change passes. The
 * endpoint has already required incidents.edit; here the editor must also see every involved pupil's
 * copy (each pupil, in that pupil's categories), because a change rewrites them all: an incident they
 * cannot see at all is "not found", one they see only in part is refused as forbidden.
 */
import { authorisation } from '../access/authorisation';
import { pupilAccessFacts, type Pupil } from '../pupils/pupil';
import { IncidentConflictError, IncidentForbiddenError, IncidentNotFoundError } from './incident-errors';
import type { IncidentRepository, Stored } from './incident-repository';
import type { Action, Incident } from './incident';
import type { PupilReader, Viewer } from './viewer';

export interface EditableIncident {
  readonly incident: Stored<Incident>;
  /** Every involved pupil's record, by id. */
  readonly pupils: ReadonlyMap<string, Pupil>;
}

export async function loadEditable(
  deps: { readonly incidents: IncidentRepository; readonly pupils: PupilReader },
  viewer: Viewer,
  incidentId: string,
): Promise<EditableIncident> {
  const schoolId = viewer.actor.schoolId;
  const incident = await deps.incidents.getIncident(schoolId, incidentId);
  if (!incident) throw new IncidentNotFoundError();
  const pupils = new Map(
    (
      await deps.pupils.getMany(
        schoolId,
        incident.pupils.map((pupil) => pupil.pupilId),
      )
    ).map((pupil) => [pupil.pupilId, pupil]),
  );
  const seen = incident.pupils.filter((involved) => {
    const pupil = pupils.get(involved.pupilId);
    return (
      pupil !== undefined &&
      authorisation.maySeeIncident(viewer.access, {
        pupil: pupilAccessFacts(pupil),
        categoryIds: involved.categoryIds,
      })
    );
  });
  if (seen.length === 0) throw new IncidentNotFoundError();
  if (seen.length < incident.pupils.length) {
    throw new IncidentForbiddenError(
      "Your user group may not see every involved pupil's record of this incident, so you may not change it.",
    );
  }
  return { incident, pupils };
}

/** Merged incidents live on as actions of the other: they are not changed any more. */
export function refuseIfMerged(incident: Incident): void {
  if (incident.mergedInto !== undefined) {
    throw new IncidentConflictError('This incident was merged into another incident and cannot be changed.');
  }
}

export function refuseIfDeleted(incident: Incident): void {
  if (incident.deleted !== undefined) {
    throw new IncidentConflictError('This incident is deleted: restore it before changing it.', 'incidentId');
  }
}

/** Optimistic locking: the change must be made against the version stored now. */
export function refuseIfStale(stored: Pick<Incident | Action, 'version'>, version: number): void {
  if (stored.version !== version) {
    throw new IncidentConflictError(
      `This was changed by someone else meanwhile (version ${version} is now ${stored.version}). Reload it and make the change again.`,
      'body.version',
    );
  }
}

/** The stored record without its creating request's digest. */
export function withoutFingerprint<T extends { requestHash: string }>(stored: T): Omit<T, 'requestHash'> {
  const { requestHash: _hash, ...record } = stored;
  return record;
}

/** Who is asking: their audit identity (school, person, name, origin) and what they may do. */
import type { AccessProfile } from '../access/authorisation';
import type { AuditActor } from '../audit/audit-event';
import type { Pupil } from '../pupils/pupil';
import type { StaffRef } from './incident';

export interface Viewer {
  readonly actor: AuditActor;
  readonly access: AccessProfile;
}

export function staffRefOf(viewer: Viewer): StaffRef {
  return { personId: viewer.actor.personId, name: viewer.actor.actorName };
}

/** The pupil reads incidents need (lib/pupils/pupil-repository.ts PupilRepository). */
export interface PupilReader {
  get(schoolId: string, pupilId: string): Promise<Pupil | undefined>;
  getMany(schoolId: string, pupilIds: readonly string[]): Promise<Pupil[]>;
}

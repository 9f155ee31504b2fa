/**
 * Who sees which vault document (REC-9), asked of the one authorisation service:
 * - a file attached to an incident or action takes its protection: it is seen only by those who may
 *   see that incident for this pupil (every one of its categories);
 * - a file added straight to the vault is seen by anyone who may see the pupil (key holders);
 * - a removed file is seen, as a marker, only by those who may edit incidents; others never learn
 *   it existed.
 */
import { authorisation, type AccessProfile, type PupilAccessFacts } from '../access/authorisation';
import type { VaultDocument } from './document';

export type DocumentView = 'visible' | 'removed-marker' | 'hidden';

export function documentView(
  profile: AccessProfile,
  pupil: PupilAccessFacts,
  document: Pick<VaultDocument, 'incidentId' | 'categoryIds' | 'removed'>,
): DocumentView {
  if (!authorisation.maySeePupil(profile, pupil)) return 'hidden';
  if (document.incidentId !== undefined) {
    if (!authorisation.maySeeIncident(profile, { pupil, categoryIds: document.categoryIds })) return 'hidden';
  }
  if (document.removed) return authorisation.mayDo(profile, 'incidents.edit') ? 'removed-marker' : 'hidden';
  return 'visible';
}

/**
 * Whether a viewer may open one pupil's copy of an incident, asked of the authorisation service: as a
 * key holder allowed every one of the copy's categories for this pupil, or only through an unread
 * alert to this incident about this pupil (REC-5: staff without a key lose sight of it once read).
 */
import { authorisation } from '../access/authorisation';
import type { DashboardAlert } from '../alerts/dashboard-alert';
import { pupilAccessFacts, type Pupil } from '../pupils/pupil';
import type { Viewer } from './viewer';

export interface IncidentAccess {
  readonly visible: boolean;
  /** Visible only because of the unread alert. */
  readonly onlyByAlert: boolean;
}

export function incidentAccess(
  viewer: Viewer,
  pupil: Pupil,
  categoryIds: readonly string[],
  alert: DashboardAlert | undefined,
): IncidentAccess {
  const facts = { pupil: pupilAccessFacts(pupil), categoryIds };
  const withoutAlert = authorisation.maySeeIncident(viewer.access, facts);
  const visible = authorisation.maySeeIncident(viewer.access, {
    ...facts,
    unreadAlertForViewer: alert !== undefined && alert.pupilId === pupil.pupilId,
  });
  return { visible, onlyByAlert: visible && !withoutAlert };
}

/**
 * Reading one incident (the page an alert links to) and marking it read (REC-5). Reading is three
 * rounds: the Incident, the pupil and the viewer's alert in parallel; the pupil's copy with its
 * actions (one Query); the audit event, written before the answer.
 */
import { authorisation } from '../access/authorisation';
import type { AlertInbox } from '../alerts/alert-inbox';
import type { DashboardAlert } from '../alerts/dashboard-alert';
import type { AuditLog } from '../audit/audit-log';
import { summaryOf } from '../pupils/pupil';
import { incidentAccess } from './incident-access';
import { IncidentNotFoundError } from './incident-errors';
import type { IncidentRepository } from './incident-repository';
import type { IncidentView } from './incident-views';
import type { PupilReader, Viewer } from './viewer';

export interface MarkReadResult {
  readonly next?: Pick<DashboardAlert, 'incidentId' | 'pupilId'>;
}

export class IncidentReadService {
  constructor(
    private readonly incidents: IncidentRepository,
    private readonly pupils: PupilReader,
    private readonly inbox: AlertInbox,
    private readonly audit: AuditLog,
  ) {}

  async read(viewer: Viewer, incidentId: string, pupilId: string): Promise<IncidentView> {
    const { schoolId, personId } = viewer.actor;
    const [incident, pupil, alert] = await Promise.all([
      this.incidents.getIncident(schoolId, incidentId),
      this.pupils.get(schoolId, pupilId),
      this.inbox.get(schoolId, personId, incidentId),
    ]);
    const involved = incident?.pupils.some((entry) => entry.pupilId === pupilId) ?? false;
    // Editors open deleted incidents and actions as markers, to read why and restore them (REC-6).
    const editor = authorisation.mayDo(viewer.access, 'incidents.edit');
    if (!incident || !pupil || !involved || (incident.deleted && !editor)) throw new IncidentNotFoundError();
    const found = await this.incidents.copyWithActions(schoolId, pupilId, incident);
    if (!found) throw new IncidentNotFoundError();
    const access = incidentAccess(viewer, pupil, found.copy.categoryIds, alert);
    if (!access.visible) throw new IncidentNotFoundError();
    await this.audit.record(viewer.actor, {
      action: 'incident.read',
      resourceType: 'incident',
      resourceId: incidentId,
      pupilId,
      ...(access.onlyByAlert ? { detail: 'through an unread alert' } : {}),
    });
    return {
      pupil: summaryOf(pupil),
      incident: {
        ...found.copy,
        actions: found.actions.filter((action) => editor || action.deleted === undefined),
      },
      ...(alert ? { unreadAlert: alert } : {}),
      readableOnlyUntilMarkedRead: access.onlyByAlert,
    };
  }

  /** Deletes the viewer's alert to the incident (a repeat finds none and changes nothing). */
  async markRead(viewer: Viewer, incidentId: string): Promise<MarkReadResult> {
    const { schoolId, personId } = viewer.actor;
    const removed = await this.inbox.markRead(schoolId, personId, incidentId);
    const [next] = await Promise.all([
      this.inbox.next(schoolId, personId),
      removed
        ? this.audit.record(viewer.actor, {
            action: 'incident.mark-read',
            resourceType: 'incident',
            resourceId: incidentId,
            pupilId: removed.pupilId,
          })
        : Promise.resolve(undefined),
    ]);
    return next ? { next: { incidentId: next.incidentId, pupilId: next.pupilId } } : {};
  }
}

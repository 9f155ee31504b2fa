/**
 * Pinning an incident to the top of one pupil's chronology (REC-6 "Pin Post"). A pin is one item in the
 * pupil's partition that sorts above every dated entry (lib/data/keys.ts chronologyKeys.pin), so the
 * chronology's first page meets it in the same Query. Pinning twice is one pin; unpinning an unpinned
 * incident changes nothing. Deleted and merged incidents cannot be pinned.
 */
import { IncidentConflictError, IncidentFieldsError, IncidentNotFoundError } from './incident-errors';
import type { IncidentPin } from './incident-changes';
import type { Incident } from './incident';
import { incidentAccess } from './incident-access';
import { pinDelete, pinPut } from './edit-items';
import type { IncidentWriteDependencies } from './incident-service';
import { writeLabelled } from './labelled-transaction';
import { staffRefOf, type Viewer } from './viewer';

export class PinService {
  constructor(private readonly deps: IncidentWriteDependencies) {}

  async pin(viewer: Viewer, incidentId: string, input: IncidentPin): Promise<{ pinned: boolean }> {
    const { deps } = this;
    const schoolId = viewer.actor.schoolId;
    const [incident, pupil] = await Promise.all([
      deps.incidents.getIncident(schoolId, incidentId),
      deps.pupils.get(schoolId, input.pupilId),
    ]);
    const own = incident?.pupils.find((entry) => entry.pupilId === input.pupilId);
    if (!incident || !pupil) throw new IncidentNotFoundError();
    if (!own) {
      // Saying the pupil is not involved would tell the caller the incident exists: only to one who sees it.
      if (!(await this.seesAnyCopy(viewer, incident))) throw new IncidentNotFoundError();
      throw new IncidentFieldsError('invalid', [
        { field: 'body.pupilId', reason: 'is not involved in this incident' },
      ]);
    }
    if (!incidentAccess(viewer, pupil, own.categoryIds, undefined).visible) throw new IncidentNotFoundError();
    if (input.pinned && (incident.deleted || incident.mergedInto)) {
      throw new IncidentConflictError('A deleted or merged incident cannot be pinned.', 'incidentId');
    }
    const item = input.pinned
      ? pinPut(deps.tableName, {
          schoolId,
          pupilId: input.pupilId,
          incidentId,
          occurredAt: incident.occurredAt,
          pinnedAt: deps.now().toISOString(),
          pinnedBy: staffRefOf(viewer),
        })
      : pinDelete(deps.tableName, schoolId, input.pupilId, incidentId);
    await writeLabelled(deps.dynamo, [{ label: 'pin', item }]);
    await deps.audit.record(viewer.actor, {
      action: 'incident.update',
      resourceType: 'incident',
      resourceId: incidentId,
      pupilId: input.pupilId,
      detail: `incident ${incident.number} ${input.pinned ? 'pinned to' : 'unpinned from'} the chronology`,
    });
    return { pinned: input.pinned };
  }

  private async seesAnyCopy(viewer: Viewer, incident: Incident): Promise<boolean> {
    const pupils = await this.deps.pupils.getMany(
      viewer.actor.schoolId,
      incident.pupils.map((entry) => entry.pupilId),
    );
    return incident.pupils.some((entry) => {
      const pupil = pupils.find((candidate) => candidate.pupilId === entry.pupilId);
      return pupil !== undefined && incidentAccess(viewer, pupil, entry.categoryIds, undefined).visible;
    });
  }
}

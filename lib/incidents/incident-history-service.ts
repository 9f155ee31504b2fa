/**
 * An incident's history for editors (REC-6): every version of the incident and of each of its actions,
 * with who made each change, when and why, from ONE Query of the incident's partition (the current
 * Incident, its IncidentVersion items, its Actions and their ActionVersion items). Readable by editors
 * who see every involved pupil's copy, deleted and merged incidents included; audited per pupil. An
 * earlier version with a category the editor may not see (say, recorded in Child protection and since
 * moved) is left out: what was protected when it was written stays protected.
 */
import { z } from 'zod';
import { authorisation } from '../access/authorisation';
import type { AuditLog } from '../audit/audit-log';
import { pupilAccessFacts } from '../pupils/pupil';
import { loadEditable } from './editable-incident';
import { IncidentNotFoundError } from './incident-errors';
import type { IncidentRepository } from './incident-repository';
import { ActionSchema, IncidentSchema, type Incident } from './incident';
import type { PupilReader, Viewer } from './viewer';

export const IncidentHistorySchema = z
  .object({
    /** The incident as it is now. */
    incident: IncidentSchema,
    /** Every earlier version, oldest first. */
    versions: z.array(IncidentSchema),
    actions: z.array(
      z.object({
        action: ActionSchema,
        /** Every earlier version of the action, oldest first. */
        versions: z.array(ActionSchema),
      }),
    ),
  })
  .meta({ id: 'IncidentHistory' });

export type IncidentHistory = z.output<typeof IncidentHistorySchema>;

export class IncidentHistoryService {
  constructor(
    private readonly deps: {
      readonly incidents: IncidentRepository;
      readonly pupils: PupilReader;
      readonly audit: AuditLog;
    },
  ) {}

  async history(viewer: Viewer, incidentId: string): Promise<IncidentHistory> {
    const schoolId = viewer.actor.schoolId;
    // The access check reads the Incident and its pupils; the history is the partition's one Query.
    const [{ incident: checked, pupils }, items] = await Promise.all([
      loadEditable(this.deps, viewer, incidentId),
      this.deps.incidents.history(schoolId, incidentId),
    ]);
    if (!items.incident) throw new IncidentNotFoundError();
    await Promise.all(
      checked.pupils.map((pupil) =>
        this.deps.audit.record(viewer.actor, {
          action: 'incident.read',
          resourceType: 'incident',
          resourceId: incidentId,
          pupilId: pupil.pupilId,
          detail: `history of incident ${checked.number}`,
        }),
      ),
    );
    const byVersion = (a: { version: number }, b: { version: number }) => a.version - b.version;
    const seenInFull = (version: Incident) =>
      version.pupils.every((involved) => {
        const pupil = pupils.get(involved.pupilId);
        return (
          pupil !== undefined &&
          authorisation.maySeeIncident(viewer.access, {
            pupil: pupilAccessFacts(pupil),
            categoryIds: involved.categoryIds,
          })
        );
      });
    return {
      incident: items.incident,
      versions: items.versions.filter(seenInFull).sort(byVersion),
      actions: [...items.actions]
        .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt))
        .map((action) => ({
          action,
          versions: items.actionVersions
            .filter((version) => version.actionId === action.actionId)
            .sort(byVersion),
        })),
    };
  }
}

/**
 * Merging one incident into another (REC-6 "Merge"): the incident recorded twice becomes an action of
 * the one the editor names by number, and so does each of its live actions, all marked mergedFrom. The
 * merged incident keeps its record and history with `mergedInto` set, and its chronology copies (and
 * their actions' copies, and its pins) leave every pupil's chronology, where the other incident now
 * shows its text as actions; the other incident's pupils gain the merged one's categories, so category
 * protection still covers the merged text. ONE TransactWrite, conditional on both versions.
 *
 * Refused, changing nothing: merging into itself, into a deleted or merged incident, into another
 * school's (numbers are per school, so it is never found), into one the editor may not see (answered
 * as a number no incident has, so it is not revealed), into an incident that does not involve
 * every pupil of the merged one, and a stale version. `confirm: false` only previews the other incident.
 */
import { z } from 'zod';
import { MAX_TRANSACTION_ITEMS } from '../pupils/transact-write-item';
import { actionCopyDelete, assignedDelete, copyDelete, pinDelete } from './edit-items';
import type { IncidentMerge } from './incident-changes';
import {
  loadEditable,
  refuseIfDeleted,
  refuseIfMerged,
  refuseIfStale,
  withoutFingerprint,
} from './editable-incident';
import { IncidentConflictError, IncidentFieldsError, IncidentNotFoundError } from './incident-errors';
import { actionCopyFor, actionCopyPut, actionPut, incidentPut, incidentVersionPut } from './incident-items';
import { allCategoryIds, copyFor } from './incident-records';
import type { Stored } from './incident-repository';
import { incidentRewrite, openAssignee } from './incident-rewrite';
import { InvolvementRoleSchema, StaffRefSchema, type Action, type Incident } from './incident';
import type { IncidentWriteDependencies } from './incident-service';
import { TransactionRefusedError, writeLabelled, type LabelledWrite } from './labelled-transaction';
import { staffRefOf, type Viewer } from './viewer';

/** What a merge answers: the incident merged into (a preview until confirmed). */
export const MergeResultSchema = z
  .object({
    merged: z.boolean(),
    into: z.object({
      incidentId: z.string().uuid(),
      number: z.number().int().positive(),
      pupilId: z.string().uuid(),
      occurredAt: z.iso.datetime(),
      recordedBy: StaffRefSchema,
      text: z.string(),
      pupils: z.array(
        z.object({ pupilId: z.string().uuid(), displayName: z.string(), role: InvolvementRoleSchema }),
      ),
      version: z.number().int().positive(),
    }),
  })
  .meta({ id: 'MergeResult' });

export type MergeResult = z.output<typeof MergeResultSchema>;

const FIELD = 'body.intoNumber';
const NO_SUCH_NUMBER = 'no incident has this number';

export class IncidentMergeService {
  constructor(private readonly deps: IncidentWriteDependencies) {}

  async merge(viewer: Viewer, incidentId: string, input: IncidentMerge): Promise<MergeResult> {
    const { deps } = this;
    const schoolId = viewer.actor.schoolId;
    const [{ incident: merged }, intoId] = await Promise.all([
      loadEditable(deps, viewer, incidentId),
      deps.incidents.incidentIdByNumber(schoolId, input.intoNumber),
    ]);
    refuseIfMerged(merged);
    refuseIfDeleted(merged);
    refuseIfStale(merged, input.version);
    if (intoId === merged.incidentId) {
      throw new IncidentFieldsError('invalid', [
        { field: FIELD, reason: 'is this incident: an incident cannot be merged into itself' },
      ]);
    }
    if (!intoId) throw new IncidentFieldsError('invalid', [{ field: FIELD, reason: NO_SUCH_NUMBER }]);
    const { incident: into } = await loadEditable(deps, viewer, intoId).catch((error: unknown) => {
      // One the editor may not see is answered as a number no incident has, so it is not revealed.
      if (error instanceof IncidentNotFoundError) {
        throw new IncidentFieldsError('invalid', [{ field: FIELD, reason: NO_SUCH_NUMBER }]);
      }
      throw error;
    });
    if (into.schoolId !== merged.schoolId) {
      throw new IncidentFieldsError('invalid', [{ field: FIELD, reason: 'is another school’s incident' }]);
    }
    if (into.deleted) throw new IncidentFieldsError('invalid', [{ field: FIELD, reason: 'is deleted' }]);
    if (into.mergedInto) {
      throw new IncidentFieldsError('invalid', [{ field: FIELD, reason: 'was itself merged into another' }]);
    }
    const missing = merged.pupils.filter(
      (pupil) => !into.pupils.some((other) => other.pupilId === pupil.pupilId),
    );
    if (missing.length > 0) {
      throw new IncidentFieldsError('invalid', [
        {
          field: FIELD,
          reason: `does not involve every pupil of this incident (${missing.length} missing): link them to it first`,
        },
      ]);
    }

    if (!input.confirm) {
      await this.audited(
        viewer,
        into,
        `previewed to merge incident ${merged.number} into it`,
        'incident.read',
      );
      return { merged: false, into: summaryOf(into) };
    }

    const actions = await deps.incidents.actionsOf(schoolId, merged.incidentId);
    const { next, writes } = this.plan(viewer, merged, into, actions, input.reason);
    if (writes.length > MAX_TRANSACTION_ITEMS) {
      throw new IncidentFieldsError('invalid', [
        { field: FIELD, reason: 'these incidents have too many pupils and actions to merge in one change' },
      ]);
    }
    try {
      await writeLabelled(deps.dynamo, writes);
    } catch (error) {
      if (!(error instanceof TransactionRefusedError)) throw error;
      throw new IncidentConflictError(
        'One of the incidents changed while merging. Reload and try again.',
        'body.version',
      );
    }
    await Promise.all([
      this.audited(viewer, next, `merged incident ${merged.number} into it (version ${next.version})`),
      this.audited(viewer, merged, `merged into incident ${into.number}`),
    ]);
    return { merged: true, into: summaryOf(next) };
  }

  private plan(
    viewer: Viewer,
    merged: Stored<Incident>,
    into: Stored<Incident>,
    actions: readonly Action[],
    reason: string,
  ): { next: Incident; writes: LabelledWrite[] } {
    const { tableName } = this.deps;
    const at = this.deps.now().toISOString();
    const editor = staffRefOf(viewer);
    const live = actions.filter((action) => !action.deleted && !action.splitInto);
    const moved = (action: Omit<Action, 'incidentId'>): Action => ({
      ...action,
      incidentId: into.incidentId,
      mergedFrom: merged.incidentId,
      version: 1,
      updatedAt: at,
      updatedBy: editor,
      changeReason: reason,
    });
    const newActions: Action[] = [
      // The merged incident itself: its id as the action's, so the merge can only ever happen once.
      moved({
        actionId: merged.incidentId,
        schoolId: merged.schoolId,
        text: merged.text,
        categoryIds: allCategoryIds(merged),
        agencyIds: merged.agencyIds,
        occurredAt: merged.occurredAt,
        recordedAt: merged.recordedAt,
        recordedBy: merged.recordedBy,
        pupilIds: merged.pupils.map((pupil) => pupil.pupilId),
        documentIds: merged.documentIds,
        training: merged.training,
        version: 1,
        updatedAt: at,
        updatedBy: editor,
      }),
      ...live.map((action) => moved(withoutDeletion(action))),
    ];
    const gains = new Map<string, string[]>();
    for (const pupil of merged.pupils) gains.set(pupil.pupilId, [...pupil.categoryIds]);
    for (const action of live) {
      for (const pupilId of action.pupilIds) gains.get(pupilId)?.push(...action.categoryIds);
    }
    const next: Incident = {
      ...withoutFingerprint(into),
      pupils: into.pupils.map((pupil) => ({
        ...pupil,
        categoryIds: [...new Set([...pupil.categoryIds, ...(gains.get(pupil.pupilId) ?? [])])],
      })),
      version: into.version + 1,
      updatedAt: at,
      updatedBy: editor,
      changeReason: reason,
    };
    const mergedNext: Incident = {
      ...withoutFingerprint(merged),
      mergedInto: into.incidentId,
      version: merged.version + 1,
      updatedAt: at,
      updatedBy: editor,
      changeReason: reason,
    };
    const wasAssigned = openAssignee(merged);
    const writes: LabelledWrite[] = [
      ...incidentRewrite(tableName, into, next, []),
      ...newActions.flatMap((action): LabelledWrite[] => [
        { label: 'merged-action', item: actionPut(tableName, action, { requestHash: '' }) },
        ...action.pupilIds.map((pupilId) => ({
          label: 'merged-action',
          item: actionCopyPut(tableName, actionCopyFor(action, pupilId), into.occurredAt),
        })),
      ]),
      {
        label: 'merged',
        item: incidentPut(tableName, mergedNext, { requestHash: merged.requestHash }, merged.version),
      },
      { label: 'merged', item: incidentVersionPut(tableName, merged) },
      ...merged.pupils.flatMap((pupil): LabelledWrite[] => [
        { label: 'merged', item: copyDelete(tableName, copyFor(merged, pupil.pupilId)) },
        { label: 'pin', item: pinDelete(tableName, merged.schoolId, pupil.pupilId, merged.incidentId) },
      ]),
      ...actions
        .filter((action) => !action.splitInto)
        .flatMap((action) =>
          action.pupilIds.map((pupilId) => ({
            label: 'merged',
            item: actionCopyDelete(tableName, action, pupilId, merged.occurredAt),
          })),
        ),
      ...(wasAssigned
        ? [
            {
              label: 'assigned',
              item: assignedDelete(tableName, merged.schoolId, wasAssigned.personId, merged.incidentId),
            },
          ]
        : []),
    ];
    return { next, writes };
  }

  private async audited(
    viewer: Viewer,
    incident: Incident,
    detail: string,
    action: 'incident.read' | 'incident.update' = 'incident.update',
  ): Promise<void> {
    await Promise.all(
      incident.pupils.map((pupil) =>
        this.deps.audit.record(viewer.actor, {
          action,
          resourceType: 'incident',
          resourceId: incident.incidentId,
          pupilId: pupil.pupilId,
          detail: `incident ${incident.number}: ${detail}`,
        }),
      ),
    );
  }
}

function withoutDeletion(action: Action): Action {
  const { deleted: _deleted, splitInto: _split, changeReason: _reason, ...rest } = action;
  return rest;
}

function summaryOf(incident: Incident): MergeResult['into'] {
  return {
    incidentId: incident.incidentId,
    number: incident.number,
    pupilId: incident.pupilId,
    occurredAt: incident.occurredAt,
    recordedBy: incident.recordedBy,
    text: incident.text,
    pupils: incident.pupils.map(({ pupilId, displayName, role }) => ({ pupilId, displayName, role })),
    version: incident.version,
  };
}

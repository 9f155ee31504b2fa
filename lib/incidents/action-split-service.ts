/**
 * Splitting an action out as an incident of its own (REC-6 "Split as Incident"). The new incident gets
 * the school's next number (the same atomic counter as adding one; a failed split leaves a gap, never a
 * duplicate), the action's text, time and recorder, and the pupils the action was on with their roles;
 * each keeps their categories on the incident unless the editor chooses others. The action keeps its
 * record with `splitInto` set, and its copies leave the old incident on every pupil's chronology. ONE
 * TransactWrite; the client's id for the new incident makes a retry return the first result.
 */
import { MAX_TRANSACTION_ITEMS } from '../pupils/transact-write-item';
import { actionCopyDelete } from './edit-items';
import type { ActionSplit } from './incident-changes';
import {
  loadEditable,
  refuseIfDeleted,
  refuseIfMerged,
  refuseIfStale,
  withoutFingerprint,
} from './editable-incident';
import {
  FieldRefusals,
  IncidentConflictError,
  IncidentFieldsError,
  IncidentNotFoundError,
} from './incident-errors';
import {
  actionPut,
  actionVersionPut,
  categoryUsePut,
  copyPut,
  incidentNumberPut,
  incidentPut,
  incidentUnchanged,
} from './incident-items';
import { allCategoryIds, copyFor } from './incident-records';
import type { IncidentReceipt } from './incident-views';
import type { Action, Incident } from './incident';
import type { IncidentWriteDependencies } from './incident-service';
import { TransactionRefusedError, writeLabelled, type LabelledWrite } from './labelled-transaction';
import { checkCategories } from './record-checks';
import { requestFingerprint } from './request-fingerprint';
import { staffRefOf, type Viewer } from './viewer';

function receiptOf(incident: Incident): IncidentReceipt {
  return {
    incidentId: incident.incidentId,
    number: incident.number,
    pupilId: incident.pupilId,
    occurredAt: incident.occurredAt,
    recordedAt: incident.recordedAt,
  };
}

export class ActionSplitService {
  constructor(private readonly deps: IncidentWriteDependencies) {}

  async split(
    viewer: Viewer,
    incidentId: string,
    actionId: string,
    input: ActionSplit,
  ): Promise<{ receipt: IncidentReceipt; created: boolean }> {
    const { deps } = this;
    const schoolId = viewer.actor.schoolId;
    const [{ incident }, action, existing, reference] = await Promise.all([
      loadEditable(deps, viewer, incidentId),
      deps.incidents.getAction(schoolId, incidentId, actionId),
      deps.incidents.getIncident(schoolId, input.incidentId),
      deps.reference(schoolId),
    ]);
    if (!action) throw new IncidentNotFoundError('action');
    if (action.splitInto !== undefined) {
      if (action.splitInto === input.incidentId && existing) {
        return { receipt: receiptOf(existing), created: false };
      }
      throw new IncidentConflictError('This action was already split out as an incident.', 'actionId');
    }
    if (existing) {
      throw new IncidentConflictError(
        'This incident id was already used for a different incident. Start again.',
        'body.incidentId',
      );
    }
    refuseIfMerged(incident);
    refuseIfDeleted(incident);
    if (action.deleted) {
      throw new IncidentConflictError('This action is deleted: restore it before splitting it.', 'actionId');
    }
    refuseIfStale(action, input.version);
    if (input.categoryIds) {
      const refusals = new FieldRefusals();
      checkCategories(input.categoryIds, 'body.categoryIds', reference, viewer.access, refusals);
      refusals.throwIfAny();
    }

    const at = deps.now().toISOString();
    const editor = staffRefOf(viewer);
    const involved = incident.pupils.filter((pupil) => action.pupilIds.includes(pupil.pupilId));
    const pupils = involved.map((pupil) => ({
      ...pupil,
      categoryIds: input.categoryIds ?? [...new Set([...pupil.categoryIds, ...action.categoryIds])],
    }));
    const nextAction: Action = {
      ...withoutFingerprint(action),
      splitInto: input.incidentId,
      version: action.version + 1,
      updatedAt: at,
      updatedBy: editor,
      changeReason: input.reason,
    };
    const draft = (number: number): Incident => ({
      incidentId: input.incidentId,
      schoolId,
      number,
      pupilId: pupils[0]!.pupilId,
      pupils,
      text: action.text,
      occurredAt: action.occurredAt,
      recordedAt: action.recordedAt,
      recordedBy: action.recordedBy,
      status: 'active',
      agencyIds: action.agencyIds,
      bodyMap: [],
      alertedPersonIds: [],
      // Attached files stay linked to the action they were added with.
      documentIds: [],
      training: action.training,
      version: 1,
      updatedAt: at,
      updatedBy: editor,
      changeReason: input.reason,
    });
    const requestHash = requestFingerprint({ ...input, fromIncidentId: incidentId, actionId });
    const writes = (created: Incident): LabelledWrite[] => [
      { label: 'incident', item: incidentPut(deps.tableName, created, { requestHash }) },
      { label: 'number', item: incidentNumberPut(deps.tableName, created) },
      ...created.pupils.map((pupil) => ({
        label: 'copy',
        item: copyPut(deps.tableName, copyFor(created, pupil.pupilId)),
      })),
      ...allCategoryIds(created).map((categoryId) => ({
        label: 'category-use',
        item: categoryUsePut(deps.tableName, schoolId, categoryId, created.incidentId, at),
      })),
      ...(input.categoryIds ?? []).map((categoryId) => ({
        label: `category:${categoryId}`,
        item: deps.categoryCheck(schoolId, categoryId),
      })),
      {
        label: 'action',
        item: actionPut(deps.tableName, nextAction, { requestHash: action.requestHash }, action.version),
      },
      { label: 'action', item: actionVersionPut(deps.tableName, withoutFingerprint(action)) },
      ...action.pupilIds.map((pupilId) => ({
        label: 'action',
        item: actionCopyDelete(deps.tableName, action, pupilId, incident.occurredAt),
      })),
      { label: 'action', item: incidentUnchanged(deps.tableName, incident) },
    ];
    // Sized before the counter moves, so a refusal uses no number.
    if (writes(draft(1)).length > MAX_TRANSACTION_ITEMS) {
      throw new IncidentFieldsError('invalid', [
        { field: 'body.categoryIds', reason: 'too many pupils and categories to split in one change' },
      ]);
    }
    const created = draft(await deps.incidents.nextNumber(schoolId));
    try {
      await writeLabelled(deps.dynamo, writes(created));
    } catch (error) {
      if (!(error instanceof TransactionRefusedError)) throw error;
      const closed = error.refusedBy('category:');
      if (closed.length > 0) {
        throw new IncidentFieldsError('invalid', [
          { field: 'body.categoryIds', reason: 'a category was disabled or merged just now' },
        ]);
      }
      throw new IncidentConflictError(
        'The action or its incident changed while splitting it. Reload it and try again.',
        'body.version',
      );
    }
    await Promise.all(
      created.pupils.flatMap((pupil) => [
        deps.audit.record(viewer.actor, {
          action: 'incident.create',
          resourceType: 'incident',
          resourceId: created.incidentId,
          pupilId: pupil.pupilId,
          detail: `incident ${created.number}, split from an action of incident ${incident.number}`,
        }),
        deps.audit.record(viewer.actor, {
          action: 'incident.update',
          resourceType: 'action',
          resourceId: action.actionId,
          pupilId: pupil.pupilId,
          detail: `action on incident ${incident.number} split out as incident ${created.number}`,
        }),
      ]),
    );
    return { receipt: receiptOf(created), created: true };
  }
}

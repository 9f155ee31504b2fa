/**
 * Editing, deleting and restoring an action (REC-6), as for incidents: against the version read, with
 * a reason, the earlier version kept as an ActionVersion item, and the Action and every pupil's copy of
 * it changed in ONE TransactWrite, held to the incident as read (a deleted or merged incident's actions
 * are not changed). Deleting only marks the action; restoring takes the marker away.
 */
import { MAX_TRANSACTION_ITEMS } from '../pupils/transact-write-item';
import { actionCopyDelete } from './edit-items';
import type { ActionEdit, IncidentChange } from './incident-changes';
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
  actionCopyFor,
  actionCopyPut,
  actionPut,
  actionVersionPut,
  incidentUnchanged,
} from './incident-items';
import { utc } from './incident-records';
import type { Stored } from './incident-repository';
import type { Action, Incident } from './incident';
import type { IncidentWriteDependencies } from './incident-service';
import { TransactionRefusedError, writeLabelled, type LabelledWrite } from './labelled-transaction';
import { checkAgencies, checkNotInFuture } from './record-checks';
import { staffRefOf, type Viewer } from './viewer';

export class ActionEditService {
  constructor(private readonly deps: IncidentWriteDependencies) {}

  async edit(viewer: Viewer, incidentId: string, actionId: string, input: ActionEdit): Promise<Action> {
    const { incident, action } = await this.load(viewer, incidentId, actionId);
    if (action.deleted) {
      throw new IncidentConflictError('This action is deleted: restore it before changing it.', 'actionId');
    }
    refuseIfStale(action, input.version);
    const reference = await this.deps.reference(viewer.actor.schoolId);
    const refusals = new FieldRefusals();
    const now = this.deps.now();
    let next = this.nextVersion(viewer, action, input.reason, now.toISOString());
    const changed: string[] = [];
    if (input.text !== undefined && input.text !== action.text) {
      next = { ...next, text: input.text };
      changed.push('text');
    }
    if (input.occurredAt !== undefined && utc(input.occurredAt) !== action.occurredAt) {
      checkNotInFuture(input.occurredAt, now, 'body.occurredAt', refusals);
      next = { ...next, occurredAt: utc(input.occurredAt) };
      changed.push('time');
    }
    if (input.agencyIds !== undefined) {
      const added = input.agencyIds.filter((id) => !action.agencyIds.includes(id));
      const removed = action.agencyIds.filter((id) => !input.agencyIds!.includes(id));
      checkAgencies(added, 'body.agencyIds', reference, refusals);
      if (added.length > 0 || removed.length > 0) {
        next = { ...next, agencyIds: [...new Set(input.agencyIds)] };
        changed.push('agencies');
      }
    }
    refusals.throwIfAny();
    if (changed.length === 0) {
      throw new IncidentFieldsError('invalid', [{ field: 'body', reason: 'changes nothing in the action' }]);
    }
    await this.replace(incident, action, next);
    await this.audited(viewer, incident, next, `edited ${changed.join(', ')} (version ${next.version})`);
    return next;
  }

  async delete(viewer: Viewer, incidentId: string, actionId: string, input: IncidentChange): Promise<Action> {
    const { incident, action } = await this.load(viewer, incidentId, actionId);
    if (action.deleted) throw new IncidentConflictError('This action is already deleted.', 'actionId');
    refuseIfStale(action, input.version);
    const at = this.deps.now().toISOString();
    const next: Action = {
      ...this.nextVersion(viewer, action, input.reason, at),
      deleted: { at, by: staffRefOf(viewer), reason: input.reason },
    };
    await this.replace(incident, action, next);
    await this.audited(viewer, incident, next, `deleted (version ${next.version})`);
    return next;
  }

  async restore(
    viewer: Viewer,
    incidentId: string,
    actionId: string,
    input: IncidentChange,
  ): Promise<Action> {
    const { incident, action } = await this.load(viewer, incidentId, actionId);
    if (!action.deleted) throw new IncidentConflictError('This action is not deleted.', 'actionId');
    refuseIfStale(action, input.version);
    const { deleted: _marker, ...live } = this.nextVersion(
      viewer,
      action,
      input.reason,
      this.deps.now().toISOString(),
    );
    await this.replace(incident, action, live);
    await this.audited(viewer, incident, live, `restored (version ${live.version})`);
    return live;
  }

  private async load(
    viewer: Viewer,
    incidentId: string,
    actionId: string,
  ): Promise<{ incident: Stored<Incident>; action: Stored<Action> }> {
    const [{ incident }, action] = await Promise.all([
      loadEditable(this.deps, viewer, incidentId),
      this.deps.incidents.getAction(viewer.actor.schoolId, incidentId, actionId),
    ]);
    if (!action) throw new IncidentNotFoundError('action');
    refuseIfMerged(incident);
    refuseIfDeleted(incident);
    if (action.splitInto !== undefined) {
      throw new IncidentConflictError('This action was split out as its own incident: change that instead.');
    }
    return { incident, action };
  }

  private nextVersion(viewer: Viewer, action: Stored<Action>, reason: string, at: string): Action {
    return {
      ...withoutFingerprint(action),
      version: action.version + 1,
      updatedAt: at,
      updatedBy: staffRefOf(viewer),
      changeReason: reason,
    };
  }

  private async replace(incident: Incident, previous: Stored<Action>, next: Action): Promise<void> {
    const { tableName } = this.deps;
    const moved = previous.occurredAt !== next.occurredAt;
    const writes: LabelledWrite[] = [
      {
        label: 'action',
        item: actionPut(tableName, next, { requestHash: previous.requestHash }, previous.version),
      },
      { label: 'action-version', item: actionVersionPut(tableName, withoutFingerprint(previous)) },
      { label: 'incident', item: incidentUnchanged(tableName, incident) },
      ...next.pupilIds.flatMap((pupilId): LabelledWrite[] =>
        moved
          ? [
              {
                label: 'action',
                item: actionCopyDelete(tableName, previous, pupilId, incident.occurredAt),
              },
              {
                label: 'action-copy',
                item: actionCopyPut(tableName, actionCopyFor(next, pupilId), incident.occurredAt),
              },
            ]
          : [
              {
                label: 'action',
                item: actionCopyPut(
                  tableName,
                  actionCopyFor(next, pupilId),
                  incident.occurredAt,
                  previous.version,
                ),
              },
            ],
      ),
    ];
    if (writes.length > MAX_TRANSACTION_ITEMS) {
      throw new IncidentFieldsError('invalid', [
        { field: 'body.occurredAt', reason: 'this action is on too many pupils to move in one change' },
      ]);
    }
    try {
      await writeLabelled(this.deps.dynamo, writes);
    } catch (error) {
      if (!(error instanceof TransactionRefusedError)) throw error;
      throw new IncidentConflictError(
        'The action or its incident changed while you were changing it. Reload it and make the change again.',
        'body.version',
      );
    }
  }

  private async audited(viewer: Viewer, incident: Incident, action: Action, detail: string): Promise<void> {
    await Promise.all(
      action.pupilIds.map((pupilId) =>
        this.deps.audit.record(viewer.actor, {
          action: 'incident.update',
          resourceType: 'action',
          resourceId: action.actionId,
          pupilId,
          detail: `action on incident ${incident.number} ${detail}`,
        }),
      ),
    );
  }
}

/**
 * Editing, deleting and restoring an incident (REC-6). Each is made against the version the editor
 * read and with a reason; the earlier version is kept, and the Incident, every pupil's copy, category
 * uses and the assignee's dashboard entry change in ONE TransactWrite (incident-rewrite.ts). Deleting
 * only marks the incident (who, when, why): nothing is removed, and restoring takes the marker away.
 * Every refusal changes nothing: a stale version or a raced change is 409, bad fields 400.
 */
import { authorisation } from '../access/authorisation';
import { MAX_TRANSACTION_ITEMS } from '../pupils/transact-write-item';
import type { IncidentChange, IncidentEdit } from './incident-changes';
import {
  loadEditable,
  refuseIfDeleted,
  refuseIfMerged,
  refuseIfStale,
  withoutFingerprint,
} from './editable-incident';
import { FieldRefusals, IncidentConflictError, IncidentFieldsError } from './incident-errors';
import { utc } from './incident-records';
import type { Stored } from './incident-repository';
import { incidentRewrite } from './incident-rewrite';
import type { Incident } from './incident';
import type { IncidentWriteDependencies } from './incident-service';
import { TransactionRefusedError, writeLabelled, type LabelledWrite } from './labelled-transaction';
import { checkAgencies, checkNotInFuture, checkReferral } from './record-checks';
import type { SchoolReference } from './school-reference';
import { staffRefOf, type Viewer } from './viewer';

export class IncidentEditService {
  constructor(private readonly deps: IncidentWriteDependencies) {}

  async edit(viewer: Viewer, incidentId: string, input: IncidentEdit): Promise<Incident> {
    const { deps } = this;
    const schoolId = viewer.actor.schoolId;
    const [{ incident }, actions, reference, assigneeHasKey] = await Promise.all([
      loadEditable(deps, viewer, incidentId),
      deps.incidents.actionsOf(schoolId, incidentId),
      deps.reference(schoolId),
      typeof input.assignedTo === 'string' ? deps.keyHolder(input.assignedTo) : Promise.resolve(false),
    ]);
    refuseIfMerged(incident);
    refuseIfDeleted(incident);
    refuseIfStale(incident, input.version);

    const { next, changed, addedCategories } = this.edited(
      viewer,
      incident,
      input,
      reference,
      assigneeHasKey,
    );
    if (changed.length === 0) {
      throw new IncidentFieldsError('invalid', [
        { field: 'body', reason: 'changes nothing in the incident' },
      ]);
    }
    const writes: LabelledWrite[] = [
      ...incidentRewrite(deps.tableName, incident, next, actions),
      ...addedCategories.map((categoryId) => ({
        label: `category:${categoryId}`,
        item: deps.categoryCheck(schoolId, categoryId),
      })),
    ];
    if (writes.length > MAX_TRANSACTION_ITEMS) {
      throw new IncidentFieldsError('invalid', [
        {
          field: 'body.occurredAt',
          reason: 'this incident has too many actions and pupils to move to another time in one change',
        },
      ]);
    }
    await this.write(writes);
    await this.audited(viewer, next, `edited ${changed.join(', ')} (version ${next.version})`);
    return next;
  }

  async delete(viewer: Viewer, incidentId: string, input: IncidentChange): Promise<Incident> {
    const { incident } = await loadEditable(this.deps, viewer, incidentId);
    refuseIfMerged(incident);
    if (incident.deleted) {
      throw new IncidentConflictError('This incident is already deleted.', 'incidentId');
    }
    refuseIfStale(incident, input.version);
    const at = this.deps.now().toISOString();
    const by = staffRefOf(viewer);
    const next: Incident = {
      ...this.nextVersion(viewer, incident, input.reason, at),
      deleted: { at, by, reason: input.reason },
    };
    await this.replace(incident, next);
    await this.audited(viewer, next, `deleted (version ${next.version})`);
    return next;
  }

  async restore(viewer: Viewer, incidentId: string, input: IncidentChange): Promise<Incident> {
    const { incident } = await loadEditable(this.deps, viewer, incidentId);
    refuseIfMerged(incident);
    if (!incident.deleted) throw new IncidentConflictError('This incident is not deleted.', 'incidentId');
    refuseIfStale(incident, input.version);
    const { deleted: _marker, ...live } = this.nextVersion(
      viewer,
      incident,
      input.reason,
      this.deps.now().toISOString(),
    );
    await this.replace(incident, live);
    await this.audited(viewer, live, `restored (version ${live.version})`);
    return live;
  }

  /** The incident as the edit leaves it, which fields changed, and categories newly recorded. */
  private edited(
    viewer: Viewer,
    incident: Stored<Incident>,
    input: IncidentEdit,
    reference: SchoolReference,
    assigneeHasKey: boolean,
  ): { next: Incident; changed: string[]; addedCategories: string[] } {
    const refusals = new FieldRefusals();
    const now = this.deps.now();
    const at = now.toISOString();
    const editor = staffRefOf(viewer);
    let next = this.nextVersion(viewer, incident, input.reason, at);
    const changed: string[] = [];

    if (input.text !== undefined && input.text !== incident.text) {
      next = { ...next, text: input.text };
      changed.push('text');
    }
    if (input.occurredAt !== undefined && utc(input.occurredAt) !== incident.occurredAt) {
      checkNotInFuture(input.occurredAt, now, 'body.occurredAt', refusals);
      next = { ...next, occurredAt: utc(input.occurredAt) };
      changed.push('time');
    }
    if (input.status !== undefined && input.status !== incident.status) {
      next = { ...next, status: input.status };
      changed.push('status');
    }
    if (input.assignedTo === null && incident.assignedTo) {
      const { assignedTo: _gone, ...unassigned } = next;
      next = unassigned;
      changed.push('assignee');
    } else if (typeof input.assignedTo === 'string' && input.assignedTo !== incident.assignedTo?.personId) {
      const member = reference.members.get(input.assignedTo);
      if (member?.status !== 'active' || !assigneeHasKey) {
        refusals.add('invalid', 'body.assignedTo', 'must be an active member of staff with a key');
      } else {
        next = { ...next, assignedTo: { personId: member.personId, name: member.displayName } };
        changed.push('assignee');
      }
    }
    if (input.agencyIds !== undefined && !sameSet(input.agencyIds, incident.agencyIds)) {
      const added = input.agencyIds.filter((id) => !incident.agencyIds.includes(id));
      // Agencies already on record stay acceptable even if disabled since; new ones must be open.
      checkAgencies(added, 'body.agencyIds', reference, refusals);
      next = { ...next, agencyIds: [...new Set(input.agencyIds)] };
      changed.push('agencies');
    }
    if (input.referral !== undefined) {
      checkReferral(input.referral, 'body.referral', reference, refusals);
      next = { ...next, referral: { ...input.referral, decidedAt: at, decidedBy: editor } };
      changed.push('referral');
    }
    const addedCategories = new Set<string>();
    if (input.pupils !== undefined) {
      const seen = new Set<string>();
      const edits = new Map(input.pupils.map((entry) => [entry.pupilId, entry]));
      input.pupils.forEach((entry, index) => {
        const field = `body.pupils.${index}`;
        const current = incident.pupils.find((pupil) => pupil.pupilId === entry.pupilId);
        if (!current) refusals.add('invalid', `${field}.pupilId`, 'is not involved in this incident');
        else if (seen.has(entry.pupilId))
          refusals.add('invalid', `${field}.pupilId`, 'is listed more than once');
        seen.add(entry.pupilId);
        entry.categoryIds.forEach((categoryId, categoryIndex) => {
          if (current?.categoryIds.includes(categoryId)) return;
          const reason = this.categoryRefusal(viewer, reference, categoryId);
          if (reason) refusals.add(reason.kind, `${field}.categoryIds.${categoryIndex}`, reason.reason);
          else addedCategories.add(categoryId);
        });
      });
      const pupils = incident.pupils.map((pupil) => {
        const edit = edits.get(pupil.pupilId);
        return edit ? { ...pupil, role: edit.role, categoryIds: edit.categoryIds } : pupil;
      });
      const differs = pupils.some(
        (pupil, index) =>
          pupil.role !== incident.pupils[index]!.role ||
          !sameSet(pupil.categoryIds, incident.pupils[index]!.categoryIds),
      );
      if (differs) {
        next = { ...next, pupils };
        changed.push('pupils');
      }
    }
    refusals.throwIfAny();
    return { next, changed, addedCategories: [...addedCategories] };
  }

  /** Why this editor may not newly record this category, if they may not. */
  private categoryRefusal(
    viewer: Viewer,
    reference: SchoolReference,
    categoryId: string,
  ): { kind: 'invalid' | 'forbidden'; reason: string } | undefined {
    const category = reference.categories.get(categoryId);
    if (!category) return { kind: 'invalid', reason: 'no such category' };
    if (category.mergedInto !== undefined)
      return { kind: 'invalid', reason: 'was merged into another category' };
    if (category.disabled) return { kind: 'invalid', reason: `${category.name} is disabled` };
    if (!authorisation.mayAddIncident(viewer.access, [categoryId])) {
      return { kind: 'forbidden', reason: `your user group may not record in ${category.name}` };
    }
    return undefined;
  }

  private nextVersion(viewer: Viewer, incident: Stored<Incident>, reason: string, at: string): Incident {
    return {
      ...withoutFingerprint(incident),
      version: incident.version + 1,
      updatedAt: at,
      updatedBy: staffRefOf(viewer),
      changeReason: reason,
    };
  }

  /** Delete and restore: the incident and its copies change; its actions' copies stay where they are. */
  private async replace(previous: Stored<Incident>, next: Incident): Promise<void> {
    await this.write(incidentRewrite(this.deps.tableName, previous, next, []));
  }

  private async write(writes: readonly LabelledWrite[]): Promise<void> {
    try {
      await writeLabelled(this.deps.dynamo, writes);
    } catch (error) {
      if (!(error instanceof TransactionRefusedError)) throw error;
      const closed = error.refusedBy('category:').map((label) => label.slice('category:'.length));
      if (closed.length > 0) {
        throw new IncidentFieldsError(
          'invalid',
          closed.map((categoryId) => ({
            field: 'body.pupils',
            reason: `category ${categoryId} was disabled or merged just now`,
          })),
        );
      }
      throw new IncidentConflictError(
        'The incident changed while you were changing it. Reload it and make the change again.',
        'body.version',
      );
    }
  }

  private async audited(viewer: Viewer, incident: Incident, detail: string): Promise<void> {
    await Promise.all(
      incident.pupils.map((pupil) =>
        this.deps.audit.record(viewer.actor, {
          action: 'incident.update',
          resourceType: 'incident',
          resourceId: incident.incidentId,
          pupilId: pupil.pupilId,
          detail: `incident ${incident.number} ${detail}`,
        }),
      ),
    );
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((value) => right.has(value));
}

/**
 * The writes that replace an incident with its next version (REC-6), for one TransactWrite: the
 * Incident (conditional on the version read), the earlier version kept as an IncidentVersion item,
 * every pupil's copy rewritten (moved, with every action copy under it, when the time it happened
 * changes), CategoryUse items for categories it starts or stops using, and the assignee's dashboard
 * entry (an open, live incident keeps one; closing, deleting or re-assigning moves or removes it).
 */
import type { Action, Incident, StaffRef } from './incident';
import { assignedPut, type DashboardSubject } from './dashboard-items';
import { actionCopyDelete, assignedDelete, copyDelete } from './edit-items';
import {
  actionCopyFor,
  actionCopyPut,
  categoryUseDelete,
  categoryUsePut,
  copyPut,
  incidentPut,
  incidentVersionPut,
} from './incident-items';
import { allCategoryIds, copyFor } from './incident-records';
import type { Stored } from './incident-repository';
import type { LabelledWrite } from './labelled-transaction';

/** Whose dashboard shows the incident as an open assignment: only while it is active and live. */
export function openAssignee(incident: Incident): StaffRef | undefined {
  const live = incident.deleted === undefined && incident.mergedInto === undefined;
  return live && incident.status === 'active' ? incident.assignedTo : undefined;
}

export function dashboardSubjectOf(incident: Incident): DashboardSubject {
  const subject = incident.pupils[0]!;
  return {
    schoolId: incident.schoolId,
    incidentId: incident.incidentId,
    number: incident.number,
    pupilId: subject.pupilId,
    pupilDisplayName: subject.displayName,
    categoryIds: subject.categoryIds,
  };
}

export function incidentRewrite(
  tableName: string,
  previous: Stored<Incident>,
  next: Incident,
  /** Every action of the incident: their copies move with it when its time changes. */
  actions: readonly Action[],
): LabelledWrite[] {
  const { requestHash } = previous;
  const moved = previous.occurredAt !== next.occurredAt;
  const writes: LabelledWrite[] = [
    // The incident keeps the digest of the request that created it, so a retry of that request still matches.
    { label: 'incident', item: incidentPut(tableName, next, { requestHash }, previous.version) },
    { label: 'incident-version', item: incidentVersionPut(tableName, previous) },
  ];
  for (const pupil of next.pupils) {
    const copy = copyFor(next, pupil.pupilId);
    if (moved) {
      writes.push(
        { label: 'incident', item: copyDelete(tableName, copyFor(previous, pupil.pupilId)) },
        { label: 'copy', item: copyPut(tableName, copy) },
      );
    } else {
      writes.push({ label: 'incident', item: copyPut(tableName, copy, previous.version) });
    }
  }
  if (moved) {
    // Actions split out have no copies left to move.
    for (const action of actions.filter((entry) => entry.splitInto === undefined)) {
      for (const pupilId of action.pupilIds) {
        writes.push(
          { label: 'action', item: actionCopyDelete(tableName, action, pupilId, previous.occurredAt) },
          {
            label: 'action-copy',
            item: actionCopyPut(tableName, actionCopyFor(action, pupilId), next.occurredAt),
          },
        );
      }
    }
  }
  const before = allCategoryIds(previous);
  const after = allCategoryIds(next);
  const byActions = new Set(actions.flatMap((action) => action.categoryIds));
  for (const categoryId of after.filter((id) => !before.includes(id))) {
    writes.push({
      label: 'category-use',
      item: categoryUsePut(tableName, next.schoolId, categoryId, next.incidentId, next.updatedAt),
    });
  }
  for (const categoryId of before.filter((id) => !after.includes(id) && !byActions.has(id))) {
    writes.push({
      label: 'category-use',
      item: categoryUseDelete(tableName, next.schoolId, categoryId, next.incidentId),
    });
  }
  const was = openAssignee(previous);
  const now = openAssignee(next);
  if (was && was.personId !== now?.personId) {
    writes.push({
      label: 'assigned',
      item: assignedDelete(tableName, next.schoolId, was.personId, next.incidentId),
    });
  }
  // The entry names the subject's categories (the dashboard filters by them): rewrite it when they change.
  const subjectChanged = !sameList(previous.pupils[0]!.categoryIds, next.pupils[0]!.categoryIds);
  if (now && (now.personId !== was?.personId || subjectChanged)) {
    writes.push({
      label: 'assigned',
      item: assignedPut(tableName, dashboardSubjectOf(next), now, next.updatedBy, next.updatedAt),
    });
  }
  return writes;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value) => b.includes(value));
}

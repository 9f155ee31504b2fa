/**
 * Rewrites one incident from one category to another (the categories admin's irreversible merge):
 * the Incident and every pupil's copy, each action naming the category and its copies, and the
 * CategoryUse items. Earlier versions are kept, as for any change. Actions are rewritten first, a few
 * per transaction, and the incident last; each transaction is conditional on the versions it read, so
 * running it again after a failure finishes the job without doing any part twice.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { MAX_TRANSACTION_ITEMS } from '../pupils/transact-write-item';
import {
  actionCopyFor,
  actionCopyPut,
  actionPut,
  actionVersionPut,
  categoryUseDelete,
  categoryUsePut,
  copyPut,
  incidentPut,
  incidentVersionPut,
} from './incident-items';
import { copyFor } from './incident-records';
import { IncidentRepository, type Stored } from './incident-repository';
import type { Action, Incident, StaffRef } from './incident';
import { writeLabelled, type LabelledWrite } from './labelled-transaction';

function replaced(categoryIds: readonly string[], from: string, to: string): string[] {
  return [...new Set(categoryIds.map((categoryId) => (categoryId === from ? to : categoryId)))];
}

export interface IncidentCategoryRewriter {
  /** Answers whether anything changed (false when the incident does not use `from`, or does not exist). */
  replaceCategoryOnIncident(schoolId: string, incidentId: string, from: string, to: string): Promise<boolean>;
}

export function incidentCategoryRewriter(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  /** Who the change is recorded as made by (the admin merging). */
  by: StaffRef,
  now: () => Date = () => new Date(),
): IncidentCategoryRewriter {
  const incidents = new IncidentRepository(dynamo, tableName);
  return {
    async replaceCategoryOnIncident(schoolId, incidentId, from, to) {
      const [incident, actions] = await Promise.all([
        incidents.getIncident(schoolId, incidentId),
        incidents.actionsOf(schoolId, incidentId),
      ]);
      if (!incident) return false;
      const at = now().toISOString();
      const changedActions = actions.filter((action) => action.categoryIds.includes(from));
      for (const batch of actionBatches(changedActions)) {
        await writeLabelled(
          dynamo,
          batch.flatMap((action) => actionRewrite(tableName, incident, action, from, to, by, at)),
        );
      }
      const usesFrom = incident.pupils.some((pupil) => pupil.categoryIds.includes(from));
      if (!usesFrom) return changedActions.length > 0;
      const next: Incident = {
        ...incident,
        pupils: incident.pupils.map((pupil) => ({
          ...pupil,
          categoryIds: replaced(pupil.categoryIds, from, to),
        })),
        version: incident.version + 1,
        updatedAt: at,
        updatedBy: by,
        changeReason: 'A category was merged into another',
      };
      await writeLabelled(dynamo, [
        { label: 'incident', item: incidentPut(tableName, next, incident, incident.version) },
        { label: 'version', item: incidentVersionPut(tableName, incident) },
        ...next.pupils.map((pupil) => ({
          label: 'copy',
          item: copyPut(tableName, copyFor(next, pupil.pupilId), incident.version),
        })),
        { label: 'use', item: categoryUseDelete(tableName, schoolId, from, incidentId) },
        { label: 'use', item: categoryUsePut(tableName, schoolId, to, incidentId, at) },
      ]);
      return true;
    },
  };
}

/** An action's rewrite: the action, its earlier version and each pupil's copy of it. */
function actionRewrite(
  tableName: string,
  incident: Incident,
  action: Stored<Action>,
  from: string,
  to: string,
  by: StaffRef,
  at: string,
): LabelledWrite[] {
  const { requestHash, ...current } = action;
  const next: Action = {
    ...current,
    categoryIds: replaced(action.categoryIds, from, to),
    version: action.version + 1,
    updatedAt: at,
    updatedBy: by,
    changeReason: 'A category was merged into another',
  };
  return [
    // The action keeps the digest of the request that created it, so a retry of that request still matches.
    { label: 'action', item: actionPut(tableName, next, { requestHash }, action.version) },
    { label: 'action-version', item: actionVersionPut(tableName, current) },
    ...next.pupilIds.map((pupilId) => ({
      label: 'action-copy',
      item: actionCopyPut(tableName, actionCopyFor(next, pupilId), incident.occurredAt, action.version),
    })),
  ];
}

/** Actions grouped so each group's rewrite fits one transaction. */
function actionBatches<A extends Action>(actions: readonly A[]): A[][] {
  const batches: A[][] = [];
  let current: A[] = [];
  let size = 0;
  for (const action of actions) {
    const items = 2 + action.pupilIds.length;
    if (size + items > MAX_TRANSACTION_ITEMS && current.length > 0) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(action);
    size += items;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

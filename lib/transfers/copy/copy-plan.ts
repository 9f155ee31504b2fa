/**
 * What moves (TRF-4), decided from one pupil's partition at the previous school: incidents on the pupil's
 * chronology with at least one of the pupil's categories among the transferable ones (not deleted, not
 * training; merged-away and split-out records have already left the chronology), the live actions on
 * those copies, and the pupil's vault documents that were added straight to the vault or attached to a
 * record that moves (not removed, not training). With no transferable category no incident moves, and
 * documents added straight to the vault still do ("plus any files and documentation within their
 * document vault").
 */
import type { ChronologyAction, ChronologyIncident } from '../../incidents/chronology-entry';
import type { VaultDocument } from '../../documents/document';

export interface SourceRecords {
  /** In chronology order (the partition's sort order), oldest first. */
  readonly incidents: readonly ChronologyIncident[];
  readonly actions: readonly ChronologyAction[];
  readonly documents: readonly VaultDocument[];
}

export interface CopyPlan {
  /** Previous school's incident ids in chronology order: the n-th takes the n-th reserved number. */
  readonly incidentIds: readonly string[];
  /** Each incident's number at the previous school, by position (shown as "Transferred from … incident n"). */
  readonly incidentNumbers: readonly number[];
  readonly actionIds: readonly string[];
  readonly documentIds: readonly string[];
  /** Every previous-school category the moving records and files carry, each once. */
  readonly categoryIds: readonly string[];
}

export function planCopy(source: SourceRecords, transferableCategoryIds: readonly string[]): CopyPlan {
  const transferable = new Set(transferableCategoryIds);
  const incidents = source.incidents.filter(
    (incident) =>
      !incident.deleted &&
      !incident.training &&
      incident.categoryIds.some((categoryId) => transferable.has(categoryId)),
  );
  const incidentIds = new Set(incidents.map((incident) => incident.incidentId));
  const actions = source.actions.filter(
    (action) => incidentIds.has(action.incidentId) && !action.deleted && !action.training,
  );
  const actionIds = new Set(actions.map((action) => action.actionId));
  const documents = source.documents.filter((document) => {
    if (document.removed || document.training) return false;
    if (document.actionId !== undefined) return actionIds.has(document.actionId);
    if (document.incidentId !== undefined) return incidentIds.has(document.incidentId);
    return true;
  });
  const categoryIds = new Set([
    ...incidents.flatMap((incident) => incident.categoryIds),
    ...actions.flatMap((action) => action.categoryIds),
    ...documents.flatMap((document) => document.categoryIds),
  ]);
  return {
    incidentIds: incidents.map((incident) => incident.incidentId),
    incidentNumbers: incidents.map((incident) => incident.number),
    actionIds: actions.map((action) => action.actionId),
    documentIds: documents.map((document) => document.documentId),
    categoryIds: [...categoryIds].sort(),
  };
}

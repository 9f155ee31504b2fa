/**
 * The previous school's records as the new school receives them (TRF-4): pure functions from one pupil's
 * copies at the previous school to full new-school records for the new pupil. Ids are derived from the
 * transfer and the old id, so a rerun builds the same records. Staff become the previous school (its id
 * and name), linked pupils are hidden, text is verbatim, and categories, documents and agencies are what
 * the new school can resolve: categories through the Legacy mapping, documents only those that move,
 * agencies never (they are per school).
 */
import { createHash } from 'node:crypto';
import { deterministicUuid } from '../../mis/deterministic-id';
import type { ChronologyAction, ChronologyIncident, OtherPupil } from '../../incidents/chronology-entry';
import type { Action, Incident, ReferralRecord, StaffRef, TransferredFrom } from '../../incidents/incident';
import { copyFor } from '../../incidents/incident-records';
import { actionCopyFor } from '../../incidents/incident-items';
import type { VaultDocument } from '../../documents/document';
import { objectKeys } from '../../documents/object-keys';

/** What every mapping needs to know about the transfer. */
export interface CopyContext {
  readonly transferId: string;
  readonly from: { readonly schoolId: string; readonly schoolName: string; readonly pupilId: string };
  readonly to: { readonly schoolId: string; readonly pupilId: string };
  /** The new school's display name of the pupil, as its Incident items name their pupils. */
  readonly toPupilName: string;
  /** Previous school's category id → the new school's Legacy category id. */
  readonly categoryMap: Readonly<Record<string, string>>;
  /** Where a category the map does not know goes (it changed after the plan): the Legacy parent. */
  readonly fallbackCategoryId: string;
  /** Previous school's document ids that move (the others are not named on the new records). */
  readonly movingDocumentIds: ReadonlySet<string>;
}

export const HIDDEN_PUPIL_NAME = 'Name hidden';

/** The digest kept beside a transferred Incident or Action where a request's would be. */
export function transferFingerprint(transferId: string): { requestHash: string } {
  return { requestHash: createHash('sha256').update(`transfer:${transferId}`).digest('base64url') };
}

/** The new school's id for a record, document or linked pupil of the previous school. */
export const newIdOf = (transferId: string, oldId: string): string =>
  deterministicUuid('transfer', transferId, oldId);

/** A linked pupil's stand-in id: names no pupil at the new school, the same for each of their incidents. */
export const hiddenPupilIdOf = (transferId: string, oldPupilId: string): string =>
  deterministicUuid('transfer-linked', transferId, oldPupilId);

/** Staff of the previous school appear as the school itself. */
export function previousSchoolRef(context: Pick<CopyContext, 'from'>): StaffRef {
  return { personId: context.from.schoolId, name: context.from.schoolName };
}

function mapCategories(context: CopyContext, categoryIds: readonly string[]): string[] {
  return [...new Set(categoryIds.map((id) => context.categoryMap[id] ?? context.fallbackCategoryId))];
}

function mapDocuments(context: CopyContext, documentIds: readonly string[]): string[] {
  return documentIds
    .filter((id) => context.movingDocumentIds.has(id))
    .map((id) => newIdOf(context.transferId, id));
}

function hideOthers(context: CopyContext, others: readonly OtherPupil[]): OtherPupil[] {
  return others.map((other) => ({
    pupilId: hiddenPupilIdOf(context.transferId, other.pupilId),
    displayName: HIDDEN_PUPIL_NAME,
    role: other.role,
  }));
}

/** Agencies are the previous school's list: the decision and its rationale move, the agency ids do not. */
function mapReferral(context: CopyContext, referral: ReferralRecord | undefined): ReferralRecord | undefined {
  if (!referral) return undefined;
  const decidedBy = previousSchoolRef(context);
  return referral.decision === 'referred'
    ? { ...referral, agencyIds: [], decidedBy }
    : { ...referral, decidedBy };
}

/** The new school's Incident for the new pupil, and the new pupil's chronology copy of it. */
export function transferredIncident(
  context: CopyContext,
  source: ChronologyIncident,
  number: number,
): { incident: Incident; copy: ChronologyIncident } {
  const school = previousSchoolRef(context);
  const transferredFrom: TransferredFrom = {
    transferId: context.transferId,
    schoolName: context.from.schoolName,
    number: source.number,
  };
  const referral = mapReferral(context, source.referral);
  const incident: Incident = {
    incidentId: newIdOf(context.transferId, source.incidentId),
    schoolId: context.to.schoolId,
    number,
    pupilId: context.to.pupilId,
    pupils: [
      {
        pupilId: context.to.pupilId,
        displayName: context.toPupilName,
        role: source.role,
        categoryIds: mapCategories(context, source.categoryIds),
      },
    ],
    text: source.text,
    occurredAt: source.occurredAt,
    recordedAt: source.recordedAt,
    recordedBy: school,
    status: source.status,
    agencyIds: [],
    bodyMap: source.bodyMap,
    ...(referral ? { referral } : {}),
    alertedPersonIds: [],
    documentIds: mapDocuments(context, source.documentIds),
    training: false,
    ...(source.deleted ? { deleted: { ...source.deleted, by: school } } : {}),
    version: 1,
    updatedAt: source.updatedAt,
    updatedBy: school,
    transferredFrom,
  };
  // Linked pupils stay on the pupil's copy, by role only; the Incident names the new pupil alone, so no
  // write at the new school ever reaches a partition for them.
  const otherPupils = hideOthers(context, source.otherPupils);
  return { incident, copy: { ...copyFor(incident, context.to.pupilId), otherPupils } };
}

/** The new school's Action on the transferred incident, and the new pupil's chronology copy of it. */
export function transferredAction(
  context: CopyContext,
  source: ChronologyAction,
  incidentNumberAtPreviousSchool: number,
): { action: Action; copy: ChronologyAction } {
  const school = previousSchoolRef(context);
  const action: Action = {
    actionId: newIdOf(context.transferId, source.actionId),
    incidentId: newIdOf(context.transferId, source.incidentId),
    schoolId: context.to.schoolId,
    text: source.text,
    categoryIds: mapCategories(context, source.categoryIds),
    agencyIds: [],
    occurredAt: source.occurredAt,
    recordedAt: source.recordedAt,
    recordedBy: school,
    pupilIds: [context.to.pupilId],
    documentIds: mapDocuments(context, source.documentIds),
    training: false,
    ...(source.deleted ? { deleted: { ...source.deleted, by: school } } : {}),
    version: 1,
    updatedAt: source.recordedAt,
    updatedBy: school,
    transferredFrom: {
      transferId: context.transferId,
      schoolName: context.from.schoolName,
      number: incidentNumberAtPreviousSchool,
    },
  };
  return { action, copy: actionCopyFor(action, context.to.pupilId) };
}

/** The new pupil's vault document: the same file's metadata, under the new school's key and protection. */
export function transferredDocument(
  context: CopyContext,
  source: VaultDocument,
  sha256: string,
): VaultDocument {
  const documentId = newIdOf(context.transferId, source.documentId);
  return {
    documentId,
    schoolId: context.to.schoolId,
    pupilId: context.to.pupilId,
    fileName: source.fileName,
    contentType: source.contentType,
    sizeBytes: source.sizeBytes,
    sha256,
    objectKey: objectKeys.vault(context.to.schoolId, context.to.pupilId, documentId),
    ...(source.incidentId ? { incidentId: newIdOf(context.transferId, source.incidentId) } : {}),
    ...(source.actionId ? { actionId: newIdOf(context.transferId, source.actionId) } : {}),
    categoryIds: mapCategories(context, source.categoryIds),
    uploadedAt: source.uploadedAt,
    uploadedBy: previousSchoolRef(context),
    training: false,
    transferredFrom: { transferId: context.transferId, schoolName: context.from.schoolName },
  };
}

/**
 * A previous school's records for a pupil, as the transfer copy finds them: incidents (with linked pupils,
 * referrals and body maps), actions on the pupil's copy, and vault files with real objects in the S3
 * stand-in. Items are built by the production item builders (the ones the add-incident and add-action
 * transactions use) and written with BatchWrite, so the copy reads exactly what the app would have stored.
 */
import { createHash, randomUUID } from 'node:crypto';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll } from '../../lib/data/batch-write';
import type { VaultDocument } from '../../lib/documents/document';
import { vaultDocumentItem } from '../../lib/documents/document-repository';
import { objectKeys } from '../../lib/documents/object-keys';
import { vaultEncryption } from '../../lib/documents/vault-objects';
import type { Action, Incident, InvolvementRole, StaffRef } from '../../lib/incidents/incident';
import {
  actionCopyFor,
  actionCopyPut,
  actionPut,
  categoryUsePut,
  copyPut,
  incidentNumberPut,
  incidentPut,
} from '../../lib/incidents/incident-items';
import { copyFor } from '../../lib/incidents/incident-records';
import type { TransactWriteItem } from '../../lib/pupils/transact-write-item';

export interface FileSpec {
  readonly fileName: string;
  readonly bytes: Buffer;
  readonly removed?: boolean;
  readonly training?: boolean;
}

export interface ActionSpec {
  readonly text: string;
  readonly categoryIds?: readonly string[];
  readonly deleted?: boolean;
  readonly training?: boolean;
  readonly files?: readonly FileSpec[];
}

export interface IncidentSpec {
  readonly text: string;
  /** The pupil's own categories. */
  readonly categoryIds: readonly string[];
  readonly occurredAt: string;
  readonly role?: InvolvementRole;
  readonly linked?: readonly { pupilId: string; displayName: string; role: InvolvementRole }[];
  readonly deleted?: boolean;
  readonly training?: boolean;
  readonly referredTo?: readonly string[];
  readonly actions?: readonly ActionSpec[];
  readonly files?: readonly FileSpec[];
}

export interface SchoolPupil {
  readonly schoolId: string;
  readonly pupilId: string;
  readonly displayName: string;
}

export interface SeededRecords {
  readonly incidents: Incident[];
  readonly actions: Action[];
  readonly documents: VaultDocument[];
  readonly itemsWritten: number;
}

export interface Vault {
  readonly s3: S3Client;
  readonly bucket: string;
  readonly keyId: string;
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function itemOf(write: TransactWriteItem): Record<string, unknown> {
  if (!write.Put) throw new Error('Only Put items are seeded');
  return write.Put.Item as Record<string, unknown>;
}

/** Writes the pupil's records and files; incident numbers start at `firstNumber`. */
export async function seedPupilRecords(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  vault: Vault,
  pupil: SchoolPupil,
  recorder: StaffRef,
  incidents: readonly IncidentSpec[],
  standaloneFiles: readonly FileSpec[],
  firstNumber = 1,
): Promise<SeededRecords> {
  const writes: TransactWriteItem[] = [];
  const seeded: SeededRecords = { incidents: [], actions: [], documents: [], itemsWritten: 0 };
  const fileWrites: { document: VaultDocument; bytes: Buffer }[] = [];
  const document = (
    file: FileSpec,
    at: string,
    attached?: { incidentId: string; actionId?: string; categoryIds: readonly string[] },
  ) => {
    const documentId = randomUUID();
    const stored: VaultDocument = {
      documentId,
      schoolId: pupil.schoolId,
      pupilId: pupil.pupilId,
      fileName: file.fileName,
      contentType: 'application/pdf',
      sizeBytes: file.bytes.length,
      sha256: sha256Hex(file.bytes),
      objectKey: objectKeys.vault(pupil.schoolId, pupil.pupilId, documentId),
      ...(attached
        ? { incidentId: attached.incidentId, categoryIds: [...attached.categoryIds] }
        : { categoryIds: [] }),
      ...(attached?.actionId ? { actionId: attached.actionId } : {}),
      uploadedAt: at,
      uploadedBy: recorder,
      ...(file.removed ? { removed: { at, by: recorder, reason: 'Uploaded to the wrong pupil' } } : {}),
      training: file.training === true,
    };
    fileWrites.push({ document: stored, bytes: file.bytes });
    seeded.documents.push(stored);
    return stored;
  };

  incidents.forEach((spec, index) => {
    const incidentId = randomUUID();
    // As the incident schema does: a category chosen twice is recorded once.
    const categoryIds = [...new Set(spec.categoryIds)];
    const at = spec.occurredAt;
    const files = (spec.files ?? []).map((file) => document(file, at, { incidentId, categoryIds }));
    const incident: Incident = {
      incidentId,
      schoolId: pupil.schoolId,
      number: firstNumber + index,
      pupilId: pupil.pupilId,
      pupils: [
        {
          pupilId: pupil.pupilId,
          displayName: pupil.displayName,
          role: spec.role ?? 'subject',
          categoryIds: [...categoryIds],
        },
        ...(spec.linked ?? []).map((linked) => ({ ...linked, categoryIds: [...categoryIds] })),
      ],
      text: spec.text,
      occurredAt: at,
      recordedAt: at,
      recordedBy: recorder,
      status: 'active',
      assignedTo: recorder,
      agencyIds: spec.referredTo ? [...spec.referredTo] : [],
      bodyMap: [{ view: 'front', x: 0.4, y: 0.3, note: 'Bruise, left forearm' }],
      ...(spec.referredTo
        ? {
            referral: {
              decision: 'referred' as const,
              agencyIds: [...spec.referredTo],
              rationale: 'Threshold met for a referral.',
              decidedAt: at,
              decidedBy: recorder,
            },
          }
        : {}),
      alertedPersonIds: [recorder.personId],
      documentIds: files.filter((file) => !file.removed).map((file) => file.documentId),
      training: spec.training === true,
      ...(spec.deleted ? { deleted: { at, by: recorder, reason: 'Recorded against the wrong pupil' } } : {}),
      version: 1,
      updatedAt: at,
      updatedBy: recorder,
    };
    seeded.incidents.push(incident);
    writes.push(
      incidentPut(tableName, incident, { requestHash: 'seed' }),
      incidentNumberPut(tableName, incident),
      ...incident.pupils.map((entry) => copyPut(tableName, copyFor(incident, entry.pupilId))),
      ...categoryIds.map((categoryId) =>
        categoryUsePut(tableName, pupil.schoolId, categoryId, incidentId, at),
      ),
    );
    (spec.actions ?? []).forEach((actionSpec, actionIndex) => {
      const actionId = randomUUID();
      const actionAt = new Date(Date.parse(at) + (actionIndex + 1) * 3_600_000).toISOString();
      const actionFiles = (actionSpec.files ?? []).map((file) =>
        document(file, actionAt, { incidentId, actionId, categoryIds }),
      );
      const action: Action = {
        actionId,
        incidentId,
        schoolId: pupil.schoolId,
        text: actionSpec.text,
        categoryIds: [...(actionSpec.categoryIds ?? [])],
        agencyIds: [],
        occurredAt: actionAt,
        recordedAt: actionAt,
        recordedBy: recorder,
        pupilIds: [pupil.pupilId],
        documentIds: actionFiles.map((file) => file.documentId),
        training: actionSpec.training === true,
        ...(actionSpec.deleted ? { deleted: { at: actionAt, by: recorder, reason: 'Duplicate' } } : {}),
        version: 1,
        updatedAt: actionAt,
        updatedBy: recorder,
      };
      seeded.actions.push(action);
      writes.push(
        actionPut(tableName, action, { requestHash: 'seed' }),
        actionCopyPut(tableName, actionCopyFor(action, pupil.pupilId), incident.occurredAt),
      );
    });
  });
  for (const file of standaloneFiles) document(file, '2025-01-06T09:00:00.000Z');
  const items = [
    ...writes.map(itemOf),
    ...fileWrites.map(({ document: stored }) => vaultDocumentItem(stored)),
  ];
  await batchWriteAll(
    dynamo,
    tableName,
    items.map((Item) => ({ PutRequest: { Item } })),
    4,
  );
  let next = 0;
  const upload = async () => {
    while (next < fileWrites.length) {
      const { document: stored, bytes } = fileWrites[next++]!;
      await vault.s3.send(
        new PutObjectCommand({
          Bucket: vault.bucket,
          Key: stored.objectKey,
          Body: bytes,
          ContentType: stored.contentType,
          ...vaultEncryption(vault.keyId, stored.schoolId, stored.pupilId),
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: 4 }, upload));
  return { ...seeded, itemsWritten: items.length };
}

/**
 * Attaching uploaded files to an incident or action (REC-9): the TransactWrite items the incidents
 * service puts in its own add-incident / add-action transaction, so the record and its files are
 * stored together or not at all. Each update is conditional: the document exists in this pupil's
 * vault (the key names the pupil), was uploaded by the person recording, is not attached yet and
 * has not been removed. From then on the file takes the record's categories as its protection.
 */
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentKeys } from '../data/keys';

/** One item of a DynamoDB TransactWrite, as the document client takes it. */
export type TransactWriteItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface AttachmentTarget {
  readonly schoolId: string;
  /** The pupil whose vault holds the uploads (the incident's subject pupil). */
  readonly pupilId: string;
  /** Who is recording: only their own uploads can be attached. */
  readonly uploaderPersonId: string;
  readonly incidentId: string;
  readonly actionId?: string;
  /** This pupil's categories on the incident: they protect the file. */
  readonly categoryIds: readonly string[];
  /** Recorded in training mode (REC-11). */
  readonly training: boolean;
}

/** One conditional Update per document; a failed condition cancels the whole transaction. */
export function attachmentWrites(
  tableName: string,
  target: AttachmentTarget,
  documentIds: readonly string[],
): TransactWriteItem[] {
  return [...new Set(documentIds)].map((documentId) => ({
    Update: {
      TableName: tableName,
      Key: documentKeys.document(target.schoolId, target.pupilId, documentId),
      UpdateExpression:
        target.actionId === undefined
          ? 'SET incidentId = :incidentId, categoryIds = :categoryIds, training = :training'
          : 'SET incidentId = :incidentId, actionId = :actionId, categoryIds = :categoryIds, training = :training',
      ConditionExpression:
        'attribute_exists(PK) AND uploadedBy.personId = :uploader AND attribute_not_exists(incidentId) AND attribute_not_exists(removed)',
      ExpressionAttributeValues: {
        ':incidentId': target.incidentId,
        ...(target.actionId === undefined ? {} : { ':actionId': target.actionId }),
        ':categoryIds': [...target.categoryIds],
        ':training': target.training,
        ':uploader': target.uploaderPersonId,
      },
    },
  }));
}

/**
 * When a pupil's categories on an incident change, the files attached to it follow, so the vault
 * never shows a file more widely than its incident. Conditional on still being attached to it.
 */
export function attachmentCategoryWrites(
  tableName: string,
  target: { readonly schoolId: string; readonly pupilId: string; readonly incidentId: string },
  documentIds: readonly string[],
  categoryIds: readonly string[],
): TransactWriteItem[] {
  return [...new Set(documentIds)].map((documentId) => ({
    Update: {
      TableName: tableName,
      Key: documentKeys.document(target.schoolId, target.pupilId, documentId),
      UpdateExpression: 'SET categoryIds = :categoryIds',
      ConditionExpression: 'incidentId = :incidentId',
      ExpressionAttributeValues: { ':categoryIds': [...categoryIds], ':incidentId': target.incidentId },
    },
  }));
}

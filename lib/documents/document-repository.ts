/**
 * Stores vault documents and pending uploads; owns the VaultDocument (SCHOOL#<s>#PUPIL#<p> /
 * DOC#<documentId>) and PendingUpload (SCHOOL#<s>#UPLOAD#<uploadId> / UPLOAD) items. A pupil's
 * vault is one Query of their partition; a finished upload is stored and its pending item marked
 * complete in one transaction, so an upload yields one document however often it is completed.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { documentKeys, pupilKeys } from '../data/keys';
import { getItem } from '../data/school-collection';
import { VaultDocumentSchema, type VaultDocument } from './document';
import { DocumentConflictError } from './document-errors';
import { PendingUploadSchema, type PendingUpload } from './pending-upload';
import { prefixRange } from '../data/prefix-range';

const BATCH_GET_LIMIT = 100;

/** The item a VaultDocument is stored as. */
export function vaultDocumentItem(document: VaultDocument): Record<string, unknown> {
  return {
    ...documentKeys.document(document.schoolId, document.pupilId, document.documentId),
    itemType: 'VaultDocument',
    ...VaultDocumentSchema.parse(document),
  };
}

export class DocumentRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Writes a new pending upload (the upload id is the server's, so it cannot exist yet). */
  async putPendingUpload(upload: PendingUpload): Promise<void> {
    await this.dynamo.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...documentKeys.pendingUpload(upload.schoolId, upload.uploadId),
          itemType: 'PendingUpload',
          ...PendingUploadSchema.parse(upload),
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  getPendingUpload(schoolId: string, uploadId: string): Promise<PendingUpload | undefined> {
    return getItem(
      this.dynamo,
      this.tableName,
      documentKeys.pendingUpload(schoolId, uploadId),
      PendingUploadSchema,
    );
  }

  /** Forgets an upload that was refused, so it cannot be completed later. */
  async deletePendingUpload(schoolId: string, uploadId: string): Promise<void> {
    await this.dynamo
      .send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: documentKeys.pendingUpload(schoolId, uploadId),
          ConditionExpression: 'attribute_not_exists(completedAt)',
        }),
      )
      .catch((error: unknown) => {
        // Completed meanwhile by a parallel request: the document stands and so does its record.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  }

  /**
   * Stores the document and marks its upload complete, both or neither. Returns false when the
   * upload had already been completed (by a retry or a parallel request).
   */
  async storeUploadedDocument(
    document: VaultDocument,
    uploadId: string,
    completedAt: string,
  ): Promise<boolean> {
    try {
      await this.dynamo.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: documentKeys.pendingUpload(document.schoolId, uploadId),
                UpdateExpression: 'SET completedAt = :at',
                ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(completedAt)',
                ExpressionAttributeValues: { ':at': completedAt },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: vaultDocumentItem(document),
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException) return false;
      throw error;
    }
  }

  get(schoolId: string, pupilId: string, documentId: string): Promise<VaultDocument | undefined> {
    return getItem(
      this.dynamo,
      this.tableName,
      documentKeys.document(schoolId, pupilId, documentId),
      VaultDocumentSchema,
    );
  }

  /** The pupil's documents with these ids that exist (BatchGet), in no particular order. */
  async getMany(schoolId: string, pupilId: string, documentIds: readonly string[]): Promise<VaultDocument[]> {
    const found: VaultDocument[] = [];
    const unique = [...new Set(documentIds)];
    for (let index = 0; index < unique.length; index += BATCH_GET_LIMIT) {
      let keys: Record<string, unknown>[] = unique
        .slice(index, index + BATCH_GET_LIMIT)
        .map((documentId) => ({ ...documentKeys.document(schoolId, pupilId, documentId) }));
      while (keys.length > 0) {
        const result = await this.dynamo.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
        );
        for (const item of result.Responses?.[this.tableName] ?? [])
          found.push(VaultDocumentSchema.parse(item));
        keys = result.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
      }
    }
    return found;
  }

  /** Every document in the pupil's vault, removed ones included (one Query; a vault is small). */
  async listForPupil(schoolId: string, pupilId: string): Promise<VaultDocument[]> {
    const documents: VaultDocument[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.dynamo.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :prefix AND :prefixEnd',
          ExpressionAttributeValues: {
            ':pk': pupilKeys.partition(schoolId, pupilId),
            ...prefixRange(':prefix', documentKeys.documentPrefix),
          },
          ExclusiveStartKey: startKey,
        }),
      );
      documents.push(...(page.Items ?? []).map((item) => VaultDocumentSchema.parse(item)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return documents;
  }

  /** Sets the removed marker; the object is kept. DocumentConflictError if it was already removed. */
  async markRemoved(
    document: VaultDocument,
    removed: NonNullable<VaultDocument['removed']>,
  ): Promise<VaultDocument> {
    try {
      const result = await this.dynamo.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: documentKeys.document(document.schoolId, document.pupilId, document.documentId),
          UpdateExpression: 'SET removed = :removed',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(removed)',
          ExpressionAttributeValues: { ':removed': removed },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return VaultDocumentSchema.parse(result.Attributes);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new DocumentConflictError('This document has already been removed.');
      }
      throw error;
    }
  }
}

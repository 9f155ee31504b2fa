/**
 * Copies one vault file from the previous school's pupil to the new school's (TRF-4): S3 CopyObject into
 * the new pupil's vault key, re-encrypted under SSE-KMS with the new school's encryption context, then the
 * copy is read back and hashed. The SHA-256 must equal the one the previous school recorded for the file
 * (BYD-2's proof of receipt rests on it): otherwise the copy fails loudly and nothing claims the file moved.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { VaultDocument } from '../../documents/document';
import { VaultObjects } from '../../documents/vault-objects';

export class FileHashMismatchError extends Error {
  constructor(documentId: string, expected: string, actual: string, size: number) {
    super(
      `The copy of document ${documentId} hashes to ${actual} (${size} bytes), not the recorded ${expected}; nothing was recorded for it.`,
    );
    this.name = 'FileHashMismatchError';
  }
}

export interface CopiedFile {
  readonly sha256: string;
  readonly sizeBytes: number;
}

export class VaultFileCopier {
  private readonly objects: VaultObjects;

  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    keyId: string,
  ) {
    this.objects = new VaultObjects(s3, bucket, keyId);
  }

  /** Copies `source`'s object to `target`'s key under the target's context; answers the copy's hash. */
  async copy(
    source: VaultDocument,
    target: Pick<VaultDocument, 'objectKey' | 'schoolId' | 'pupilId' | 'documentId'>,
  ): Promise<CopiedFile> {
    await this.objects.copyIntoVault({
      sourceKey: source.objectKey,
      targetKey: target.objectKey,
      schoolId: target.schoolId,
      pupilId: target.pupilId,
      contentType: source.contentType,
    });
    const copied = await this.hashOf(target.objectKey);
    if (copied.sha256 !== source.sha256) {
      throw new FileHashMismatchError(target.documentId, source.sha256, copied.sha256, copied.sizeBytes);
    }
    return copied;
  }

  private async hashOf(key: string): Promise<CopiedFile> {
    const result = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    const hash = createHash('sha256');
    let sizeBytes = 0;
    for await (const chunk of result.Body as Readable) {
      const bytes = chunk as Buffer;
      hash.update(bytes);
      sizeBytes += bytes.length;
    }
    return { sha256: hash.digest('hex'), sizeBytes };
  }
}

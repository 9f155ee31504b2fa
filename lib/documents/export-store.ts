/**
 * Files made for one download (a zip of vault documents, an incident's PDF print): streamed into
 * the vault bucket under exports/<schoolId>/<exportId>/<name> with SSE-KMS, then offered through a
 * presigned GET valid for a minute. A stream goes up as an S3 multipart upload part by part, so
 * nothing is held whole in memory; the bucket's lifecycle rule deletes exports after a day.
 *
 * Callers check permission and write the audit record before they store or offer anything.
 */
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { DOWNLOAD_URL_SECONDS, VaultObjects } from './vault-objects';
import { exportEncryptionContext, objectKeys } from './object-keys';

/** S3's smallest part; with one part in flight at a time, at most ~10 MB is buffered. */
const PART_SIZE_BYTES = 5 * 1024 * 1024;

export interface StoredExport {
  readonly exportId: string;
  readonly key: string;
  readonly fileName: string;
  readonly contentType: string;
}

export interface ExportLink {
  readonly url: string;
  readonly fileName: string;
  readonly expiresAt: string;
}

export class ExportStore {
  private readonly objects: VaultObjects;

  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly keyId: string,
    private readonly now: () => Date = () => new Date(),
    private readonly newId: () => string = randomUUID,
  ) {
    this.objects = new VaultObjects(s3, bucket, keyId, now);
  }

  /** Stores a stream (or bytes) as a new export of this school. */
  async put(
    schoolId: string,
    fileName: string,
    contentType: string,
    body: Readable | Uint8Array,
  ): Promise<StoredExport> {
    const exportId = this.newId();
    const key = objectKeys.export(schoolId, exportId, fileName);
    const upload = new Upload({
      client: this.s3,
      params: {
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: this.keyId,
        SSEKMSEncryptionContext: exportEncryptionContext(schoolId),
        BucketKeyEnabled: true,
      },
      partSize: PART_SIZE_BYTES,
      queueSize: 1,
      leavePartsOnError: false,
    });
    await upload.done();
    return { exportId, key, fileName, contentType };
  }

  /** A one-minute link that saves the export under its file name. */
  async link(stored: StoredExport): Promise<ExportLink> {
    const url = await this.objects.presignDownload(stored.key, stored.fileName, stored.contentType);
    return {
      url,
      fileName: stored.fileName,
      expiresAt: new Date(this.now().getTime() + DOWNLOAD_URL_SECONDS * 1000).toISOString(),
    };
  }
}

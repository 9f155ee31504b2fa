/**
 * The vault bucket's objects: presigned browser uploads into quarantine, reading an upload back,
 * moving it into the vault under SSE-KMS with the pupil's encryption context, presigned downloads,
 * and copies into another pupil's vault. Knows nothing of permissions: callers check and audit first.
 */
import type { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  NotFound,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { documentEncryptionContext } from './object-keys';

/** A browser upload lasts at most this long after it is granted (the PendingUpload lives an hour). */
export const UPLOAD_URL_SECONDS = 300;
/** A download link is for the click that asked for it. */
export const DOWNLOAD_URL_SECONDS = 60;

export interface PresignedUpload {
  readonly url: string;
  /** Form fields to send, in this order, before the file field. */
  readonly fields: Readonly<Record<string, string>>;
  readonly expiresAt: string;
}

export interface ObjectStream {
  readonly body: Readable;
  /** The version read, so the copy can insist on the same bytes (CopySourceIfMatch). */
  readonly eTag: string | undefined;
}

/**
 * The server-side encryption every write into the vault asks for. S3 rejects none of it on AWS;
 * the local stand-in accepts and ignores it (docs/toolchain facts), so unit tests pin these values.
 */
export function vaultEncryption(keyId: string, schoolId: string, pupilId: string) {
  return {
    ServerSideEncryption: 'aws:kms' as const,
    SSEKMSKeyId: keyId,
    SSEKMSEncryptionContext: documentEncryptionContext(schoolId, pupilId),
    BucketKeyEnabled: true,
  };
}

/** RFC 6266 attachment disposition with an ASCII fallback and the UTF-8 name. */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

function isMissing(error: unknown): boolean {
  return error instanceof NoSuchKey || error instanceof NotFound || (error as Error).name === 'NoSuchKey';
}

export class VaultObjects {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    /** The vault's customer-managed key (id, ARN or alias). */
    private readonly keyId: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * A presigned POST whose policy pins the exact key, the exact Content-Type and the exact size,
   * and asks for SSE-KMS, so the browser can put only the declared file at the one place granted.
   */
  async presignUpload(key: string, contentType: string, sizeBytes: number): Promise<PresignedUpload> {
    const encryption = {
      'x-amz-server-side-encryption': 'aws:kms',
      'x-amz-server-side-encryption-aws-kms-key-id': this.keyId,
    };
    const { url, fields } = await createPresignedPost(this.s3, {
      Bucket: this.bucket,
      Key: key,
      Conditions: [
        ['content-length-range', sizeBytes, sizeBytes],
        ['eq', '$Content-Type', contentType],
        ...Object.entries(encryption).map(([field, value]) => ({ [field]: value })),
      ],
      Fields: { 'Content-Type': contentType, ...encryption },
      Expires: UPLOAD_URL_SECONDS,
    });
    return {
      url,
      fields,
      expiresAt: new Date(this.now().getTime() + UPLOAD_URL_SECONDS * 1000).toISOString(),
    };
  }

  /** The object as a stream, or undefined when nothing was uploaded there. */
  async open(key: string): Promise<ObjectStream | undefined> {
    try {
      const result = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return { body: result.Body as Readable, eTag: result.ETag };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  /** Copies an object to a pupil's vault key under SSE-KMS with that pupil's encryption context. */
  async copyIntoVault(options: {
    readonly sourceKey: string;
    readonly sourceETag?: string | undefined;
    readonly targetKey: string;
    readonly schoolId: string;
    readonly pupilId: string;
    readonly contentType: string;
  }): Promise<void> {
    await this.s3.send(
      new CopyObjectCommand({
        Bucket: this.bucket,
        Key: options.targetKey,
        CopySource: `${this.bucket}/${encodeURIComponent(options.sourceKey).replace(/%2F/g, '/')}`,
        ...(options.sourceETag ? { CopySourceIfMatch: options.sourceETag } : {}),
        MetadataDirective: 'REPLACE',
        ContentType: options.contentType,
        ...vaultEncryption(this.keyId, options.schoolId, options.pupilId),
      }),
    );
  }

  async delete(key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  /** A GET link valid for a minute that makes the browser save the file under its name. */
  presignDownload(key: string, fileName: string, contentType: string): Promise<string> {
    return getSignedUrl(
      this.s3,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentDisposition: attachmentDisposition(fileName),
        ResponseContentType: contentType,
      }),
      { expiresIn: DOWNLOAD_URL_SECONDS },
    );
  }
}

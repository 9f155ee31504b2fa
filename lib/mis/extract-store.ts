/**
 * Raw extracts as pushed, kept in the extracts bucket under SSE-KMS with the school in the encryption
 * context (so a key policy or CloudTrail can tie every decrypt to a school), until the bucket's
 * retention rule removes them. Large extracts arrive by a presigned PUT to the same place.
 */
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

/** Extracts live under this prefix; the retention rule applies to it. */
export const EXTRACTS_PREFIX = 'extracts/';
/** A presigned upload is for the connector run that asked for it. */
export const EXTRACT_UPLOAD_SECONDS = 900;

export function extractKey(schoolId: string, importId: string): string {
  return `${EXTRACTS_PREFIX}${schoolId}/${importId}`;
}

export function extractEncryption(keyId: string, schoolId: string) {
  return {
    ServerSideEncryption: 'aws:kms' as const,
    SSEKMSKeyId: keyId,
    SSEKMSEncryptionContext: Buffer.from(JSON.stringify({ lantern: 'mis-extract', schoolId })).toString(
      'base64',
    ),
    BucketKeyEnabled: true,
  };
}

export class ExtractStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly keyId: string,
  ) {}

  async put(schoolId: string, importId: string, body: Uint8Array, contentType: string): Promise<string> {
    const key = extractKey(schoolId, importId);
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
        ...extractEncryption(this.keyId, schoolId),
      }),
    );
    return key;
  }

  async read(key: string): Promise<Buffer> {
    const result = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    if (!result.Body) throw new Error(`Extract ${key} has no body`);
    return Buffer.from(await result.Body.transformToByteArray());
  }

  /** The size of an uploaded extract, or undefined when nothing was uploaded there. */
  async sizeOf(key: string): Promise<number | undefined> {
    try {
      const head = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return head.ContentLength;
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'NotFound' || name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  /** A presigned PUT for one large extract; the connector must send the same encryption headers. */
  async presignUpload(
    schoolId: string,
    importId: string,
    contentType: string,
  ): Promise<{ url: string; headers: Record<string, string> }> {
    const encryption = extractEncryption(this.keyId, schoolId);
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: extractKey(schoolId, importId),
      ContentType: contentType,
      ...encryption,
    });
    const headers: Record<string, string> = {
      'x-amz-server-side-encryption': 'aws:kms',
      'x-amz-server-side-encryption-aws-kms-key-id': this.keyId,
      'x-amz-server-side-encryption-context': encryption.SSEKMSEncryptionContext,
      'x-amz-server-side-encryption-bucket-key-enabled': 'true',
    };
    // Signed as headers, not hoisted into the query string, so S3 holds the upload to exactly them.
    const url = await getSignedUrl(this.s3, command, {
      expiresIn: EXTRACT_UPLOAD_SECONDS,
      unhoistableHeaders: new Set(Object.keys(headers)),
    });
    return { url, headers: { 'content-type': contentType, ...headers } };
  }
}

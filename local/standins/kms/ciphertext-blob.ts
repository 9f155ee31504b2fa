// AES-256-GCM ciphertext blobs: version (1) | key id length (1) | key id | IV (12) | GCM tag (16) |
// ciphertext. Header and canonical encryption context are both bound as AAD, so neither can be swapped.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AwsError } from '../http/aws-errors';

export interface BlobKey {
  keyId: string;
  material: Buffer;
}

export type EncryptionContext = Record<string, string> | undefined;

const BLOB_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function seal(key: BlobKey, plaintext: Buffer, context: EncryptionContext): Buffer {
  const header = blobHeader(key.keyId);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.material, iv);
  cipher.setAAD(additionalData(header, context));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, iv, cipher.getAuthTag(), ciphertext]);
}

/** The id of the key that sealed the blob, read from its header, so Decrypt needs no KeyId. */
export function readBlobKeyId(blob: Buffer): string {
  const idLength = blob[1] ?? 0;
  if (blob[0] !== BLOB_VERSION || idLength === 0 || blob.length < 2 + idLength + IV_BYTES + TAG_BYTES) {
    throw new AwsError('InvalidCiphertextException', 'The ciphertext is not a blob from this KMS');
  }
  return blob.subarray(2, 2 + idLength).toString('utf8');
}

export function open(key: BlobKey, blob: Buffer, context: EncryptionContext): Buffer {
  const headerLength = 2 + (blob[1] ?? 0);
  const iv = blob.subarray(headerLength, headerLength + IV_BYTES);
  const tag = blob.subarray(headerLength + IV_BYTES, headerLength + IV_BYTES + TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.material, iv);
    decipher.setAAD(additionalData(blob.subarray(0, headerLength), context));
    decipher.setAuthTag(tag);
    return Buffer.concat([
      decipher.update(blob.subarray(headerLength + IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    // A wrong encryption context and a tampered blob fail the same way, as on AWS.
    throw new AwsError('InvalidCiphertextException', 'The ciphertext or encryption context is invalid');
  }
}

function blobHeader(keyId: string): Buffer {
  const id = Buffer.from(keyId, 'utf8');
  return Buffer.concat([Buffer.from([BLOB_VERSION, id.length]), id]);
}

function additionalData(header: Buffer, context: EncryptionContext): Buffer {
  // Sorted pairs: AWS treats the context as an unordered map, so key order must not matter.
  const pairs = Object.entries(context ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Buffer.concat([header, Buffer.from([0]), Buffer.from(JSON.stringify(pairs), 'utf8')]);
}

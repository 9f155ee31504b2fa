/**
 * Reads an uploaded object once, as a stream: counts its bytes, hashes it with SHA-256 and checks
 * that its first bytes are those of the declared type. A file whose start is wrong is refused as
 * soon as that is known, without reading the rest; nothing is held in memory beyond the signature
 * bytes.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { UploadRejectedError } from './document-errors';
import { SIGNATURE_BYTES, type FileType } from './file-types';

export interface InspectedUpload {
  readonly sizeBytes: number;
  /** Hex SHA-256 of every byte read. */
  readonly sha256: string;
}

function refusal(type: FileType): UploadRejectedError {
  return new UploadRejectedError(`The file's contents are not ${type.description}; it was not stored.`);
}

export async function inspectUpload(
  body: Readable | AsyncIterable<Uint8Array>,
  type: FileType,
  expectedSizeBytes: number,
): Promise<InspectedUpload> {
  const hash = createHash('sha256');
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let sizeBytes = 0;
  let signatureChecked = false;
  const checkSignature = (): void => {
    signatureChecked = true;
    const start = Buffer.concat(head, headBytes).subarray(0, SIGNATURE_BYTES);
    if (!type.matches(start)) throw refusal(type);
  };
  try {
    for await (const chunk of body) {
      const bytes = chunk instanceof Uint8Array ? chunk : Buffer.from(chunk as string);
      sizeBytes += bytes.byteLength;
      if (sizeBytes > expectedSizeBytes) {
        throw new UploadRejectedError(`The file is larger than the ${expectedSizeBytes} bytes declared.`);
      }
      hash.update(bytes);
      if (!signatureChecked) {
        head.push(bytes);
        headBytes += bytes.byteLength;
        if (headBytes >= SIGNATURE_BYTES) checkSignature();
      }
    }
  } finally {
    // Stop reading from S3 when refusing early (a no-op once the stream has ended).
    if ('destroy' in body && typeof body.destroy === 'function') body.destroy();
  }
  if (sizeBytes === 0) throw new UploadRejectedError('The file is empty; it was not stored.');
  if (!signatureChecked) checkSignature();
  if (sizeBytes !== expectedSizeBytes) {
    throw new UploadRejectedError(
      `The file has ${sizeBytes} bytes, not the ${expectedSizeBytes} declared; it was not stored.`,
    );
  }
  return { sizeBytes, sha256: hash.digest('hex') };
}

/** KMS ciphertext blobs: sealed with AES-256-GCM, bound to their key and encryption context. */
import { randomBytes } from 'node:crypto';
import { open, readBlobKeyId, seal } from '../../../local/standins/kms/ciphertext-blob';

const key = { keyId: 'lantern-data', material: randomBytes(32) };
const plaintext = Buffer.from('concern #42: details');

function errorType(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return (error as { type?: unknown }).type;
  }
  return undefined;
}

it('opens what it sealed and names the sealing key in the blob', () => {
  const blob = seal(key, plaintext, { schoolId: 's-1' });
  expect(blob.includes(plaintext)).toBe(false);
  expect(readBlobKeyId(blob)).toBe('lantern-data');
  expect(open(key, blob, { schoolId: 's-1' }).toString()).toBe('concern #42: details');
});

it('treats the encryption context as an unordered map', () => {
  const blob = seal(key, plaintext, { a: '1', b: '2' });
  expect(open(key, blob, { b: '2', a: '1' }).equals(plaintext)).toBe(true);
});

it('refuses a different context, a different key, or a tampered blob alike', () => {
  const blob = seal(key, plaintext, { schoolId: 's-1' });
  expect(errorType(() => open(key, blob, { schoolId: 's-2' }))).toBe('InvalidCiphertextException');
  expect(errorType(() => open(key, blob, undefined))).toBe('InvalidCiphertextException');
  const other = { keyId: 'lantern-data', material: randomBytes(32) };
  expect(errorType(() => open(other, blob, { schoolId: 's-1' }))).toBe('InvalidCiphertextException');
  const tampered = Buffer.from(blob);
  tampered[tampered.length - 1]! ^= 1;
  expect(errorType(() => open(key, tampered, { schoolId: 's-1' }))).toBe('InvalidCiphertextException');
});

it('refuses a blob it did not make before trying to open it', () => {
  expect(errorType(() => readBlobKeyId(Buffer.from('not a kms blob at all, honestly')))).toBe(
    'InvalidCiphertextException',
  );
  expect(errorType(() => readBlobKeyId(seal(key, plaintext, undefined).subarray(0, 20)))).toBe(
    'InvalidCiphertextException',
  );
});

/**
 * The exact S3 parameters the vault sends (aws-sdk-client-mock): SSE-KMS with the vault key and the
 * pupil's encryption context on every copy into the vault, and on exports; the presigned POST's policy
 * pins the key, type, size and encryption. The S3 stand-in ignores all of this, so it is proven here.
 */
import {
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { ExportStore } from '../../../lib/documents/export-store';
import { VaultObjects } from '../../../lib/documents/vault-objects';

const s3 = new S3Client({
  region: 'eu-west-2',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
});
const s3Mock = mockClient(s3);
const KEY = 'arn:aws:kms:eu-west-2:111122223333:key/vault';
const SCHOOL = '00000000-0000-4000-8000-00000000000a';
const PUPIL = '00000000-0000-4000-8000-0000000000b1';
const context = (encoded: string | undefined) =>
  JSON.parse(Buffer.from(encoded ?? '', 'base64').toString('utf8')) as unknown;

beforeEach(() => s3Mock.reset());

it('copies an upload into the vault with aws:kms, the vault key, the pupil context and the same source version', async () => {
  s3Mock.on(CopyObjectCommand).resolves({});
  await new VaultObjects(s3, 'vault-bucket', KEY).copyIntoVault({
    sourceKey: `quarantine/${SCHOOL}/upload-1`,
    sourceETag: '"abc"',
    targetKey: `vault/${SCHOOL}/${PUPIL}/doc-1`,
    schoolId: SCHOOL,
    pupilId: PUPIL,
    contentType: 'application/pdf',
  });
  const [call] = s3Mock.commandCalls(CopyObjectCommand);
  const input = call!.args[0].input;
  expect(input).toEqual({
    Bucket: 'vault-bucket',
    Key: `vault/${SCHOOL}/${PUPIL}/doc-1`,
    CopySource: `vault-bucket/quarantine/${SCHOOL}/upload-1`,
    CopySourceIfMatch: '"abc"',
    MetadataDirective: 'REPLACE',
    ContentType: 'application/pdf',
    ServerSideEncryption: 'aws:kms',
    SSEKMSKeyId: KEY,
    SSEKMSEncryptionContext: expect.any(String),
    BucketKeyEnabled: true,
  });
  expect(context(input.SSEKMSEncryptionContext)).toEqual({ schoolId: SCHOOL, pupilId: PUPIL });
});

it('stores an export with aws:kms, the vault key and a school context', async () => {
  s3Mock.on(PutObjectCommand).resolves({});
  s3Mock.on(CreateMultipartUploadCommand).rejects(new Error('a small export is one PutObject'));
  const store = new ExportStore(
    s3,
    'vault-bucket',
    KEY,
    () => new Date(),
    () => 'export-1',
  );
  const stored = await store.put(SCHOOL, 'documents.zip', 'application/zip', Buffer.from('PK'));
  expect(stored.key).toBe(`exports/${SCHOOL}/export-1/documents.zip`);
  const [call] = s3Mock.commandCalls(PutObjectCommand);
  const input = call!.args[0].input;
  expect(input).toEqual(
    expect.objectContaining({
      Key: stored.key,
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: KEY,
      ContentType: 'application/zip',
    }),
  );
  expect(context(input.SSEKMSEncryptionContext)).toEqual({ schoolId: SCHOOL, purpose: 'export' });
});

it('grants a 5-minute browser POST whose policy pins the key, the type, the exact size and SSE-KMS', async () => {
  const now = new Date('2026-11-22T10:00:00.000Z');
  const granted = await new VaultObjects(s3, 'vault-bucket', KEY, () => now).presignUpload(
    `quarantine/${SCHOOL}/upload-1`,
    'application/pdf',
    1234,
  );
  expect(granted.fields).toEqual(
    expect.objectContaining({
      key: `quarantine/${SCHOOL}/upload-1`,
      'Content-Type': 'application/pdf',
      'x-amz-server-side-encryption': 'aws:kms',
      'x-amz-server-side-encryption-aws-kms-key-id': KEY,
    }),
  );
  const policy = JSON.parse(Buffer.from(granted.fields.Policy ?? '', 'base64').toString('utf8')) as {
    expiration: string;
    conditions: unknown[];
  };
  expect(new Date(policy.expiration).getTime() - Date.now()).toBeLessThanOrEqual(300_000);
  expect(policy.conditions).toEqual(
    expect.arrayContaining([
      { bucket: 'vault-bucket' },
      { key: `quarantine/${SCHOOL}/upload-1` },
      ['content-length-range', 1234, 1234],
      ['eq', '$Content-Type', 'application/pdf'],
      { 'x-amz-server-side-encryption': 'aws:kms' },
      { 'x-amz-server-side-encryption-aws-kms-key-id': KEY },
    ]),
  );
  expect(granted.expiresAt).toBe('2026-11-22T10:05:00.000Z');
});

it('signs a download for 60 seconds that saves the file under its (UTF-8) name', async () => {
  const url = new URL(
    await new VaultObjects(s3, 'vault-bucket', KEY).presignDownload(
      'vault/a/b/c',
      'Zoë "notes".pdf',
      'application/pdf',
    ),
  );
  expect(url.searchParams.get('X-Amz-Expires')).toBe('60');
  expect(url.searchParams.get('response-content-disposition')).toBe(
    `attachment; filename="Zo_ _notes_.pdf"; filename*=UTF-8''Zo%C3%AB%20%22notes%22.pdf`,
  );
  expect(url.searchParams.get('response-content-type')).toBe('application/pdf');
});

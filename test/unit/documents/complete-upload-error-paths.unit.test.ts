/**
 * Completing an upload when S3 fails (aws-sdk-client-mock): a copy that fails because a parallel
 * completion already stored the document returns that document; any other failure stores nothing.
 */
import { Readable } from 'node:stream';
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { buildAccessProfile } from '../../../lib/access/authorisation';
import { defaultSchoolSettings } from '../../../lib/access/school-settings';
import { documentKeys } from '../../../lib/data/keys';
import type { VaultDocument } from '../../../lib/documents/document';
import { DocumentRepository } from '../../../lib/documents/document-repository';
import { DocumentService } from '../../../lib/documents/document-service';
import { ExportStore } from '../../../lib/documents/export-store';
import type { PendingUpload } from '../../../lib/documents/pending-upload';
import { VaultObjects } from '../../../lib/documents/vault-objects';

const SCHOOL = '00000000-0000-4000-8000-00000000000a';
const PUPIL = '00000000-0000-4000-8000-0000000000b1';
const PERSON = '00000000-0000-4000-8000-000000000001';
const UPLOAD = '00000000-0000-4000-8000-0000000000c1';
const DOCUMENT = '00000000-0000-4000-8000-0000000000d1';
const NOW = new Date('2026-11-22T10:00:00.000Z');
const PDF = Buffer.from('%PDF-1.7\n%%EOF\n');

const s3 = new S3Client({ region: 'eu-west-2', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2' }));
const s3Mock = mockClient(s3);
const dynamoMock = mockClient(dynamo);

const pending: PendingUpload = {
  uploadId: UPLOAD,
  schoolId: SCHOOL,
  pupilId: PUPIL,
  documentId: DOCUMENT,
  uploader: { personId: PERSON, name: 'Tom Reed' },
  fileName: 'a.pdf',
  fileTypeId: 'pdf',
  sizeBytes: PDF.byteLength,
  quarantineKey: `quarantine/${SCHOOL}/${UPLOAD}`,
  createdAt: NOW.toISOString(),
  expiresAt: Math.floor(NOW.getTime() / 1000) + 3600,
};

const stored: VaultDocument = {
  documentId: DOCUMENT,
  schoolId: SCHOOL,
  pupilId: PUPIL,
  fileName: 'a.pdf',
  contentType: 'application/pdf',
  sizeBytes: PDF.byteLength,
  sha256: 'a'.repeat(64),
  objectKey: `vault/${SCHOOL}/${PUPIL}/${DOCUMENT}`,
  categoryIds: [],
  uploadedAt: NOW.toISOString(),
  uploadedBy: { personId: PERSON, name: 'Tom Reed' },
  training: false,
};

const audit = { record: jest.fn(() => Promise.resolve()) };
const service = new DocumentService({
  repository: new DocumentRepository(dynamo, 't'),
  objects: new VaultObjects(s3, 'vault', 'key'),
  exports: new ExportStore(s3, 'vault', 'key'),
  pupils: { get: () => Promise.resolve({ schoolId: SCHOOL, classIds: [] }) },
  audit,
  now: () => NOW,
});

const viewer = {
  access: buildAccessProfile({
    personId: PERSON,
    schoolId: SCHOOL,
    elevated: false,
    group: undefined,
    settings: defaultSchoolSettings(SCHOOL, NOW.toISOString()),
    classGroups: [],
  }),
  actor: {
    schoolId: SCHOOL,
    personId: PERSON,
    actorName: 'Tom Reed',
    sourceIp: 'ip',
    userAgent: 'ua',
    requestId: 'r',
  },
};

const pendingKey = documentKeys.pendingUpload(SCHOOL, UPLOAD);

beforeEach(() => {
  s3Mock.reset();
  dynamoMock.reset();
  audit.record.mockClear();
  // The service reads Body as a Node stream, which is what the SDK gives on Node; the SDK's own mixin
  // type is not needed for that.
  s3Mock.on(GetObjectCommand).resolves({ Body: Readable.from([PDF]) as never, ETag: '"e"' });
  s3Mock.on(DeleteObjectCommand).resolves({});
});

it('returns the document a parallel completion stored when the copy finds the upload gone', async () => {
  dynamoMock
    .on(GetCommand, { Key: pendingKey })
    .resolvesOnce({ Item: pending })
    .resolves({ Item: { ...pending, completedAt: NOW.toISOString() } });
  dynamoMock
    .on(GetCommand, { Key: documentKeys.document(SCHOOL, PUPIL, DOCUMENT) })
    .resolves({ Item: stored });
  s3Mock.on(CopyObjectCommand).rejects(Object.assign(new Error('gone'), { name: 'NoSuchKey' }));

  await expect(service.completeUpload(viewer, UPLOAD)).resolves.toEqual(stored);
  expect(dynamoMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
  expect(audit.record).not.toHaveBeenCalled();
});

it('stores nothing and audits nothing when the copy fails for any other reason', async () => {
  dynamoMock.on(GetCommand, { Key: pendingKey }).resolves({ Item: pending });
  s3Mock.on(CopyObjectCommand).rejects(Object.assign(new Error('slow down'), { name: 'SlowDown' }));

  await expect(service.completeUpload(viewer, UPLOAD)).rejects.toThrow('slow down');
  expect(dynamoMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
  expect(audit.record).not.toHaveBeenCalled();
});

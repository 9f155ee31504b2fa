/**
 * The document vault over HTTP with the real stand-ins: a browser-style upload through the presigned
 * POST into quarantine, the check on completion, storage under vault/ with SSE-KMS (seen on the wire
 * through a recording proxy, since s3rver ignores it), listing, downloads that return the same bytes,
 * zips, removal, and every refusal.
 */
import { createHash, randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { fromBuffer, type Entry } from 'yauzl';
import { accessKeys, auditKeys, dashboardKeys, documentKeys } from '../../../lib/data/keys';
import { attachmentWrites } from '../../../lib/documents/attachment-writes';
import { DocumentRepository } from '../../../lib/documents/document-repository';
import { DocumentSharing, sharedDocumentId } from '../../../lib/documents/document-sharing';
import { VaultObjects } from '../../../lib/documents/vault-objects';
import type { Pupil } from '../../../lib/pupils/pupil';
import { PupilRepository } from '../../../lib/pupils/pupil-repository';
import { startApiHarness, type ApiHarness } from '../../support/api-harness';
import { demoStaff, signInAs, signInElevated, type StaffClient } from '../../support/staff-client';
import { startRecordingS3Proxy, type RecordingS3Proxy } from './recording-s3-proxy';
import { postToStorage, requestUpload, uploadDocument, type UploadedDocument } from './vault-client';

let harness: ApiHarness;
let proxy: RecordingS3Proxy;
let standInS3: string;
let tom: StaffClient;
let dana: StaffClient;
let ravi: StaffClient;
let oakfieldPupil: string;
let riversidePupil: string;
const openCategory = 'vault-open';
const protectedCategory = 'vault-protected';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function newPupil(schoolId: string): Pupil {
  return {
    pupilId: randomUUID(),
    schoolId,
    legalForename: 'Ada',
    legalSurname: 'Vault',
    dateOfBirth: '2014-03-02',
    gender: 'F',
    classIds: [],
    archived: false,
    source: 'manual',
    monitoredCategoryIds: [],
    createdAt: '2025-01-06T09:00:00.000Z',
    updatedAt: '2025-01-06T09:00:00.000Z',
    version: 1,
  };
}

/** Lets the Oakfield DSL group view incidents in one category and not in another. */
async function grantOpenCategoryToDsl(schoolId: string): Promise<void> {
  const groups = await harness.table.dynamo.send(
    new QueryCommand({
      TableName: harness.table.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: {
        ':pk': accessKeys.schoolPartition(schoolId),
        ':prefix': accessKeys.userGroupPrefix,
      },
    }),
  );
  const dsl = (groups.Items ?? []).find((item) => /safeguarding/i.test(String(item.name)));
  if (!dsl) throw new Error('No DSL group in the demo seed');
  const all = { viewStudents: true, viewIncidents: true, addIncidents: true };
  await harness.table.dynamo.send(
    new PutCommand({
      TableName: harness.table.tableName,
      Item: {
        ...dsl,
        categoryPermissions: {
          ...(dsl.categoryPermissions as Record<string, unknown>),
          [openCategory]: all,
          [protectedCategory]: { ...all, viewIncidents: false },
        },
      },
    }),
  );
}

async function attach(
  document: UploadedDocument,
  pupilId: string,
  uploader: StaffClient,
  categoryIds: string[],
) {
  await harness.table.dynamo.send(
    new TransactWriteCommand({
      TransactItems: attachmentWrites(
        harness.table.tableName,
        {
          schoolId: uploader.schoolId,
          pupilId,
          uploaderPersonId: uploader.personId,
          incidentId: randomUUID(),
          categoryIds,
          training: false,
        },
        [document.documentId],
      ),
    }),
  );
}

async function auditActions(schoolId: string, pupilId: string): Promise<string[]> {
  const result = await harness.table.dynamo.send(
    new QueryCommand({
      TableName: harness.table.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': auditKeys.pupilPartition(schoolId, pupilId) },
    }),
  );
  return (result.Items ?? []).map((item) => String(item.action));
}

async function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

beforeAll(async () => {
  standInS3 = process.env.AWS_ENDPOINT_URL_S3 ?? '';
  proxy = await startRecordingS3Proxy(standInS3);
  process.env.AWS_ENDPOINT_URL_S3 = proxy.endpoint;
  harness = await startApiHarness();
  [tom, dana, ravi] = await Promise.all([
    signInAs(harness.baseUrl, demoStaff('tom')),
    signInElevated(harness.baseUrl, 'dana'),
    signInAs(harness.baseUrl, demoStaff('ravi')),
  ]);
  const pupils = new PupilRepository(harness.table.dynamo, harness.table.tableName);
  const oakfield = newPupil(dana.schoolId);
  const riverside = newPupil(ravi.schoolId);
  await Promise.all([pupils.create(oakfield), pupils.create(riverside)]);
  oakfieldPupil = oakfield.pupilId;
  riversidePupil = riverside.pupilId;
  await grantOpenCategoryToDsl(dana.schoolId);
}, 120_000);

afterAll(async () => {
  await harness.close();
  await proxy.close();
  process.env.AWS_ENDPOINT_URL_S3 = standInS3;
});

describe('a file uploaded through the browser flow', () => {
  let uploaded: UploadedDocument;

  beforeAll(async () => {
    proxy.requests.length = 0;
    uploaded = await uploadDocument(tom, oakfieldPupil, 'Referral form.pdf', 'application/pdf', PDF);
  });

  it('is checked and stored with its real size and SHA-256, by a teacher without a key', () => {
    expect(uploaded.fileName).toBe('Referral form.pdf');
    expect(uploaded.sizeBytes).toBe(PDF.byteLength);
    expect(uploaded.sha256).toBe(sha256(PDF));
  });

  it('is moved to vault/<school>/<pupil>/<document> with SSE-KMS, the vault key and the pupil context, and leaves quarantine', async () => {
    const vaultPath = `/${process.env.VAULT_BUCKET}/vault/${tom.schoolId}/${oakfieldPupil}/${uploaded.documentId}`;
    const copy = proxy.requests.find(
      (request) => request.method === 'PUT' && request.path.startsWith(vaultPath),
    );
    expect(copy?.headers['x-amz-copy-source']).toMatch(`/quarantine/${tom.schoolId}/`);
    expect(copy?.headers['x-amz-server-side-encryption']).toBe('aws:kms');
    expect(copy?.headers['x-amz-server-side-encryption-aws-kms-key-id']).toBe(process.env.VAULT_KEY_ID);
    const context = JSON.parse(
      Buffer.from(String(copy?.headers['x-amz-server-side-encryption-context']), 'base64').toString('utf8'),
    ) as unknown;
    expect(context).toEqual({ schoolId: tom.schoolId, pupilId: oakfieldPupil });

    const s3 = new S3Client({ forcePathStyle: true, endpoint: standInS3 });
    const head = await s3.send(
      new HeadObjectCommand({
        Bucket: process.env.VAULT_BUCKET,
        Key: `vault/${tom.schoolId}/${oakfieldPupil}/${uploaded.documentId}`,
      }),
    );
    expect(head.ContentLength).toBe(PDF.byteLength);
    const quarantineDeletes = proxy.requests.filter(
      (request) => request.method === 'DELETE' && request.path.includes('/quarantine/'),
    );
    expect(quarantineDeletes).toHaveLength(1);
  });

  it('completes again to the same document', async () => {
    const grant = await requestUpload(tom, oakfieldPupil, 'again.pdf', 'application/pdf', PDF);
    await postToStorage(grant.body, PDF, 'again.pdf');
    const first = await tom.json<UploadedDocument>(
      'POST',
      `/api/vault/uploads/${grant.body.uploadId}/complete`,
    );
    const second = await tom.json<UploadedDocument>(
      'POST',
      `/api/vault/uploads/${grant.body.uploadId}/complete`,
    );
    expect(first.status).toBe(200);
    expect(second).toEqual(first);
  });

  it('is listed for a key holder, and the list is audited', async () => {
    const listed = await dana.json<{ items: UploadedDocument[] }>(
      'GET',
      `/api/vault/pupils/${oakfieldPupil}/documents`,
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item) => item.documentId)).toContain(uploaded.documentId);
    expect(await auditActions(dana.schoolId, oakfieldPupil)).toContain('document.list');
  });

  it('downloads through a one-minute presigned URL as the same bytes, saved under its name, audited first', async () => {
    const link = await dana.json<{ url: string; expiresAt: string }>(
      'POST',
      `/api/vault/pupils/${oakfieldPupil}/documents/${uploaded.documentId}/download`,
    );
    expect(link.status).toBe(200);
    expect(new Date(link.body.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(60_000);
    expect(new URL(link.body.url).searchParams.get('X-Amz-Expires')).toBe('60');
    const file = await fetch(link.body.url);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(sha256(bytes)).toBe(uploaded.sha256);
    expect(file.headers.get('content-disposition')).toContain('attachment; filename="Referral form.pdf"');
    expect(await auditActions(dana.schoolId, oakfieldPupil)).toContain('document.download');
  });

  it('is not listed or downloadable without a key', async () => {
    const listed = await tom.request('GET', `/api/vault/pupils/${oakfieldPupil}/documents`);
    const download = await tom.request(
      'POST',
      `/api/vault/pupils/${oakfieldPupil}/documents/${uploaded.documentId}/download`,
    );
    expect(listed.status).toBe(403);
    expect(download.status).toBe(403);
  });
});

describe('refused uploads', () => {
  it('refuses a file over the size limit with 413 naming sizeBytes', async () => {
    const response = await tom.json<{ errors: { field: string }[] }>('POST', '/api/vault/uploads', {
      pupilId: oakfieldPupil,
      fileName: 'huge.pdf',
      contentType: 'application/pdf',
      sizeBytes: 20 * 1024 * 1024 + 1,
    });
    expect(response.status).toBe(413);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'body.sizeBytes' })]);
  });

  it.each([
    ['setup.exe', 'application/x-msdownload', 'body.fileName'],
    ['page.html', 'text/html', 'body.fileName'],
    ['notes.pdf', 'text/html', 'body.contentType'],
  ])('refuses %s sent as %s', async (fileName, contentType, field) => {
    const response = await tom.json<{ errors: { field: string }[] }>('POST', '/api/vault/uploads', {
      pupilId: oakfieldPupil,
      fileName,
      contentType,
      sizeBytes: 100,
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field })]);
  });

  it('answers an unknown pupil and another school’s pupil alike (404)', async () => {
    for (const pupilId of [randomUUID(), riversidePupil]) {
      const response = await requestUpload(tom, pupilId, 'a.pdf', 'application/pdf', PDF);
      expect(response.status).toBe(404);
    }
  });

  it('refuses bytes that are not the declared type (422), deletes them and stores nothing', async () => {
    const html = Buffer.from('<!doctype html><script>alert(1)</script>');
    const grant = await requestUpload(tom, oakfieldPupil, 'report.pdf', 'application/pdf', html);
    expect((await postToStorage(grant.body, html, 'report.pdf')).ok).toBe(true);
    const refused = await tom.json<{ errors: { field: string; reason: string }[] }>(
      'POST',
      `/api/vault/uploads/${grant.body.uploadId}/complete`,
    );
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]?.reason).toContain('not a PDF document');
    const stored = await harness.table.dynamo.send(
      new GetCommand({
        TableName: harness.table.tableName,
        Key: documentKeys.document(tom.schoolId, oakfieldPupil, grant.body.documentId),
      }),
    );
    expect(stored.Item).toBeUndefined();
    const again = await tom.request('POST', `/api/vault/uploads/${grant.body.uploadId}/complete`);
    expect(again.status).toBe(404);
  });

  it('refuses a renamed executable', async () => {
    const executable = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    const grant = await requestUpload(tom, oakfieldPupil, 'photo.jpg', 'image/jpeg', executable);
    await postToStorage(grant.body, executable, 'photo.jpg');
    const refused = await tom.request('POST', `/api/vault/uploads/${grant.body.uploadId}/complete`);
    expect(refused.status).toBe(422);
  });

  it('lets only the uploader complete an upload', async () => {
    const grant = await requestUpload(tom, oakfieldPupil, 'mine.pdf', 'application/pdf', PDF);
    await postToStorage(grant.body, PDF, 'mine.pdf');
    const other = await dana.request('POST', `/api/vault/uploads/${grant.body.uploadId}/complete`);
    expect(other.status).toBe(404);
    const own = await tom.request('POST', `/api/vault/uploads/${grant.body.uploadId}/complete`);
    expect(own.status).toBe(200);
  });
});

describe('files attached to incidents', () => {
  it('are seen only by those who may view every category protecting them', async () => {
    const open = await uploadDocument(tom, oakfieldPupil, 'open.pdf', 'application/pdf', PDF);
    const hidden = await uploadDocument(tom, oakfieldPupil, 'hidden.pdf', 'application/pdf', PDF);
    await attach(open, oakfieldPupil, tom, [openCategory]);
    await attach(hidden, oakfieldPupil, tom, [openCategory, protectedCategory]);

    const listed = await dana.json<{ items: UploadedDocument[] }>(
      'GET',
      `/api/vault/pupils/${oakfieldPupil}/documents`,
    );
    const ids = listed.body.items.map((item) => item.documentId);
    expect(ids).toContain(open.documentId);
    expect(ids).not.toContain(hidden.documentId);
    expect(listed.body.items.find((item) => item.documentId === open.documentId)?.incidentId).toBeDefined();
    const download = await dana.request(
      'POST',
      `/api/vault/pupils/${oakfieldPupil}/documents/${hidden.documentId}/download`,
    );
    expect(download.status).toBe(404);
  });
});

describe('several files as one zip', () => {
  it('unzips to the same bytes, with repeated names told apart, each download audited', async () => {
    const files = [
      ['notes.txt', 'text/plain', Buffer.from('First note\n')],
      ['notes.txt', 'text/plain', Buffer.from('Second note\n')],
      ['letter.pdf', 'application/pdf', PDF],
    ] as const;
    const uploaded = [];
    for (const [name, type, bytes] of files)
      uploaded.push(await uploadDocument(tom, oakfieldPupil, name, type, bytes));
    const downloadsBefore = (await auditActions(dana.schoolId, oakfieldPupil)).filter(
      (action) => action === 'document.download',
    ).length;
    const link = await dana.json<{ url: string; fileName: string }>(
      'POST',
      `/api/vault/pupils/${oakfieldPupil}/zip`,
      {
        documentIds: uploaded.map((document) => document.documentId),
      },
    );
    expect(link.status).toBe(200);
    expect(link.body.fileName).toMatch(/\.zip$/);
    const zip = Buffer.from(await (await fetch(link.body.url)).arrayBuffer());
    const entries = await unzip(zip);
    expect([...entries.keys()].sort()).toEqual(['letter.pdf', 'notes (2).txt', 'notes.txt']);
    expect(entries.get('notes.txt')).toEqual(files[0][2]);
    expect(entries.get('notes (2).txt')).toEqual(files[1][2]);
    expect(entries.get('letter.pdf')).toEqual(PDF);
    const downloadsAfter = (await auditActions(dana.schoolId, oakfieldPupil)).filter(
      (action) => action === 'document.download',
    ).length;
    expect(downloadsAfter - downloadsBefore).toBe(3);

    const exportPut = proxy.requests.find(
      (request) => request.path.includes('/exports/') && request.method !== 'GET',
    );
    expect(exportPut?.headers['x-amz-server-side-encryption']).toBe('aws:kms');
  });

  it('refuses the whole zip when one file is not the viewer’s to see', async () => {
    const mine = await uploadDocument(tom, oakfieldPupil, 'z.pdf', 'application/pdf', PDF);
    const response = await dana.request('POST', `/api/vault/pupils/${oakfieldPupil}/zip`, {
      documentIds: [mine.documentId, randomUUID()],
    });
    expect(response.status).toBe(404);
  });
});

describe('removing a file', () => {
  it('keeps it as a marker with the reason for editors and refuses its download with 410', async () => {
    const document = await uploadDocument(tom, oakfieldPupil, 'wrong pupil.pdf', 'application/pdf', PDF);
    const removed = await dana.json<UploadedDocument>(
      'POST',
      `/api/vault/pupils/${oakfieldPupil}/documents/${document.documentId}/remove`,
      { reason: 'Uploaded to the wrong pupil' },
    );
    expect(removed.status).toBe(200);
    expect(removed.body.removed?.reason).toBe('Uploaded to the wrong pupil');
    const listed = await dana.json<{ items: UploadedDocument[] }>(
      'GET',
      `/api/vault/pupils/${oakfieldPupil}/documents`,
    );
    expect(listed.body.items.find((item) => item.documentId === document.documentId)?.removed).toBeDefined();
    const download = await dana.request(
      'POST',
      `/api/vault/pupils/${oakfieldPupil}/documents/${document.documentId}/download`,
    );
    expect(download.status).toBe(410);
    const again = await dana.request(
      'POST',
      `/api/vault/pupils/${oakfieldPupil}/documents/${document.documentId}/remove`,
      {
        reason: 'twice',
      },
    );
    expect(again.status).toBe(409);
    expect(await auditActions(dana.schoolId, oakfieldPupil)).toContain('document.remove');
  });
});

describe('alerting staff to a file', () => {
  interface StoredMail {
    readonly subject: string;
    readonly destination: { to: string[] };
    readonly body: { text: string };
  }

  async function mailTo(address: string): Promise<StoredMail[]> {
    const response = await fetch(`${process.env.AWS_ENDPOINT_URL_SESV2}/store`, {
      headers: { Authorization: 'AWS4-HMAC-SHA256 tests' },
    });
    const { emails } = (await response.json()) as { emails: StoredMail[] };
    return emails.filter((mail) => mail.destination.to.includes(address));
  }

  it('puts a DOC- alert on each dashboard and mails who added it, with no file or pupil name', async () => {
    const document = await uploadDocument(tom, oakfieldPupil, 'Secret plan.pdf', 'application/pdf', PDF);
    const before = (await mailTo(tom.email)).length;
    const alerted = await dana.json<{ alerted: number }>(
      'POST',
      `/api/vault/pupils/${oakfieldPupil}/documents/${document.documentId}/alert`,
      { personIds: [tom.personId], alertGroupIds: [] },
    );
    expect(alerted).toEqual({ status: 200, body: { alerted: 1 } });

    const entry = await harness.table.dynamo.send(
      new GetCommand({
        TableName: harness.table.tableName,
        Key: dashboardKeys.alert(dana.schoolId, tom.personId, `DOC-${document.documentId}`),
      }),
    );
    expect(entry.Item).toEqual(
      expect.objectContaining({
        pupilId: oakfieldPupil,
        alertedBy: { personId: dana.personId, name: expect.any(String) },
      }),
    );
    const mails = await mailTo(tom.email);
    expect(mails).toHaveLength(before + 1);
    const mail = mails[mails.length - 1]!;
    expect(mail.body.text).toContain('has added a document');
    expect(`${mail.subject}\n${mail.body.text}`).not.toMatch(/Secret plan|Ada|Vault/);
    expect(await auditActions(dana.schoolId, oakfieldPupil)).toContain('document.alert');
  });

  it('refuses someone who is not staff here, naming the field', async () => {
    const document = await uploadDocument(tom, oakfieldPupil, 'x.pdf', 'application/pdf', PDF);
    const refused = await dana.json<{ errors: { field: string }[] }>(
      'POST',
      `/api/vault/pupils/${oakfieldPupil}/documents/${document.documentId}/alert`,
      { personIds: [ravi.personId] },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'body.personIds.0' })]);
  });
});

describe('sharing attached files with a linked pupil', () => {
  it("puts a copy in the linked pupil's vault, under their prefix and their own categories, once", async () => {
    const pupils = new PupilRepository(harness.table.dynamo, harness.table.tableName);
    const linked = newPupil(tom.schoolId);
    await pupils.create(linked);
    const original = await uploadDocument(tom, oakfieldPupil, 'shared.pdf', 'application/pdf', PDF);
    const s3 = new S3Client({ forcePathStyle: true, endpoint: standInS3 });
    const repository = new DocumentRepository(harness.table.dynamo, harness.table.tableName);
    const sharing = new DocumentSharing(
      repository,
      new VaultObjects(s3, process.env.VAULT_BUCKET ?? '', process.env.VAULT_KEY_ID ?? ''),
      harness.table.tableName,
    );
    const incidentId = randomUUID();
    const request = {
      schoolId: tom.schoolId,
      fromPupilId: oakfieldPupil,
      uploaderPersonId: tom.personId,
      documentIds: [original.documentId],
      incidentId,
      training: false,
      targets: [{ pupilId: linked.pupilId, categoryIds: [openCategory] }],
      sharedAt: new Date().toISOString(),
    };
    const prepared = await sharing.prepare(request);
    await harness.table.dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          ...attachmentWrites(
            harness.table.tableName,
            { ...request, pupilId: oakfieldPupil, categoryIds: [openCategory] },
            [original.documentId],
          ),
          ...prepared.writes,
        ],
      }),
    );

    const copyId = sharedDocumentId(original.documentId, linked.pupilId);
    const listed = await dana.json<{ items: (UploadedDocument & { shared: boolean })[] }>(
      'GET',
      `/api/vault/pupils/${linked.pupilId}/documents`,
    );
    expect(listed.body.items).toEqual([
      expect.objectContaining({ documentId: copyId, incidentId, shared: true, sha256: original.sha256 }),
    ]);
    const link = await dana.json<{ url: string }>(
      'POST',
      `/api/vault/pupils/${linked.pupilId}/documents/${copyId}/download`,
    );
    expect(Buffer.from(await (await fetch(link.body.url)).arrayBuffer())).toEqual(PDF);
    // Once attached, the original cannot be shared or attached again.
    await expect(sharing.prepare(request)).rejects.toThrow(/not one of your uploads/);
  });
});

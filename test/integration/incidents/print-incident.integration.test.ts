/**
 * Printing one incident to PDF over HTTP (REC-6): the print is audited, the PDF is stored under
 * exports/ with SSE-KMS (seen on the wire through a recording proxy, since s3rver ignores it), and the
 * one-minute link downloads a PDF. Staff without a key, and incidents the viewer may not see, are refused.
 */
import { randomUUID } from 'node:crypto';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { PDFDocument } from '@cantoo/pdf-lib';
import type { Category } from '../../../lib/categories/category';
import { startApiHarness, type ApiHarness } from '../../support/api-harness';
import { demoStaff, signInAs, signInElevated, type StaffClient } from '../../support/staff-client';
import { startRecordingS3Proxy, type RecordingS3Proxy } from '../documents/recording-s3-proxy';
import { addPupil, categoriesOf, incidentBody, type Problem } from './incident-test-support';

let standInS3: string;
let proxy: RecordingS3Proxy;
let harness: ApiHarness;
let dana: StaffClient;
let tom: StaffClient;
let hannah: string;
let category: (name: string, parent?: string) => Category;
let incidentId: string;

beforeAll(async () => {
  standInS3 = process.env.AWS_ENDPOINT_URL_S3 ?? '';
  proxy = await startRecordingS3Proxy(standInS3);
  process.env.AWS_ENDPOINT_URL_S3 = proxy.endpoint;
  harness = await startApiHarness();
  [dana, tom] = await Promise.all([
    signInElevated(harness.baseUrl, 'dana'),
    signInAs(harness.baseUrl, demoStaff('tom')),
  ]);
  hannah = await addPupil(harness.table, dana.schoolId, 'Hannah', 'Greenwood');
  category = await categoriesOf(harness.table, dana.schoolId);
  const body = incidentBody(hannah, [category('Bullying').categoryId], {
    text: 'Seen crying at the gate. '.repeat(400),
    bodyMap: [{ view: 'front', x: 0.4, y: 0.3, note: 'bruise' }],
  });
  const added = await tom.json('POST', '/api/incidents', body);
  expect(added.status).toBe(201);
  incidentId = body.incidentId;
}, 120_000);

afterAll(async () => {
  await harness.close();
  await proxy.close();
  process.env.AWS_ENDPOINT_URL_S3 = standInS3;
});

it('stores the PDF under exports/ with KMS and links to it for a minute, auditing the print', async () => {
  proxy.requests.length = 0;
  const link = await dana.json<{ url: string; fileName: string; expiresAt: string }>(
    'POST',
    `/api/incidents/${incidentId}/print`,
    { pupilId: hannah },
  );
  expect(link.status).toBe(200);
  expect(link.body.fileName).toMatch(/^incident-\d+\.pdf$/);
  expect(new Date(link.body.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(60_000);

  const put = proxy.requests.find(
    (request) => request.path.includes('/exports/') && request.method === 'PUT',
  );
  expect(put?.headers['x-amz-server-side-encryption']).toBe('aws:kms');
  const listed = await new S3Client({ forcePathStyle: true, endpoint: standInS3 }).send(
    new ListObjectsV2Command({
      Bucket: process.env.VAULT_BUCKET,
      Prefix: `exports/${dana.schoolId}/`,
    }),
  );
  expect(listed.Contents?.map((object) => object.Key)).toEqual(
    expect.arrayContaining([expect.stringMatching(new RegExp(`/${link.body.fileName}$`))]),
  );

  const download = await fetch(link.body.url);
  expect(download.status).toBe(200);
  const bytes = Buffer.from(await download.arrayBuffer());
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const doc = await PDFDocument.load(bytes);
  expect(doc.getPageCount()).toBeGreaterThan(1);
  expect(doc.getTitle()).toMatch(/^Incident \d+ – Oakfield/);

  const audit = await dana.json<{ items: { action: string; resourceId: string }[] }>(
    'GET',
    `/api/audit/pupils/${hannah}`,
  );
  expect(audit.body.items).toEqual(
    expect.arrayContaining([expect.objectContaining({ action: 'incident.print', resourceId: incidentId })]),
  );
});

it('refuses staff without a key (they record concerns, they do not print records)', async () => {
  const response = await tom.json<Problem>('POST', `/api/incidents/${incidentId}/print`, { pupilId: hannah });
  expect(response.status).toBe(403);
});

it('answers 404 for an unknown incident or a pupil not on it, and 400 naming a bad pupil id', async () => {
  const unknown = await dana.json<Problem>('POST', `/api/incidents/${randomUUID()}/print`, {
    pupilId: hannah,
  });
  expect(unknown.status).toBe(404);
  const other = await addPupil(harness.table, dana.schoolId, 'Other', 'Pupil');
  const notOnIt = await dana.json<Problem>('POST', `/api/incidents/${incidentId}/print`, { pupilId: other });
  expect(notOnIt.status).toBe(404);
  const bad = await dana.json<Problem>('POST', `/api/incidents/${incidentId}/print`, { pupilId: 'x' });
  expect(bad.status).toBe(400);
  expect(bad.body.errors?.[0]?.field).toBe('body.pupilId');
});

/**
 * The transfer copy (TRF-4) and its manifest (BYD-2) against DynamoDB Local and the S3 stand-in through
 * the real SDK clients: what moves and what does not, names replaced and hidden, text verbatim, Legacy
 * categories disabled with no group permissions, files re-encrypted under the new school's context (seen
 * on the wire, since s3rver ignores SSE) with the same bytes, the previous school untouched; no incidents
 * with no transferable category; a crash at each kind of step then a resume from the same cursor giving
 * exactly the plan; a second complete run writing nothing.
 */
import { randomUUID } from 'node:crypto';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { UserGroupSchema } from '../../../lib/access/user-group';
import { CategoryRepository } from '../../../lib/categories/category-repository';
import { accessKeys, categoryKeys, incidentKeys, pupilKeys } from '../../../lib/data/keys';
import { documentEncryptionContext } from '../../../lib/documents/object-keys';
import { SchoolRepository } from '../../../lib/schools/school-repository';
import { SchoolService } from '../../../lib/schools/school-service';
import type { School } from '../../../lib/schools/school';
import { setSha256 } from '../../../lib/transfers/copy/copy-manifest';
import { hiddenPupilIdOf, newIdOf } from '../../../lib/transfers/copy/copy-records';
import {
  TransferCopier,
  type CopyRequest,
  type TransferCopierDependencies,
} from '../../../lib/transfers/copy/transfer-copier';
import type { TransferManifest } from '../../../lib/transfers/transfer';
import { addPupil, categoriesOf } from '../incidents/incident-test-support';
import { startRecordingS3Proxy, type RecordingS3Proxy } from '../documents/recording-s3-proxy';
import { createTestTable, type TestTable } from '../../support/test-table';
import { seedPupilRecords, sha256Hex, type SeededRecords } from '../../support/transfer-records';

const KEY = 'alias/lantern-vault';
let table: TestTable;
let proxy: RecordingS3Proxy;
let s3: S3Client;
let bucket: string;
let oakfield: School;
let riverside: School;
let fromPupilId: string;
let transferable: string[];
let seeded: SeededRecords;
const recorder = { personId: randomUUID(), name: 'Dana Shah' };
const linkedPupilId = randomUUID();

const pdf = (label: string, size = 2048) =>
  Buffer.concat([Buffer.from(`%PDF-1.7 ${label}\n`), Buffer.alloc(size, label.length)]);

beforeAll(async () => {
  table = await createTestTable('transfer-copy');
  proxy = await startRecordingS3Proxy(process.env.AWS_ENDPOINT_URL_S3 ?? '');
  s3 = new S3Client({ forcePathStyle: true, endpoint: proxy.endpoint });
  bucket = `vault-${randomUUID().slice(0, 8)}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const schools = new SchoolService(new SchoolRepository(table.dynamo, table.tableName), 'eu-west-2');
  const school = (urn: string, name: string) =>
    schools.create({
      urn,
      laNumber: '999',
      establishmentNumber: urn.slice(2),
      name,
      timeZone: 'Europe/London',
    });
  [oakfield, riverside] = await Promise.all([
    school('991001', 'Oakfield Primary School'),
    school('991002', 'Riverside Academy'),
  ]);
  fromPupilId = await addPupil(table, oakfield.schoolId, 'Ada', 'Moved');
  const category = await categoriesOf(table, oakfield.schoolId);
  const bullying = category('Bullying').categoryId;
  const cyber = category('Cyber', 'Bullying').categoryId;
  const childProtection = category('Child protection').categoryId;
  const attendance = category('Attendance').categoryId;
  transferable = [bullying, cyber, childProtection];
  seeded = await seedPupilRecords(
    table.dynamo,
    table.tableName,
    { s3, bucket, keyId: KEY },
    { schoolId: oakfield.schoolId, pupilId: fromPupilId, displayName: 'Ada Moved' },
    recorder,
    [
      {
        text: 'Said an older pupil took her phone on the way to school.\nWitnessed by a friend.',
        categoryIds: [bullying],
        occurredAt: '2025-02-03T08:40:00.000Z',
        linked: [{ pupilId: linkedPupilId, displayName: 'Ben Linked', role: 'witness' }],
        referredTo: [randomUUID()],
        files: [{ fileName: 'statement.pdf', bytes: pdf('statement') }],
        actions: [
          {
            text: 'Spoke with both pupils; phone returned.',
            files: [{ fileName: 'notes.pdf', bytes: pdf('notes') }],
          },
          { text: 'Recorded twice by mistake.', deleted: true },
        ],
      },
      {
        text: 'Messages sent to her at night by a group chat.',
        categoryIds: [cyber, attendance],
        occurredAt: '2025-03-10T12:00:00.000Z',
        actions: [{ text: 'Parent informed by phone.' }, { text: 'Practice action.', training: true }],
      },
      {
        text: 'Late three times this week.',
        categoryIds: [attendance],
        occurredAt: '2025-04-01T09:00:00.000Z',
        files: [{ fileName: 'late-register.pdf', bytes: pdf('late') }],
      },
      {
        text: 'Deleted concern.',
        categoryIds: [childProtection],
        occurredAt: '2025-04-02T09:00:00.000Z',
        deleted: true,
      },
      {
        text: 'Training concern.',
        categoryIds: [childProtection],
        occurredAt: '2025-04-03T09:00:00.000Z',
        training: true,
      },
    ],
    [
      { fileName: 'report.pdf', bytes: pdf('report', 70_000) },
      { fileName: 'wrong-pupil.pdf', bytes: pdf('wrong'), removed: true },
      { fileName: 'practice.pdf', bytes: pdf('practice'), training: true },
    ],
  );
});

afterAll(async () => {
  s3.destroy();
  await proxy.close();
  await table.drop();
});

function copierWith(options: Partial<TransferCopierDependencies> = {}): TransferCopier {
  return new TransferCopier({
    dynamo: table.dynamo,
    s3,
    tableName: table.tableName,
    vaultBucket: bucket,
    keyId: KEY,
    ...options,
  });
}

async function newTransfer(categoryIds: readonly string[] = transferable): Promise<CopyRequest> {
  return {
    transferId: randomUUID(),
    from: { schoolId: oakfield.schoolId, schoolName: oakfield.name, pupilId: fromPupilId },
    to: { schoolId: riverside.schoolId, pupilId: await addPupil(table, riverside.schoolId, 'Ada', 'Moved') },
    categoryIds,
  };
}

/** Calls copy until done, as the lifecycle's loop does; answers the manifest and how many calls it took. */
async function copyToEnd(
  copier: TransferCopier,
  request: CopyRequest,
  budgetMs = 60_000,
  cursor?: string,
): Promise<{ manifest: TransferManifest; calls: number; cursors: string[] }> {
  const cursors: string[] = [];
  for (let calls = 1; calls < 1000; calls += 1) {
    const progress = await copier.copy(request, cursor, budgetMs);
    if (progress.done) return { manifest: progress.manifest, calls, cursors };
    expect(progress.cursor.length).toBeLessThan(1024);
    cursors.push(progress.cursor);
    cursor = progress.cursor;
  }
  throw new Error('The copy never finished');
}

async function partition(pk: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.dynamo.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

async function everything(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.dynamo.send(
      new ScanCommand({ TableName: table.tableName, ExclusiveStartKey: startKey, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items.sort((a, b) =>
    `${String(a.PK)}|${String(a.SK)}`.localeCompare(`${String(b.PK)}|${String(b.SK)}`),
  );
}

const previousSchoolItems = async () =>
  (await everything()).filter((item) => String(item.PK).startsWith(`SCHOOL#${oakfield.schoolId}`));

async function counter(schoolId: string): Promise<number> {
  const result = await table.dynamo.send(
    new GetCommand({ TableName: table.tableName, Key: incidentKeys.counter(schoolId), ConsistentRead: true }),
  );
  return typeof result.Item?.value === 'number' ? result.Item.value : 0;
}

const ofType = (items: readonly Record<string, unknown>[], type: string) =>
  items.filter((item) => item.itemType === type);

const EXPECTED = { incidents: 2, actions: 2, files: 3 };

describe('the transfer copy', () => {
  it('copies incidents with a transferable category, their actions and files, and the standalone vault', async () => {
    const request = await newTransfer();
    const before = await previousSchoolItems();
    const counterBefore = await counter(riverside.schoolId);
    proxy.requests.length = 0;

    const { manifest } = await copyToEnd(copierWith(), request);

    expect(manifest.counts).toEqual(EXPECTED);
    expect(await previousSchoolItems()).toEqual(before);
    expect(await counter(riverside.schoolId)).toBe(counterBefore + 2);

    const [moving, , notMoving] = seeded.incidents;
    const items = await partition(pupilKeys.partition(riverside.schoolId, request.to.pupilId));
    const copies = ofType(items, 'ChronologyIncident');
    expect(copies.map((copy) => copy.text).sort()).toEqual([moving!.text, seeded.incidents[1]!.text].sort());
    expect(copies.map((copy) => copy.number).sort()).toEqual([counterBefore + 1, counterBefore + 2]);
    const school = { personId: oakfield.schoolId, name: oakfield.name };
    const first = copies.find((copy) => copy.text === moving!.text)!;
    expect(first).toMatchObject({
      incidentId: newIdOf(request.transferId, moving!.incidentId),
      schoolId: riverside.schoolId,
      pupilId: request.to.pupilId,
      recordedBy: school,
      agencyIds: [],
      bodyMap: moving!.bodyMap,
      otherPupils: [
        {
          pupilId: hiddenPupilIdOf(request.transferId, linkedPupilId),
          displayName: 'Name hidden',
          role: 'witness',
        },
      ],
      referral: {
        decision: 'referred',
        agencyIds: [],
        rationale: 'Threshold met for a referral.',
        decidedBy: school,
      },
      transferredFrom: { transferId: request.transferId, schoolName: oakfield.name, number: moving!.number },
    });
    expect(first.assignedTo).toBeUndefined();
    expect(JSON.stringify(items)).not.toContain('Dana Shah');
    expect(JSON.stringify(items)).not.toContain('Ben Linked');
    expect(copies.some((copy) => copy.text === notMoving!.text)).toBe(false);

    const incident = (
      await table.dynamo.send(
        new GetCommand({
          TableName: table.tableName,
          Key: incidentKeys.incident(riverside.schoolId, String(first.incidentId)),
        }),
      )
    ).Item!;
    expect(incident.pupils).toEqual([
      {
        pupilId: request.to.pupilId,
        displayName: 'Ada Moved',
        role: 'subject',
        categoryIds: first.categoryIds,
      },
    ]);
    expect(incident).toMatchObject({ updatedBy: school, alertedPersonIds: [], training: false, version: 1 });

    const actions = ofType(items, 'ChronologyAction');
    expect(actions.map((action) => action.text).sort()).toEqual([
      'Parent informed by phone.',
      'Spoke with both pupils; phone returned.',
    ]);
    expect(actions.every((action) => (action.recordedBy as { name: string }).name === oakfield.name)).toBe(
      true,
    );

    // Legacy categories: disabled, named after the previous school's, and nobody may see them.
    const categories = await new CategoryRepository(table.dynamo, table.tableName).list(riverside.schoolId);
    const legacy = categories.find((category) => category.name === 'Legacy' && !category.parentId)!;
    expect(legacy.disabled).toBe(true);
    const subs = categories.filter((category) => category.parentId === legacy.categoryId);
    expect(subs.map((category) => category.name).sort()).toEqual([
      'Attendance',
      'Bullying',
      'Bullying: Cyber',
    ]);
    expect(subs.every((category) => category.disabled)).toBe(true);
    const legacyIds = [legacy.categoryId, ...subs.map((category) => category.categoryId)];
    expect(copies.flatMap((copy) => copy.categoryIds as string[]).every((id) => legacyIds.includes(id))).toBe(
      true,
    );
    for (const category of [legacy, ...subs]) {
      const guard = await table.dynamo.send(
        new GetCommand({
          TableName: table.tableName,
          Key: categoryKeys.categoryName(riverside.schoolId, category.parentId, category.name),
        }),
      );
      expect(guard.Item?.categoryId).toBe(category.categoryId);
    }
    const groups = (await partition(accessKeys.schoolPartition(riverside.schoolId)))
      .filter((item) => item.itemType === 'UserGroup')
      .map((item) => UserGroupSchema.parse(item));
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups) {
      for (const id of legacyIds) expect(group.categoryPermissions[id]).toBeUndefined();
    }

    // Files: the same bytes at the new school's keys, copied under its encryption context.
    const moved = seeded.documents.filter((document) =>
      ['statement.pdf', 'notes.pdf', 'report.pdf'].includes(document.fileName),
    );
    expect(manifest.files.map((file) => file.fileName).sort()).toEqual([
      'notes.pdf',
      'report.pdf',
      'statement.pdf',
    ]);
    expect(manifest.files.map((file) => file.documentId)).toEqual(
      manifest.files.map((file) => file.documentId).sort(),
    );
    expect(manifest.setSha256).toBe(setSha256(manifest.files));
    expect(manifest.totalBytes).toBe(moved.reduce((sum, document) => sum + document.sizeBytes, 0));
    const context = documentEncryptionContext(riverside.schoolId, request.to.pupilId);
    for (const source of moved) {
      const documentId = newIdOf(request.transferId, source.documentId);
      const file = manifest.files.find((entry) => entry.documentId === documentId)!;
      expect(file).toEqual({
        documentId,
        fileName: source.fileName,
        sizeBytes: source.sizeBytes,
        sha256: source.sha256,
      });
      const key = `vault/${riverside.schoolId}/${request.to.pupilId}/${documentId}`;
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      expect(sha256Hex(await object.Body!.transformToByteArray())).toBe(source.sha256);
      const copy = proxy.requests.find((entry) => entry.method === 'PUT' && entry.path.includes(documentId));
      expect(copy?.headers['x-amz-copy-source']).toContain(source.documentId);
      expect(copy?.headers['x-amz-server-side-encryption']).toBe('aws:kms');
      expect(copy?.headers['x-amz-server-side-encryption-context']).toBe(context);
    }
    const vault = ofType(items, 'VaultDocument');
    const attached = vault.find((document) => document.fileName === 'notes.pdf')!;
    const action = actions.find((entry) => entry.text === 'Spoke with both pupils; phone returned.')!;
    expect(attached).toMatchObject({
      actionId: action.actionId,
      incidentId: first.incidentId,
      uploadedBy: school,
    });
    expect(action.documentIds).toEqual([attached.documentId]);
    expect(first.documentIds).toEqual([
      vault.find((document) => document.fileName === 'statement.pdf')!.documentId,
    ]);
    expect(vault.find((document) => document.fileName === 'report.pdf')).toMatchObject({ categoryIds: [] });
  });

  it('moves no incidents when no category is transferable, and still the standalone vault', async () => {
    const request = await newTransfer([]);
    const counterBefore = await counter(riverside.schoolId);
    const { manifest } = await copyToEnd(copierWith(), request);
    expect(manifest.counts).toEqual({ incidents: 0, actions: 0, files: 1 });
    expect(manifest.files.map((file) => file.fileName)).toEqual(['report.pdf']);
    expect(await counter(riverside.schoolId)).toBe(counterBefore);
    const items = await partition(pupilKeys.partition(riverside.schoolId, request.to.pupilId));
    expect(ofType(items, 'ChronologyIncident')).toHaveLength(0);
  });

  it.each([
    ['categories', 1],
    ['numbers', 1],
    ['incident', 2],
    ['chronology-incident', 2],
    ['chronology-action', 2],
    ['file', 2],
    ['document', 3],
    ['complete', 1],
  ])('resumes after a crash at the %s step (call %i) with exactly the plan', async (step, nth) => {
    const request = await newTransfer();
    const counterBefore = await counter(riverside.schoolId);
    let seen = 0;
    let crashed = false;
    const crashing = copierWith({
      pageItems: 3,
      beforeWrite: (label) => {
        if (label !== step || crashed) return;
        seen += 1;
        if (seen === nth) {
          crashed = true;
          throw new Error(`Injected crash at ${label}`);
        }
      },
    });
    let cursor: string | undefined;
    let failure: unknown;
    for (;;) {
      try {
        const progress = await crashing.copy(request, cursor, 0);
        if (progress.done) break;
        cursor = progress.cursor;
      } catch (error) {
        failure = error;
        break;
      }
    }
    expect(String(failure)).toContain(`Injected crash at ${step}`);

    const { manifest } = await copyToEnd(copierWith({ pageItems: 3 }), request, 0, cursor);

    expect(manifest.counts).toEqual(EXPECTED);
    expect(await counter(riverside.schoolId)).toBe(counterBefore + 2);
    const items = await partition(pupilKeys.partition(riverside.schoolId, request.to.pupilId));
    expect(ofType(items, 'ChronologyIncident')).toHaveLength(EXPECTED.incidents);
    expect(ofType(items, 'ChronologyAction')).toHaveLength(EXPECTED.actions);
    expect(ofType(items, 'VaultDocument')).toHaveLength(EXPECTED.files);
    const numbers = await Promise.all(
      ofType(items, 'ChronologyIncident').map((copy) =>
        table.dynamo.send(
          new GetCommand({
            TableName: table.tableName,
            Key: incidentKeys.number(riverside.schoolId, Number(copy.number)),
          }),
        ),
      ),
    );
    expect(numbers.map((number) => String(number.Item?.incidentId)).sort()).toEqual(
      ofType(items, 'ChronologyIncident')
        .map((copy) => String(copy.incidentId))
        .sort(),
    );
  });

  it('writes nothing when run to completion a second time', async () => {
    const request = await newTransfer();
    const first = await copyToEnd(copierWith({ pageItems: 4 }), request, 0);
    const before = await everything();
    const steps: string[] = [];
    const again = await copyToEnd(
      copierWith({ pageItems: 4, beforeWrite: (step) => steps.push(step) }),
      request,
      0,
    );
    expect(await everything()).toEqual(before);
    expect(steps).toEqual([]);
    expect({ ...again.manifest, producedAt: '' }).toEqual({ ...first.manifest, producedAt: '' });
    expect(first.calls).toBeGreaterThan(1);
  });
});

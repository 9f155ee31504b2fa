/**
 * The transfer copy's figures (issue 6) on the local stand-ins, through the real copier and SDK clients:
 * a pupil with 500 incidents, 1,500 actions and 50 files totalling 100 MB moves from one school to
 * another, end to end (plan, Legacy categories, numbers, records, files re-encrypted and hashed, manifest),
 * called in a loop with a budget per call as the lifecycle's Transferring state does; then the same
 * transfer again, which must write nothing. Capacity comes from ReturnConsumedCapacity on every call
 * (lib/platform/dynamo-observer.ts).
 */
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CategoryRepository } from '../../lib/categories/category-repository';
import { attachDynamoObserver, observeDynamo, type DynamoCall } from '../../lib/platform/dynamo-observer';
import { PupilRepository } from '../../lib/pupils/pupil-repository';
import { SchoolRepository } from '../../lib/schools/school-repository';
import { SchoolService } from '../../lib/schools/school-service';
import { TransferCopier, type CopyRequest } from '../../lib/transfers/copy/transfer-copier';
import type { TransferManifest } from '../../lib/transfers/transfer';
import { LOCAL_REGION } from '../../local/local-environment';
import { ensureTable } from '../../local/provision';
import { seedPupilRecords, type FileSpec, type IncidentSpec } from '../support/transfer-records';
import { seededRandom } from './bench-records';

const WRITES = new Set([
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
]);

/** What one call of the copier may take before it hands back a cursor (a Lambda task has 15 minutes). */
const BUDGET_MS = 60_000;

export interface TransferRun {
  readonly name: string;
  readonly seconds: number;
  readonly copyCalls: number;
  readonly writeCapacity: number;
  readonly readCapacity: number;
  readonly writeCalls: number;
  readonly readCalls: number;
  readonly manifest: TransferManifest;
}

export interface TransferBench {
  readonly incidents: number;
  readonly actions: number;
  readonly files: number;
  readonly fileBytes: number;
  readonly runs: readonly TransferRun[];
}

function capacity(calls: readonly DynamoCall[], writes: boolean): number {
  return calls
    .filter((call) => WRITES.has(call.command) === writes)
    .reduce(
      (sum, call) =>
        sum + call.consumedCapacity.reduce((inner, entry) => inner + (entry.CapacityUnits ?? 0), 0),
      0,
    );
}

async function addPupil(pupils: PupilRepository, schoolId: string): Promise<string> {
  const pupilId = randomUUID();
  const at = new Date().toISOString();
  await pupils.create({
    pupilId,
    schoolId,
    legalForename: 'Sam',
    legalSurname: 'Mover',
    dateOfBirth: '2013-05-01',
    gender: 'M',
    classIds: [],
    archived: false,
    source: 'manual',
    monitoredCategoryIds: [],
    createdAt: at,
    updatedAt: at,
    version: 1,
  });
  return pupilId;
}

export async function benchTransfer(
  endpoints: { readonly dynamodb: string; readonly s3: string },
  options: {
    readonly incidents: number;
    readonly actionsPerIncident: number;
    readonly files: number;
    readonly totalMegabytes: number;
  },
): Promise<TransferBench> {
  const client = new DynamoDBClient({ region: LOCAL_REGION, endpoint: endpoints.dynamodb });
  attachDynamoObserver(client);
  const dynamo = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const tableName = `bench-transfer-${randomUUID().slice(0, 8)}`;
  await ensureTable(client, tableName);
  const s3 = new S3Client({ region: LOCAL_REGION, endpoint: endpoints.s3, forcePathStyle: true });
  const bucket = `bench-vault-${randomUUID().slice(0, 8)}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const keyId = 'alias/lantern-vault';

  const schools = new SchoolService(new SchoolRepository(dynamo, tableName), LOCAL_REGION);
  const school = (urn: string, name: string) =>
    schools.create({
      urn,
      laNumber: '999',
      establishmentNumber: urn.slice(2),
      name,
      timeZone: 'Europe/London',
    });
  const previous = await school('990201', 'Previous Primary (synthetic)');
  const next = await school('990202', 'Next Academy (synthetic)');
  const pupils = new PupilRepository(dynamo, tableName);
  const [fromPupilId, toPupilId] = await Promise.all([
    addPupil(pupils, previous.schoolId),
    addPupil(pupils, next.schoolId),
  ]);
  const categories = (await new CategoryRepository(dynamo, tableName).list(previous.schoolId)).filter(
    (category) => !category.disabled,
  );
  const random = seededRandom(17);
  const pick = () => categories[Math.floor(random() * categories.length)]!.categoryId;
  const fileBytes = Math.floor((options.totalMegabytes * 1_048_576) / options.files);
  const file = (index: number): FileSpec => {
    const bytes = Buffer.alloc(fileBytes, index % 251);
    bytes.write(`%PDF-1.7 ${index}\n`, 0);
    return { fileName: `document-${index + 1}.pdf`, bytes };
  };
  // A fifth of the files on incidents, a fifth on actions, the rest added straight to the vault.
  const onIncidents = Math.floor(options.files / 5);
  const onActions = Math.floor(options.files / 5);
  const start = Date.parse('2023-09-04T08:00:00Z');
  const specs: IncidentSpec[] = Array.from({ length: options.incidents }, (_, index) => ({
    text: `Synthetic concern ${index + 1}: arrived upset and said things at home had been difficult this week.`,
    categoryIds: [pick(), ...(random() < 0.3 ? [pick()] : [])],
    occurredAt: new Date(start + index * 36 * 3_600_000).toISOString(),
    ...(index < onIncidents ? { files: [file(index)] } : {}),
    actions: Array.from({ length: options.actionsPerIncident }, (_, actionIndex) => ({
      text: `Follow-up ${actionIndex + 1}: spoke with the pupil and the family; next steps agreed.`,
      ...(actionIndex === 0 && index >= onIncidents && index < onIncidents + onActions
        ? { files: [file(index)] }
        : {}),
    })),
  }));
  const standalone = Array.from({ length: options.files - onIncidents - onActions }, (_, index) =>
    file(onIncidents + onActions + index),
  );
  const seeded = await seedPupilRecords(
    dynamo,
    tableName,
    { s3, bucket, keyId },
    { schoolId: previous.schoolId, pupilId: fromPupilId, displayName: 'Sam Mover' },
    { personId: randomUUID(), name: 'Synthetic Lead' },
    specs,
    standalone,
  );

  const copier = new TransferCopier({ dynamo, s3, tableName, vaultBucket: bucket, keyId });
  const request: CopyRequest = {
    transferId: randomUUID(),
    from: { schoolId: previous.schoolId, schoolName: previous.name, pupilId: fromPupilId },
    to: { schoolId: next.schoolId, pupilId: toPupilId },
    categoryIds: categories.map((category) => category.categoryId),
  };
  const runs: TransferRun[] = [];
  for (const name of ['transfer', 'same transfer again']) {
    const calls: DynamoCall[] = [];
    const stop = observeDynamo((call) => calls.push(call));
    const started = performance.now();
    let cursor: string | undefined;
    let copyCalls = 0;
    let manifest: TransferManifest | undefined;
    while (!manifest) {
      copyCalls += 1;
      const progress = await copier.copy(request, cursor, BUDGET_MS);
      if (progress.done) manifest = progress.manifest;
      else cursor = progress.cursor;
    }
    const seconds = (performance.now() - started) / 1000;
    stop();
    runs.push({
      name,
      seconds,
      copyCalls,
      writeCapacity: capacity(calls, true),
      readCapacity: capacity(calls, false),
      writeCalls: calls.filter((call) => WRITES.has(call.command)).length,
      readCalls: calls.filter((call) => !WRITES.has(call.command)).length,
      manifest,
    });
  }
  client.destroy();
  s3.destroy();
  return {
    incidents: seeded.incidents.length,
    actions: seeded.actions.length,
    files: seeded.documents.length,
    fileBytes: seeded.documents.reduce((sum, document) => sum + document.sizeBytes, 0),
    runs,
  };
}

export function transferReport(bench: TransferBench): string {
  const [first, again] = bench.runs;
  const lines = [
    `Transfer copy: a pupil with ${bench.incidents} incidents, ${bench.actions} actions and ${bench.files} files (${(bench.fileBytes / 1_048_576).toFixed(0)} MB)`,
    `${'run'.padEnd(22)}  ${'wall'.padStart(8)}  ${'copy calls'.padStart(10)}  ${'WCU'.padStart(8)}  ${'RCU'.padStart(8)}  ${'writes'.padStart(7)}  ${'reads'.padStart(6)}  incidents/actions/files in manifest`,
    ...bench.runs.map((run) =>
      [
        run.name.padEnd(22),
        `${run.seconds.toFixed(1).padStart(6)} s`,
        String(run.copyCalls).padStart(10),
        run.writeCapacity.toFixed(0).padStart(8),
        run.readCapacity.toFixed(0).padStart(8),
        String(run.writeCalls).padStart(7),
        String(run.readCalls).padStart(6),
        `  ${run.manifest.counts.incidents}/${run.manifest.counts.actions}/${run.manifest.counts.files} (${(run.manifest.totalBytes / 1_048_576).toFixed(0)} MB)`,
      ].join('  '),
    ),
    '(WCU and RCU include the plan, Legacy categories, numbers and manifest reads; files are copied and read back in S3.)',
  ];
  if (first && again) {
    const complete =
      first.manifest.counts.incidents === bench.incidents &&
      first.manifest.counts.actions === bench.actions &&
      first.manifest.counts.files === bench.files;
    lines.push(
      `Everything moved and hashed: ${complete ? 'yes' : 'NO'}; the same transfer again wrote ${again.writeCalls} items (${again.writeCapacity.toFixed(0)} WCU).`,
    );
  }
  return lines.join('\n');
}

/**
 * The MIS import's figures (issue 5) on the local stand-ins, through the real import service and
 * SDK clients: a first import of a 2,000-pupil extract with groups, contacts, staff and a term of
 * attendance marks; the same extract again (target: no item written); and the extract with 2 % of
 * pupils changed (target: writes in proportion to the change). Capacity comes from
 * ReturnConsumedCapacity on every call (lib/platform/dynamo-observer.ts).
 */
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ImportCounts } from '../../lib/mis/import-record';
import { createMisServices } from '../../lib/mis/mis-services';
import { mutateExtract, syntheticExtract } from '../../lib/mis/synthetic-extract';
import { attachDynamoObserver, observeDynamo, type DynamoCall } from '../../lib/platform/dynamo-observer';
import { LOCAL_REGION } from '../../local/local-environment';
import { ensureTable } from '../../local/provision';

const WRITES = new Set([
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
]);

export interface MisImportRun {
  readonly name: string;
  readonly seconds: number;
  readonly counts: ImportCounts;
  readonly writeCapacity: number;
  readonly readCapacity: number;
  readonly calls: number;
}

export interface MisImportBench {
  readonly pupils: number;
  readonly extractBytes: number;
  readonly runs: readonly MisImportRun[];
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

export async function benchMisImport(
  endpoints: { readonly dynamodb: string; readonly s3: string },
  options: { readonly pupils: number; readonly attendanceDays: number },
): Promise<MisImportBench> {
  const client = new DynamoDBClient({ region: LOCAL_REGION, endpoint: endpoints.dynamodb });
  attachDynamoObserver(client);
  const dynamo = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const tableName = `bench-mis-${randomUUID().slice(0, 8)}`;
  await ensureTable(client, tableName);
  const s3 = new S3Client({ region: LOCAL_REGION, endpoint: endpoints.s3, forcePathStyle: true });
  const bucket = `bench-extracts-${randomUUID().slice(0, 8)}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const mis = createMisServices({
    dynamo,
    s3,
    tableName,
    extractsBucket: bucket,
    keyId: 'alias/lantern-vault',
  });
  const schoolId = randomUUID();

  const first = syntheticExtract({
    seed: 5,
    pupils: options.pupils,
    attendanceDays: options.attendanceDays,
    startDate: '2026-09-02',
  });
  const changed = mutateExtract(first, { changeFraction: 0.02, seed: 9 });
  const body = (value: unknown) => Buffer.from(JSON.stringify(value));
  const runs: MisImportRun[] = [];
  for (const [name, extract] of [
    ['first import', first],
    ['same extract again', first],
    ['2 % of pupils changed', changed],
  ] as const) {
    await mis.service.receive(schoolId, body(extract), { mediaType: 'application/json' }, undefined);
    const calls: DynamoCall[] = [];
    const stop = observeDynamo((call) => calls.push(call));
    const started = performance.now();
    const outcome = await mis.service.run(schoolId, 'run-now');
    const seconds = (performance.now() - started) / 1000;
    stop();
    if (outcome.kind !== 'applied' || !outcome.record.counts)
      throw new Error(`${name}: the import did not apply (${outcome.kind})`);
    runs.push({
      name,
      seconds,
      counts: outcome.record.counts,
      writeCapacity: capacity(calls, true),
      readCapacity: capacity(calls, false),
      calls: calls.length,
    });
  }
  client.destroy();
  s3.destroy();
  return { pupils: options.pupils, extractBytes: body(first).byteLength, runs };
}

export function misImportReport(bench: MisImportBench): string {
  const [first, again, changed] = bench.runs;
  const lines = [
    `MIS import: ${bench.pupils} pupils with groups, contacts, staff and a term of marks (${(bench.extractBytes / 1_048_576).toFixed(1)} MB of Lantern JSON)`,
    `${'run'.padEnd(24)}  ${'wall'.padStart(8)}  ${'items written'.padStart(13)}  ${'WCU'.padStart(9)}  ${'RCU'.padStart(8)}  ${'calls'.padStart(6)}  added/updated/unchanged`,
    ...bench.runs.map((run) =>
      [
        run.name.padEnd(24),
        `${run.seconds.toFixed(1).padStart(6)} s`,
        String(run.counts.itemsWritten).padStart(13),
        run.writeCapacity.toFixed(0).padStart(9),
        run.readCapacity.toFixed(0).padStart(8),
        String(run.calls).padStart(6),
        `  ${run.counts.pupilsAdded}/${run.counts.pupilsUpdated}/${run.counts.pupilsUnchanged}`,
      ].join('  '),
    ),
    '(WCU and RCU include the import log and state items; items written counts data items only.)',
  ];
  if (first && again && changed) {
    const share = changed.counts.itemsWritten / Math.max(1, first.counts.itemsWritten);
    lines.push(
      `Target first import ≤ 60 s: ${first.seconds <= 60 ? 'met' : 'NOT met'} (${first.seconds.toFixed(1)} s)`,
      `Target same extract writes no item: ${again.counts.itemsWritten === 0 ? 'met' : 'NOT met'} (${again.counts.itemsWritten})`,
      `Target writes in proportion to a 2 % change (≤ 5 % of a first import's): ${share <= 0.05 ? 'met' : 'NOT met'} (${(share * 100).toFixed(2)} %, ${(changed.counts.itemsWritten / Math.max(1, changed.counts.pupilsUpdated)).toFixed(1)} items per changed pupil)`,
    );
  }
  return lines.join('\n');
}

/**
 * `npm run bench`: the records issue's performance figures, on the local stand-ins.
 *
 * Seeds one school with 2,000 pupils and 50,000 incidents with actions, then calls the chronology,
 * dashboard and search endpoints through the local gateway and the deployable handlers as an elevated
 * safeguarding lead, and prints per endpoint: median and p95 latency, DynamoDB round trips, read capacity
 * against the least that returns the same bytes, and the chronology's latency against a bare DynamoDB
 * Query of the same items made in the same run.
 *
 * First, the MIS import's figures (test/bench/mis-import-bench.ts): a first import of a 2,000-pupil
 * extract, the same extract again, and 2 % of pupils changed. `--mis-only` stops after them.
 *
 * Then the transfer copy's (test/bench/transfer-bench.ts): a pupil with 500 incidents, 1,500 actions and
 * 50 files totalling 100 MB moved between two schools, and the same transfer again. `--transfer-only`
 * runs just these.
 */
import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createAccessServices } from '../../lib/access/access-services';
import { CategoryRepository } from '../../lib/categories/category-repository';
import { chronologyKeys, pupilKeys } from '../../lib/data/keys';
import { prefixRange } from '../../lib/data/prefix-range';
import { createIdentityServices } from '../../lib/identity/identity-services';
import { KeyRepository } from '../../lib/identity/keys/key-repository';
import { OperatorUserTasks } from '../../lib/operators/operator-user-tasks';
import { SchoolRepository } from '../../lib/schools/school-repository';
import { SchoolService } from '../../lib/schools/school-service';
import { demoStaff, signInElevated } from '../support/staff-client';
import { LOCAL_REGION, LOCAL_TABLE_NAME } from '../../local/local-environment';
import { startLantern } from '../../local/runtime';
import { seedBenchPupils } from './bench-pupils';
import { seedBenchRecords, seededRandom } from './bench-records';
import { figuresOf, sampleEndpoint, type EndpointFigures } from './measure-endpoint';
import { percentile } from './capacity-figures';
import { startCpuProfile } from './cpu-profile';
import { benchMisImport, misImportReport } from './mis-import-bench';
import { benchTransfer, transferReport } from './transfer-bench';

/** `npm run bench -- --quick`: a tenth of the school, for checking the benchmark itself. */
const QUICK = process.argv.includes('--quick');
/** `--profile <file>`: a CPU profile of the sampling (not the seeding), for finding the handler's own cost. */
const PROFILE_AT = process.argv.includes('--profile')
  ? process.argv[process.argv.indexOf('--profile') + 1]
  : undefined;
/** `--mis-only`: just the MIS import figures (issue 5), without seeding the records benchmark. */
const MIS_ONLY = process.argv.includes('--mis-only');
/** `--transfer-only`: just the transfer copy figures (issue 6). */
const TRANSFER_ONLY = process.argv.includes('--transfer-only');
const PUPILS = QUICK ? 200 : 2_000;
/** A term of school days of attendance marks (autumn term, about 14 weeks). */
const MIS_ATTENDANCE_DAYS = QUICK ? 20 : 70;
const INCIDENTS = QUICK ? 5_000 : 50_000;
const SAMPLES = QUICK ? 40 : 200;
const WARM_UP = QUICK ? 5 : 20;
const CHRONOLOGY_PAGE = 50;

const BENCH_SCHOOL = {
  urn: '990099',
  laNumber: '999',
  establishmentNumber: '4099',
  name: 'Benchmark Academy (synthetic)',
  timeZone: 'Europe/London',
};

/** A chronology page uses each incident it returns and each of their actions. */
function chronologyItemsUsed(body: string): number {
  const page = JSON.parse(body) as { items: { actions: unknown[] }[] };
  return page.items.reduce((sum, incident) => sum + 1 + incident.actions.length, 0);
}

function line(figures: EndpointFigures): string {
  return [
    figures.name.padEnd(34),
    `${figures.medianMs.toFixed(1).padStart(7)} ms`,
    `${figures.p95Ms.toFixed(1).padStart(7)} ms`,
    `${figures.medianDynamoMs.toFixed(1).padStart(7)} ms`,
    `${figures.requests} / ${figures.medianRoundTrips} (${figures.roundTrips})`.padStart(12),
    `${figures.medianReadCapacity.toFixed(1).padStart(7)}`,
    `${figures.medianMinimumReadCapacity.toFixed(1).padStart(7)}`,
    `${figures.capacityRatio.toFixed(2).padStart(6)}x`,
  ].join('  ');
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const lantern = await startLantern({ inMemory: true, port: 0, quiet: true, dynamoDbForThroughput: true });
  try {
    if (!TRANSFER_ONLY) {
      process.stdout.write(`Importing a ${PUPILS}-pupil MIS extract …\n`);
      const mis = await benchMisImport(lantern.endpoints, {
        pupils: PUPILS,
        attendanceDays: MIS_ATTENDANCE_DAYS,
      });
      process.stdout.write(`${misImportReport(mis)}\n\n`);
      if (MIS_ONLY) return;
    }
    process.stdout.write('Transferring a pupil with 500 incidents, 1,500 actions and 100 MB of files …\n');
    const transfer = await benchTransfer(lantern.endpoints, {
      incidents: QUICK ? 50 : 500,
      actionsPerIncident: 3,
      files: QUICK ? 10 : 50,
      totalMegabytes: QUICK ? 10 : 100,
    });
    process.stdout.write(`${transferReport(transfer)}\n\n`);
    if (TRANSFER_ONLY) return;

    const dynamo = DynamoDBDocumentClient.from(
      new DynamoDBClient({ region: LOCAL_REGION, endpoint: lantern.endpoints.dynamodb }),
      { marshallOptions: { removeUndefinedValues: true } },
    );
    const table = LOCAL_TABLE_NAME;
    const school = await new SchoolService(new SchoolRepository(dynamo, table), LOCAL_REGION).create(
      BENCH_SCHOOL,
    );
    const dana = demoStaff('dana');
    const identity = createIdentityServices(dynamo, table);
    const { personId } = await new OperatorUserTasks({
      identity,
      access: createAccessServices(dynamo, table),
      schools: new SchoolRepository(dynamo, table),
      keys: new KeyRepository(dynamo, table),
    }).addUser({ urn: BENCH_SCHOOL.urn, email: dana.email, displayName: dana.displayName });

    process.stdout.write(`Seeding ${PUPILS} pupils and ${INCIDENTS} incidents …\n`);
    const seedStarted = performance.now();
    const pupils = await seedBenchPupils(dynamo, table, school, PUPILS, 7);
    const categories = (await new CategoryRepository(dynamo, table).list(school.schoolId)).filter(
      (category) => !category.disabled,
    );
    const records = await seedBenchRecords(
      dynamo,
      table,
      {
        schoolId: school.schoolId,
        pupils,
        categoryIds: categories.map((category) => category.categoryId),
        recorder: { personId, name: dana.displayName },
      },
      { incidents: INCIDENTS, seed: 11 },
    );
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    process.stdout.write(
      `Seeded ${records.incidents} incidents, ${records.actions} actions, ${records.itemsWritten} items in ${seedSeconds.toFixed(0)} s\n`,
    );

    const lead = await signInElevated(lantern.url, 'dana', school.schoolId);
    const random = seededRandom(3);
    const withRecords = [...records.copiesPerPupil.keys()];
    const pupilAt = () => withRecords[Math.floor(random() * withRecords.length)]!;
    const searchTerms = pupils.map((pupil) => pupil.legalSurname.slice(0, 3));
    const termAt = () => searchTerms[Math.floor(random() * searchTerms.length)]!;

    const chronologyPupils: string[] = [];
    const chronology = (index: number) => {
      const pupilId = pupilAt();
      chronologyPupils[index] = pupilId;
      return lead.request('GET', `/api/chronology/${pupilId}?limit=${CHRONOLOGY_PAGE}`);
    };
    const endpoints: [string, (index: number) => Promise<Response>][] = [
      ['session only (GET /api/access/me)', () => lead.request('GET', '/api/access/me')],
      ['chronology, first page', chronology],
      ['dashboard', () => lead.request('GET', '/api/dashboard')],
      ['pupil search', () => lead.request('GET', `/api/pupils?q=${encodeURIComponent(termAt())}`)],
    ];
    process.stdout.write(
      `\n${'endpoint'.padEnd(34)}  ${'median'.padStart(10)}  ${'p95'.padStart(10)}  ${'in Dynamo'.padStart(10)}  ${'req/trips(max)'.padStart(14)}  ${'RCU'.padStart(7)}  ${'min RCU'.padStart(7)}  ${'ratio'.padStart(7)}\n`,
    );
    const profiler = PROFILE_AT ? await startCpuProfile() : undefined;
    const results: EndpointFigures[] = [];
    let chronologySamples: Awaited<ReturnType<typeof sampleEndpoint>> = [];
    for (const [name, request] of endpoints) {
      await sampleEndpoint(WARM_UP, request);
      const samples = await sampleEndpoint(SAMPLES, request);
      if (request === chronology) chronologySamples = samples;
      const figures = figuresOf(name, samples, request === chronology ? chronologyItemsUsed : undefined);
      results.push(figures);
      process.stdout.write(`${line(figures)}\n`);
    }

    if (profiler && PROFILE_AT) await profiler.stopInto(PROFILE_AT);

    // The same items, read by a bare Query on a plain client in the same run.
    const bareLatencies: number[] = [];
    const ratios: number[] = [];
    for (const [index, sample] of chronologySamples.entries()) {
      const query = sample.calls.find((call) => call.command === 'QueryCommand');
      if (!query) throw new Error('The chronology made no Query');
      const started = performance.now();
      await dynamo.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :prefix AND :prefixEnd',
          ExpressionAttributeValues: {
            ':pk': pupilKeys.partition(school.schoolId, chronologyPupils[index]!),
            ...prefixRange(':prefix', chronologyKeys.prefix),
          },
          ScanIndexForward: false,
          Limit: Math.max(1, query.itemsReturned),
        }),
      );
      const bare = performance.now() - started;
      bareLatencies.push(bare);
      ratios.push(sample.latencyMs / bare);
    }
    const baseline = results[0]!;
    const endpointsMeasured = results.slice(1);
    const worstCapacity = Math.max(...endpointsMeasured.map((figures) => figures.capacityRatio));
    const worstTrips = Math.max(...endpointsMeasured.map((figures) => figures.medianRoundTrips));
    const handlerRatio = percentile(ratios, 0.5);
    const verdict = (met: boolean) => (met ? 'met' : 'NOT MET');
    process.stdout.write(
      `\nBare DynamoDB Query of the same chronology items: median ${percentile(bareLatencies, 0.5).toFixed(1)} ms, ` +
        `p95 ${percentile(bareLatencies, 0.95).toFixed(1)} ms\n` +
        `Chronology handler ÷ bare Query (per request): median ${percentile(ratios, 0.5).toFixed(2)}x, ` +
        `p95 ${percentile(ratios, 0.95).toFixed(2)}x\n` +
        `Authentication alone: ${baseline.requests} DynamoDB requests in ${baseline.roundTrips} round trips; an endpoint's own are the rest.\n` +
        `Scans on any request path: ${results.reduce((sum, figures) => sum + figures.scans, 0)}\n` +
        `\nTargets\n` +
        `  read capacity ≤ 1.3× the minimum: worst ${worstCapacity.toFixed(2)}x — ${verdict(worstCapacity <= 1.3)}\n` +
        `  chronology handler ≤ 2× a bare Query (median): ${handlerRatio.toFixed(2)}x — ${verdict(handlerRatio <= 2)}\n` +
        `  ≤ 3 DynamoDB round trips per request (median, authentication included): worst ${worstTrips} — ${verdict(worstTrips <= 3)}\n` +
        `Total run ${((performance.now() - startedAt) / 1000).toFixed(0)} s\n`,
    );
  } finally {
    await lantern.stop();
  }
}

await main();

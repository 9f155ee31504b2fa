/**
 * Runs all of Lantern on this machine: the AWS stand-ins, the table/buckets/schedule group from
 * the deployment's own definitions, the demo seed, and one HTTP origin serving the API (through
 * the deployable handler modules) and the built web app. Used by `npm start` and the e2e tests.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SchoolRepository } from '../lib/schools/school-repository';
import { createTransferServices, startLifecycle } from '../lib/transfers/transfer-services';
import { freePort } from './child-processes';
import { seedDemoData, type SeedSummary } from './demo-seed';
import { seedDemoTransfer, type DemoTransfer } from './demo-transfer-seed';
import { resumeOpenTransfers } from './resume-transfers';
import { startHttpGateway } from './http-gateway';
import { localFunctionArn, REPOSITORY_ROOT, workflowTaskFunctionName } from './lambda-invoker';
import {
  LOCAL_POWERTOOLS_ENVIRONMENT,
  LOCAL_REGION,
  LOCAL_SCHEDULE_GROUP,
  LOCAL_SCHEDULER_ROLE_ARN,
  LOCAL_TABLE_NAME,
  bucketsOf,
  localApiEnvironment,
  sdkEnvironment,
  type StandinEndpoints,
} from './local-environment';
import {
  allowBrowserUploads,
  ensureBuckets,
  ensureRecurringSchedules,
  ensureScheduleGroup,
  ensureTable,
} from './provision';
import { startStandIns, type StandinPorts } from './stand-ins';

export const LANTERN_HOME = join(REPOSITORY_ROOT, '.lantern');
export const RUNTIME_FILE = join(LANTERN_HOME, 'runtime.json');

export interface LanternOptions {
  /** Keep nothing: data lives in memory and a temp folder removed on stop. */
  readonly inMemory?: boolean;
  /** The web/API port; 0 picks free ports for everything. Default 3000 (stand-ins on the next six). */
  readonly port?: number;
  /** Persistent data folder (default .lantern/data). */
  readonly dataDir?: string;
  /** Tests: no runtime file for the CLI, and Wait states take no time. */
  readonly quiet?: boolean;
  /** Pass the stand-ins' own output through to this terminal. */
  readonly verbose?: boolean;
  /** DynamoDB Local compiled for heavy writes (npm start, the benchmark); tests keep the quick start. */
  readonly dynamoDbForThroughput?: boolean;
  /** Seed the demo schools' incidents, monitoring, alerts and vault files too (default true). */
  readonly demoIncidents?: boolean;
}

export interface RunningLantern {
  readonly url: string;
  readonly endpoints: StandinEndpoints;
  readonly seed: SeedSummary;
  /** The demo's moved pupil, whose transfer waits at Riverside (with the demo incidents only). */
  readonly demoTransfer?: DemoTransfer;
  readonly dataDir?: string;
  stop(): Promise<void>;
}

function standinPorts(appPort: number): Partial<StandinPorts> {
  if (appPort === 0) return {};
  return {
    dynamodb: appPort + 1,
    s3: appPort + 2,
    ses: appPort + 3,
    kms: appPort + 4,
    stepfunctions: appPort + 5,
    scheduler: appPort + 6,
  };
}

export async function startLantern(options: LanternOptions = {}): Promise<RunningLantern> {
  const requestedPort = options.port ?? 3000;
  const appPort = requestedPort === 0 ? await freePort() : requestedPort;
  const dataDir = options.inMemory ? undefined : (options.dataDir ?? join(LANTERN_HOME, 'data'));
  const scratchDir = await mkdtemp(join(tmpdir(), 'lantern-'));
  const cleanups: (() => Promise<void>)[] = [() => rm(scratchDir, { recursive: true, force: true })];
  const stop = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };

  try {
    const standIns = await startStandIns({
      cacheDir: join(LANTERN_HOME, 'cache'),
      scratchDir,
      ...(dataDir ? { dataDir } : {}),
      ports: standinPorts(requestedPort),
      verbose: options.verbose ?? false,
      instantWaits: options.quiet ?? false,
      dynamoDbForThroughput: options.dynamoDbForThroughput ?? false,
    });
    cleanups.push(() => standIns.stop());

    const url = `http://localhost:${appPort}`;
    const apiEnvironment = localApiEnvironment({
      appBaseUrl: url,
      transferStateMachineArn: standIns.stateMachineArn('transfer'),
    });
    // The handlers read their configuration from the environment, exactly as on Lambda.
    Object.assign(
      process.env,
      sdkEnvironment(standIns.endpoints),
      LOCAL_POWERTOOLS_ENVIRONMENT,
      apiEnvironment,
    );

    const dynamodb = new DynamoDBClient({ region: LOCAL_REGION, endpoint: standIns.endpoints.dynamodb });
    await ensureTable(dynamodb, LOCAL_TABLE_NAME);
    const s3 = new S3Client({ region: LOCAL_REGION, endpoint: standIns.endpoints.s3, forcePathStyle: true });
    await ensureBuckets(s3, bucketsOf(apiEnvironment));
    await allowBrowserUploads(s3, apiEnvironment.VAULT_BUCKET, url);
    const scheduler = new SchedulerClient({ region: LOCAL_REGION, endpoint: standIns.endpoints.scheduler });
    await ensureScheduleGroup(scheduler, LOCAL_SCHEDULE_GROUP);
    await ensureRecurringSchedules(
      scheduler,
      LOCAL_SCHEDULE_GROUP,
      (taskId) => localFunctionArn(workflowTaskFunctionName(taskId)),
      LOCAL_SCHEDULER_ROLE_ARN,
    );
    const seed = await seedDemoData(
      DynamoDBDocumentClient.from(dynamodb),
      LOCAL_TABLE_NAME,
      LOCAL_REGION,
      {
        kms: new KMSClient({ region: LOCAL_REGION, endpoint: standIns.endpoints.kms }),
        dataKeyId: apiEnvironment.DATA_KEY_ID,
      },
      options.demoIncidents === false
        ? {}
        : {
            incidents: {
              s3,
              bucket: apiEnvironment.VAULT_BUCKET,
              keyId: apiEnvironment.VAULT_KEY_ID,
            },
            attendance: true,
            misExtracts: {
              s3,
              bucket: apiEnvironment.EXTRACTS_BUCKET,
              keyId: apiEnvironment.VAULT_KEY_ID,
            },
          },
    );

    const documentClient = DynamoDBDocumentClient.from(dynamodb);
    const sfn = new SFNClient({ region: LOCAL_REGION, endpoint: standIns.endpoints.stepfunctions });
    const transfers = createTransferServices({
      dynamo: documentClient,
      sfn,
      ses: new SESv2Client({ region: LOCAL_REGION, endpoint: standIns.endpoints.ses }),
      s3,
      tableName: LOCAL_TABLE_NAME,
      stateMachineArn: apiEnvironment.TRANSFER_STATE_MACHINE_ARN,
      mailFrom: apiEnvironment.MAIL_FROM,
      appBaseUrl: url,
      vaultBucket: apiEnvironment.VAULT_BUCKET,
      vaultKeyId: apiEnvironment.VAULT_KEY_ID,
    });
    const schoolRepository = new SchoolRepository(documentClient, LOCAL_TABLE_NAME);
    // Kept data may hold open transfers whose executions the last run's stand-in took with it.
    if (dataDir) {
      await resumeOpenTransfers(schoolRepository, transfers.transfers, (transferId) =>
        startLifecycle(sfn, apiEnvironment.TRANSFER_STATE_MACHINE_ARN, transferId),
      );
    }
    // After the incidents: the moved pupil is chosen for having some. The transfer steps run in this
    // process through the Step Functions stand-in, as the deployed workflow would.
    const demoTransfer =
      options.demoIncidents === false
        ? undefined
        : await seedDemoTransfer(documentClient, LOCAL_TABLE_NAME, schoolRepository, transfers.detector);

    const gateway = await startHttpGateway({
      port: appPort,
      webRoot: join(REPOSITORY_ROOT, 'web', 'dist'),
      uploadOrigin: new URL(standIns.endpoints.s3).origin,
      onError: (error) =>
        process.stderr.write(`[gateway] ${error instanceof Error ? error.stack : String(error)}\n`),
    });
    cleanups.push(() => gateway.close());

    if (!options.quiet) {
      await mkdir(LANTERN_HOME, { recursive: true });
      await writeFile(
        RUNTIME_FILE,
        JSON.stringify({ url, endpoints: standIns.endpoints, tableName: LOCAL_TABLE_NAME }, null, 2),
      );
      cleanups.push(() => rm(RUNTIME_FILE, { force: true }));
    }
    return {
      url,
      endpoints: standIns.endpoints,
      seed,
      ...(demoTransfer ? { demoTransfer } : {}),
      ...(dataDir ? { dataDir } : {}),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

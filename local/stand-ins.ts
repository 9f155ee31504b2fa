/**
 * Starts every AWS stand-in Lantern needs, each on 127.0.0.1: DynamoDB Local, s3rver and
 * aws-ses-v2-local as child processes; Lantern's own KMS, Step Functions and Scheduler endpoints
 * in this process. Returns their endpoints and one stop() for all of them.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { STATE_MACHINES } from '../lib/config/function-manifest';
import { freePort, type StartedChild } from './child-processes';
import { startDynamoDbLocal } from './dynamodb-local';
import {
  applySubstitutions,
  invokeFunctionByArn,
  localDefinitionSubstitutions,
  REPOSITORY_ROOT,
} from './lambda-invoker';
import { LOCAL_DATA_KEY, LOCAL_REGION, LOCAL_VAULT_KEY, type StandinEndpoints } from './local-environment';
import { startS3Standin, startSesStandin } from './object-and-mail-standins';
import { startKmsServer } from './standins/kms-server';
import { startSchedulerServer } from './standins/scheduler-server';
import { startStepFunctionsServer } from './standins/stepfunctions-server';
import { StartExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';

export interface StandinPorts {
  readonly dynamodb: number;
  readonly s3: number;
  readonly ses: number;
  readonly kms: number;
  readonly stepfunctions: number;
  readonly scheduler: number;
}

export interface StandIns {
  readonly endpoints: StandinEndpoints;
  stateMachineArn(id: string): string;
  /** Fires every due schedule now (tests); the Scheduler stand-in also does this on its own timer. */
  runDueSchedules(): Promise<number>;
  stop(): Promise<void>;
}

export interface StandinOptions {
  /** Where persistent data lives; undefined keeps everything in memory (and a temp S3 folder). */
  readonly dataDir?: string;
  /** Where downloaded stand-ins (the DynamoDB Local jar) are cached. */
  readonly cacheDir: string;
  /** Scratch folder for s3rver when running in memory. */
  readonly scratchDir: string;
  readonly ports?: Partial<StandinPorts>;
  readonly verbose?: boolean;
  /** Wait states take no time (tests). */
  readonly instantWaits?: boolean;
  /** Start DynamoDB Local for heavy writes rather than a quick start (see startDynamoDbLocal). */
  readonly dynamoDbForThroughput?: boolean;
}

async function choosePorts(requested: Partial<StandinPorts> = {}): Promise<StandinPorts> {
  const pick = async (port: number | undefined): Promise<number> => (port && port > 0 ? port : freePort());
  return {
    dynamodb: await pick(requested.dynamodb),
    s3: await pick(requested.s3),
    ses: await pick(requested.ses),
    kms: await pick(requested.kms),
    stepfunctions: await pick(requested.stepfunctions),
    scheduler: await pick(requested.scheduler),
  };
}

async function loadStateMachines(): Promise<{ name: string; definition: string }[]> {
  const substitutions = localDefinitionSubstitutions();
  return Promise.all(
    STATE_MACHINES.map(async (machine) => ({
      name: `lantern-${machine.id}`,
      definition: applySubstitutions(
        await readFile(resolve(REPOSITORY_ROOT, machine.definitionFile), 'utf8'),
        substitutions,
      ),
    })),
  );
}

export async function startStandIns(options: StandinOptions): Promise<StandIns> {
  const ports = await choosePorts(options.ports);
  const persistent = options.dataDir;
  const children: StartedChild[] = [];
  const servers: { close(): Promise<void> }[] = [];
  const stop = async (): Promise<void> => {
    await Promise.allSettled([
      ...servers.map((server) => server.close()),
      ...children.map((child) => child.stop()),
    ]);
  };
  try {
    const [dynamodb, s3, ses] = await Promise.all([
      startDynamoDbLocal({
        cacheDir: options.cacheDir,
        port: ports.dynamodb,
        ...(persistent ? { dataDir: join(persistent, 'dynamodb') } : {}),
        verbose: options.verbose ?? false,
        forThroughput: options.dynamoDbForThroughput ?? false,
      }),
      startS3Standin({
        port: ports.s3,
        dataDir: persistent ? join(persistent, 's3') : join(options.scratchDir, 's3'),
        verbose: options.verbose ?? false,
      }),
      startSesStandin({ port: ports.ses, verbose: options.verbose ?? false }),
    ]);
    children.push(dynamodb, s3, ses);

    const kms = await startKmsServer({
      port: ports.kms,
      ...(persistent ? { dataDir: join(persistent, 'kms') } : {}),
      keys: [
        { keyId: LOCAL_DATA_KEY.keyId, aliases: [LOCAL_DATA_KEY.alias] },
        { keyId: LOCAL_VAULT_KEY.keyId, aliases: [LOCAL_VAULT_KEY.alias] },
      ],
    });
    servers.push(kms);
    const stepFunctions = await startStepFunctionsServer({
      port: ports.stepfunctions,
      region: LOCAL_REGION,
      stateMachines: await loadStateMachines(),
      invokeLambda: invokeFunctionByArn,
      waitTimeOverrides: options.instantWaits ?? false,
    });
    servers.push(stepFunctions);
    const sfn = new SFNClient({ region: LOCAL_REGION, endpoint: stepFunctions.url });
    const scheduler = await startSchedulerServer({
      port: ports.scheduler,
      ...(persistent ? { dataDir: join(persistent, 'scheduler') } : {}),
      invokeTarget: async (target) => {
        if (target.Arn.startsWith('arn:aws:states:')) {
          await sfn.send(
            new StartExecutionCommand({ stateMachineArn: target.Arn, input: target.Input ?? '{}' }),
          );
        } else {
          await invokeFunctionByArn(target.Arn, JSON.parse(target.Input ?? '{}'));
        }
      },
    });
    servers.push(scheduler);

    const url = (port: number): string => `http://127.0.0.1:${port}`;
    return {
      endpoints: {
        dynamodb: url(ports.dynamodb),
        s3: url(ports.s3),
        ses: url(ports.ses),
        kms: kms.url,
        stepfunctions: stepFunctions.url,
        scheduler: scheduler.url,
      },
      stateMachineArn: (id) => stepFunctions.stateMachineArn(`lantern-${id}`),
      runDueSchedules: () => scheduler.runDue(),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

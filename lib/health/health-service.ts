/**
 * Checks each dependency with the cheapest read-only call that proves Lantern can use it,
 * in parallel and with a deadline, so one slow service cannot hang the health endpoint.
 */
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeKeyCommand } from '@aws-sdk/client-kms';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { GetScheduleGroupCommand } from '@aws-sdk/client-scheduler';
import { GetAccountCommand } from '@aws-sdk/client-sesv2';
import { DescribeStateMachineCommand } from '@aws-sdk/client-sfn';
import type { AwsClients } from '../platform/aws-clients';
import type { DependencyHealth, DependencyName, HealthReport } from './health';

export interface HealthTargets {
  readonly tableName: string;
  readonly vaultBucket: string;
  readonly dataKeyId: string;
  readonly stateMachineArn: string;
  readonly scheduleGroupName: string;
}

type Probe = (abortSignal: AbortSignal) => Promise<unknown>;

export class HealthService {
  constructor(
    private readonly clients: AwsClients,
    private readonly targets: HealthTargets,
    private readonly deadlineMs = 3000,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private probes(): Record<DependencyName, Probe> {
    const { clients, targets } = this;
    return {
      dynamodb: (abortSignal) =>
        clients.dynamo.send(new DescribeTableCommand({ TableName: targets.tableName }), { abortSignal }),
      s3: (abortSignal) =>
        clients.s3.send(new HeadBucketCommand({ Bucket: targets.vaultBucket }), { abortSignal }),
      kms: (abortSignal) =>
        clients.kms.send(new DescribeKeyCommand({ KeyId: targets.dataKeyId }), { abortSignal }),
      ses: async (abortSignal) => {
        const account = await clients.ses.send(new GetAccountCommand({}), { abortSignal });
        // An account whose sending is paused (e.g. by SES enforcement) cannot deliver alerts.
        if (account.SendingEnabled === false)
          throw Object.assign(new Error('sending paused'), { name: 'SendingPaused' });
      },
      stepfunctions: (abortSignal) =>
        clients.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: targets.stateMachineArn }), {
          abortSignal,
        }),
      scheduler: (abortSignal) =>
        clients.scheduler.send(new GetScheduleGroupCommand({ Name: targets.scheduleGroupName }), {
          abortSignal,
        }),
    };
  }

  private async check(name: DependencyName, probe: Probe): Promise<DependencyHealth> {
    const started = performance.now();
    try {
      await probe(AbortSignal.timeout(this.deadlineMs));
      return { name, status: 'ok', latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      const detail = error instanceof Error ? error.name : 'Error';
      return { name, status: 'down', latencyMs: Math.round(performance.now() - started), detail };
    }
  }

  async report(): Promise<HealthReport> {
    const dependencies = await Promise.all(
      Object.entries(this.probes()).map(([name, probe]) => this.check(name as DependencyName, probe)),
    );
    const allOk = dependencies.every((dependency) => dependency.status === 'ok');
    return { status: allOk ? 'ok' : 'degraded', checkedAt: this.now().toISOString(), dependencies };
  }
}

/**
 * Builds one region's set of stacks, split by lifecycle (Data, Workflow, Schedules, Api, Web).
 * bin/app.ts calls it per configured region; the infra tests call it to build the same stacks.
 */
import type { Environment } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { RegionConfig } from '../config/region-config';
import { ApiStack } from './api-stack';
import { DataStack } from './data-stack';
import { SchedulesStack } from './schedules-stack';
import { WebStack } from './web-stack';
import { WorkflowStack } from './workflow-stack';

export interface RegionStacks {
  readonly data: DataStack;
  readonly workflow: WorkflowStack;
  readonly schedules: SchedulesStack;
  readonly api: ApiStack;
  readonly web: WebStack;
}

/** Stack name for one part of a region's deployment, e.g. `Lantern-eu-west-2-Data`. */
export function stackName(region: string, part: string): string {
  return `Lantern-${region}-${part}`;
}

export function buildRegionStacks(scope: Construct, config: RegionConfig, env: Environment): RegionStacks {
  const common = (part: string, description: string) => ({
    env,
    stackName: stackName(config.region, part),
    description: `Lantern (${config.stage}, ${config.region}): ${description}`,
    tags: { Project: 'Lantern', Stage: config.stage },
  });
  const protectedStage = config.stage !== 'dev';

  const data = new DataStack(scope, stackName(config.region, 'Data'), {
    ...common('Data', 'table, document buckets, KMS keys'),
    // Holding the pupil records: outside dev a stack deletion must be a deliberate two-step act.
    terminationProtection: protectedStage,
    config,
  });
  const workflow = new WorkflowStack(scope, stackName(config.region, 'Workflow'), {
    ...common('Workflow', 'Step Functions state machines and task functions'),
    config,
    data,
  });
  const schedules = new SchedulesStack(scope, stackName(config.region, 'Schedules'), {
    ...common('Schedules', 'EventBridge Scheduler group, role and fixed schedules'),
    config,
    workflow,
  });
  const api = new ApiStack(scope, stackName(config.region, 'Api'), {
    ...common('Api', 'REST API, API functions, WAF, SES identity'),
    config,
    data,
    workflow,
    schedules,
  });
  const web = new WebStack(scope, stackName(config.region, 'Web'), {
    ...common('Web', 'CloudFront distribution and web app'),
    config,
    api,
    // Presigned POSTs from the SDK address the bucket virtual-hosted style in its region.
    uploadOrigin: `https://${data.vaultBucket.bucketRegionalDomainName}`,
  });
  return { data, workflow, schedules, api, web };
}

/**
 * The names and settings the local runtime gives Lantern's functions: the same environment
 * contract (zod schemas) the CDK stacks fill in on AWS, plus the SDK endpoint variables that
 * point every client at the stand-ins.
 */
import type { ApiEnvironmentSchema, EnvironmentInput } from '../lib/platform/environment';

export const LOCAL_REGION = 'eu-west-2';
export const LOCAL_ACCOUNT = '000000000000';
export const LOCAL_TABLE_NAME = 'lantern';
export const LOCAL_VAULT_BUCKET = 'lantern-vault';
export const LOCAL_EXTRACTS_BUCKET = 'lantern-extracts';
export const LOCAL_DATA_KEY = { keyId: 'lantern-data', alias: 'alias/lantern-data' };
export const LOCAL_VAULT_KEY = { keyId: 'lantern-vault', alias: 'alias/lantern-vault' };
export const LOCAL_SCHEDULE_GROUP = 'lantern';
export const LOCAL_MAIL_FROM = 'no-reply@lantern.localhost';
/** The role the Scheduler stand-in is told it assumes (it checks nothing; AWS would). */
export const LOCAL_SCHEDULER_ROLE_ARN = `arn:aws:iam::${LOCAL_ACCOUNT}:role/lantern-scheduler`;
/** The MIS import task as the local invoker names it (lambda-invoker's localFunctionArn). */
export const LOCAL_MIS_IMPORT_FUNCTION_ARN = `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:lantern-misImport`;

export interface StandinEndpoints {
  readonly dynamodb: string;
  readonly s3: string;
  readonly ses: string;
  readonly kms: string;
  readonly stepfunctions: string;
  readonly scheduler: string;
}

/** SDK configuration shared by every process that talks to the stand-ins. */
export function sdkEnvironment(endpoints: StandinEndpoints): Record<string, string> {
  return {
    AWS_REGION: LOCAL_REGION,
    // s3rver accepts only this access key; the other stand-ins accept any.
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_SESV2: endpoints.ses,
    AWS_ENDPOINT_URL_KMS: endpoints.kms,
    AWS_ENDPOINT_URL_SFN: endpoints.stepfunctions,
    AWS_ENDPOINT_URL_SCHEDULER: endpoints.scheduler,
  };
}

export function localApiEnvironment(options: {
  appBaseUrl: string;
  transferStateMachineArn: string;
}): EnvironmentInput<typeof ApiEnvironmentSchema> {
  return {
    TABLE_NAME: LOCAL_TABLE_NAME,
    POWERTOOLS_SERVICE_NAME: 'lantern-local',
    POWERTOOLS_METRICS_NAMESPACE: 'Lantern',
    S3_FORCE_PATH_STYLE: 'true',
    VAULT_BUCKET: LOCAL_VAULT_BUCKET,
    EXTRACTS_BUCKET: LOCAL_EXTRACTS_BUCKET,
    DATA_KEY_ID: LOCAL_DATA_KEY.alias,
    VAULT_KEY_ID: LOCAL_VAULT_KEY.alias,
    MAIL_FROM: LOCAL_MAIL_FROM,
    TRANSFER_STATE_MACHINE_ARN: options.transferStateMachineArn,
    SCHEDULE_GROUP_NAME: LOCAL_SCHEDULE_GROUP,
    MIS_IMPORT_FUNCTION_ARN: LOCAL_MIS_IMPORT_FUNCTION_ARN,
    SCHEDULER_ROLE_ARN: LOCAL_SCHEDULER_ROLE_ARN,
    APP_BASE_URL: options.appBaseUrl,
  };
}

/** Powertools settings for a developer's terminal: warnings only, no metrics or traces to ship. */
export const LOCAL_POWERTOOLS_ENVIRONMENT: Record<string, string> = {
  POWERTOOLS_LOG_LEVEL: 'WARN',
  POWERTOOLS_METRICS_DISABLED: 'true',
  POWERTOOLS_TRACE_ENABLED: 'false',
  POWERTOOLS_DEV: 'false',
};

/**
 * The buckets a deployment's functions are told about: every `…_BUCKET` variable of the API
 * environment contract. The Data stack must create each (the contract makes CDK supply it), and the
 * local runtime creates each from this list, so neither side can add a bucket the other lacks.
 */
export function bucketsOf(environment: Readonly<Record<string, string | undefined>>): string[] {
  return Object.entries(environment)
    .filter(([name, value]) => name.endsWith('_BUCKET') && value !== undefined)
    .map(([, value]) => value as string);
}

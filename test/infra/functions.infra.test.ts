// Every Lambda function Lantern deploys is an AppFunction: Node 22 on ARM, traced, JSON logs into its
// own retained, encrypted log group, and exactly the environment its zod schema declares.
import { Stack } from 'aws-cdk-lib';
import { API_AREAS, WORKFLOW_TASKS } from '../../lib/config/function-manifest';
import { ApiEnvironmentSchema, WorkflowEnvironmentSchema } from '../../lib/platform/environment';
import type { AppFunction } from '../../lib/infra/app-function';
import { buildTestApp, logicalIdOf } from './infra-app';

const test = buildTestApp();
const { api, workflow } = test.stacks;

type AnyAppFunction = AppFunction<typeof ApiEnvironmentSchema> | AppFunction<typeof WorkflowEnvironmentSchema>;
const functions: [string, AnyAppFunction, readonly string[]][] = [
  ...[...api.functions].map(([id, fn]): [string, AnyAppFunction, readonly string[]] => [
    `api area ${id}`,
    fn,
    Object.keys(ApiEnvironmentSchema.shape),
  ]),
  ...[...workflow.taskFunctions].map(([id, fn]): [string, AnyAppFunction, readonly string[]] => [
    `workflow task ${id}`,
    fn,
    Object.keys(WorkflowEnvironmentSchema.shape),
  ]),
];

function resourceOf(fn: AnyAppFunction, logicalId: string): { Properties: Record<string, unknown> } & Record<string, unknown> {
  const template = test.template(Stack.of(fn));
  return template.toJSON().Resources[logicalId];
}

describe('Lambda functions', () => {
  it('deploys one function per manifest entry', () => {
    expect([...api.functions.keys()]).toEqual(API_AREAS.map((area) => area.id));
    expect([...workflow.taskFunctions.keys()]).toEqual(WORKFLOW_TASKS.map((task) => task.id));
  });

  it.each(functions)('%s runs nodejs22.x on arm64 with active tracing and JSON logs', (_name, fn) => {
    const { Properties } = resourceOf(fn, logicalIdOf(fn.function));

    expect(Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      Handler: 'loader.handler',
      LoggingConfig: {
        LogFormat: 'JSON',
        ApplicationLogLevel: 'INFO',
        SystemLogLevel: 'WARN',
        LogGroup: { Ref: logicalIdOf(fn.logGroup) },
      },
    });
  });

  it.each(functions)('%s logs into an explicit, retained, KMS-encrypted log group', (_name, fn) => {
    const logGroup = resourceOf(fn, logicalIdOf(fn.logGroup));

    expect(logGroup).toMatchObject({
      Type: 'AWS::Logs::LogGroup',
      DeletionPolicy: 'Retain',
      Properties: { RetentionInDays: test.config.logRetentionDays, KmsKeyId: expect.anything() },
    });
  });

  it.each(functions)('%s gets exactly the variables of its environment schema', (_name, fn, schemaKeys) => {
    const { Properties } = resourceOf(fn, logicalIdOf(fn.function));
    const variables = (Properties.Environment as { Variables: Record<string, unknown> }).Variables;

    expect(Object.keys(variables).sort()).toEqual([...schemaKeys].sort());
  });

  it.each(functions)('%s uses its own role with no AWS managed policy (not AWSLambdaBasicExecutionRole)', (_name, fn) => {
    const role = resourceOf(fn, logicalIdOf(fn.role));

    expect(JSON.stringify(role.Properties.ManagedPolicyArns ?? [])).not.toContain(':iam::aws:policy/');
  });

  it('gives API functions the base URL and From address from the region config', () => {
    const [fn] = [...api.functions.values()];
    const variables = (resourceOf(fn!, logicalIdOf(fn!.function)).Properties.Environment as {
      Variables: Record<string, unknown>;
    }).Variables;

    expect(variables).toMatchObject({
      APP_BASE_URL: `https://${test.config.domainName}`,
      MAIL_FROM: test.config.mailFromAddress,
      SCHEDULE_GROUP_NAME: `lantern-${test.config.region}`,
      S3_FORCE_PATH_STYLE: 'false',
    });
  });
});

// Every Lambda function Lantern deploys is an AppFunction: Node 22 on ARM, traced, JSON logs into its
// own retained, encrypted log group, and exactly the environment its zod schema declares.
import { Stack } from 'aws-cdk-lib';
import { API_AREAS, WORKFLOW_TASKS } from '../../lib/config/function-manifest';
import { ApiEnvironmentSchema, WorkflowEnvironmentSchema } from '../../lib/platform/environment';
import type { AppFunction } from '../../lib/infra/app-function';
import { buildTestApp, logicalIdOf, matching, resourceOf, type CfnResourceJson } from './infra-app';

const test = buildTestApp();
const { api, workflow } = test.stacks;

type AnyAppFunction =
  AppFunction<typeof ApiEnvironmentSchema> | AppFunction<typeof WorkflowEnvironmentSchema>;
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

function resourceFor(fn: AnyAppFunction, logicalId: string): CfnResourceJson {
  return resourceOf(test.template(Stack.of(fn)), logicalId);
}

describe('Lambda functions', () => {
  it('deploys one function per manifest entry', () => {
    expect([...api.functions.keys()]).toEqual(API_AREAS.map((area) => area.id));
    expect([...workflow.taskFunctions.keys()]).toEqual(WORKFLOW_TASKS.map((task) => task.id));
  });

  it.each(functions)('%s runs nodejs22.x on arm64 with active tracing and JSON logs', (_name, fn) => {
    const { Properties } = resourceFor(fn, logicalIdOf(fn.function));

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
    const logGroup = resourceFor(fn, logicalIdOf(fn.logGroup));

    expect(logGroup).toMatchObject({
      Type: 'AWS::Logs::LogGroup',
      DeletionPolicy: 'Retain',
      Properties: { RetentionInDays: test.config.logRetentionDays, KmsKeyId: matching.anything() },
    });
  });

  it.each(functions)('%s gets exactly the variables of its environment schema', (_name, fn, schemaKeys) => {
    const { Properties } = resourceFor(fn, logicalIdOf(fn.function));
    const variables = (Properties.Environment as { Variables: Record<string, unknown> }).Variables;

    expect(Object.keys(variables).sort()).toEqual([...schemaKeys].sort());
  });

  it.each(functions)(
    '%s uses its own role with no AWS managed policy (not AWSLambdaBasicExecutionRole)',
    (_name, fn) => {
      const role = resourceFor(fn, logicalIdOf(fn.role));

      expect(JSON.stringify(role.Properties.ManagedPolicyArns ?? [])).not.toContain(':iam::aws:policy/');
    },
  );

  it('gives API functions the base URL and From address from the region config', () => {
    const [fn] = [...api.functions.values()];
    const variables = (
      resourceFor(fn!, logicalIdOf(fn!.function)).Properties.Environment as {
        Variables: Record<string, unknown>;
      }
    ).Variables;

    expect(variables).toMatchObject({
      APP_BASE_URL: `https://${test.config.domainName}`,
      MAIL_FROM: test.config.mailFromAddress,
      SCHEDULE_GROUP_NAME: `lantern-${test.config.region}`,
      S3_FORCE_PATH_STYLE: 'false',
    });
  });
});

/**
 * The one way Lantern deploys a Lambda function: Node 22 on ARM, JSON logs into its own retained
 * log group, X-Ray tracing, source-mapped bundles, and an environment typed and checked against the
 * function's zod schema, so a missing or stray variable fails `cdk synth` instead of a request.
 */
import * as path from 'node:path';
import { Duration, type RemovalPolicy, Token, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal, type IGrantable, type IPrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  Architecture,
  LoggingFormat,
  Runtime,
  Tracing,
  ApplicationLogLevel,
  SystemLogLevel,
} from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { z } from 'zod';
import { REPOSITORY_ROOT } from '../config/repository-root';
import type { EnvironmentInput } from '../platform/environment';

/**
 * Loads the bundle with source maps switched on. Node only maps stack traces for files loaded after
 * `setSourceMapsEnabled(true)`, so this tiny module runs first and imports the bundle dynamically.
 * Doing it here rather than with NODE_OPTIONS keeps the environment exactly the schema's variables.
 */
const LOADER_FILE = 'loader.mjs';
const LOADER_SOURCE = [
  'process.setSourceMapsEnabled(true);',
  "export const { handler } = await import('./index.mjs');",
];

/**
 * ESM output lets esbuild bundle ESM-only packages (@middy/core) unchanged; the banner gives CommonJS
 * dependencies that call `require` for Node built-ins a working `require`.
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire as lanternCreateRequire } from 'node:module'; const require = lanternCreateRequire(import.meta.url);";

export interface AppFunctionLogging {
  readonly retention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  /** Customer-managed key for the log group; its policy must let CloudWatch Logs use it. */
  readonly encryptionKey?: IKey;
}

export interface AppFunctionProps<S extends z.ZodObject> {
  /** Handler module relative to the repository root (as in lib/config/function-manifest.ts). */
  readonly entry: string;
  readonly description?: string;
  readonly environmentSchema: S;
  /** Every variable of the schema, as strings (CDK tokens are strings); no others are accepted. */
  readonly environment: EnvironmentInput<S>;
  readonly logging: AppFunctionLogging;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default 10 seconds */
  readonly timeout?: Duration;
}

export class AppFunction<S extends z.ZodObject> extends Construct implements IGrantable {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  readonly grantPrincipal: IPrincipal;

  constructor(scope: Construct, id: string, props: AppFunctionProps<S>) {
    super(scope, id);
    const environment = checkedEnvironment(props.environmentSchema, props.environment, this.node.path);

    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: props.logging.retention,
      removalPolicy: props.logging.removalPolicy,
      encryptionKey: props.logging.encryptionKey,
    });

    // An own role instead of AWSLambdaBasicExecutionRole: it may write to this log group only.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${this.node.path}`,
    });
    this.logGroup.grantWrite(this.role);
    this.grantPrincipal = this.role;

    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(REPOSITORY_ROOT, props.entry),
      handler: `${path.basename(LOADER_FILE, '.mjs')}.handler`,
      projectRoot: REPOSITORY_ROOT,
      depsLockFilePath: path.join(REPOSITORY_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      logGroup: this.logGroup,
      environment,
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        // Stack traces need the mappings only; leaving sources out keeps the package small.
        sourcesContent: false,
        // Ship the SDK version the tests ran against rather than whatever the runtime carries.
        bundleAwsSDK: true,
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir, outputDir) => [
            `printf '%s\\n' ${LOADER_SOURCE.map((line) => `"${line}"`).join(' ')} > "${path.join(outputDir, LOADER_FILE)}"`,
          ],
        },
      },
    });

    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'The runtime is pinned to nodejs22.x on purpose: it is the Node version the project builds, tests and runs locally on (package.json engines); moving to a newer runtime is a deliberate upgrade, not a drift.',
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active tracing adds xray:PutTraceSegments and xray:PutTelemetryRecords, which do not support resource-level permissions; the wildcard covers only these two X-Ray actions.',
    });
  }

  get functionArn(): string {
    return this.function.functionArn;
  }
}

/**
 * Returns the environment after checking it against the schema: the same keys exactly, and every
 * value known at synth time (not a token) valid for its field.
 */
function checkedEnvironment<S extends z.ZodObject>(
  schema: S,
  environment: EnvironmentInput<S>,
  constructPath: string,
): Record<string, string> {
  const values: Record<string, string> = { ...environment };
  const expected = Object.keys(schema.shape).sort();
  const given = Object.keys(values).sort();
  const missing = expected.filter((key) => !given.includes(key));
  const extra = given.filter((key) => !expected.includes(key));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(
      `${constructPath}: environment must set exactly the schema's variables` +
        (missing.length ? `; missing ${missing.join(', ')}` : '') +
        (extra.length ? `; not in the schema: ${extra.join(', ')}` : ''),
    );
  }
  const problems = Object.entries(values).flatMap(([key, value]) => {
    if (Token.isUnresolved(value)) return [];
    const field = schema.shape[key] as z.ZodType;
    const result = field.safeParse(value);
    return result.success ? [] : [`${key}: ${result.error.issues.map((issue) => issue.message).join(', ')}`];
  });
  if (problems.length > 0) throw new Error(`${constructPath}: invalid environment: ${problems.join('; ')}`);
  return values;
}

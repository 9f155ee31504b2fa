/**
 * The Step Functions state machines, built from the same ASL files the local runtime interprets,
 * and the Lambda functions their tasks call. A definition's `${Name}` placeholders are filled from
 * the manifest's task substitutions; an unknown placeholder stops the synth.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ArnFormat, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { ManagedPolicy, PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { STATE_MACHINES, WORKFLOW_TASKS, type StateMachineDefinition } from '../config/function-manifest';
import { dataProtection, type RegionConfig } from '../config/region-config';
import { WorkflowEnvironmentSchema } from '../platform/environment';
import { REPOSITORY_ROOT } from '../config/repository-root';
import { AppFunction } from './app-function';
import { grantSendAsDomain } from './mail-identity';
import type { DataStack } from './data-stack';
import { acknowledgeWildcardResources, wildcardResourceFinding } from './nag-acknowledgements';

export interface WorkflowStackProps extends StackProps {
  readonly config: RegionConfig;
  readonly data: DataStack;
}

type ArnVariable = StateMachineDefinition['arnVariable'];

export class WorkflowStack extends Stack {
  /** Task functions by manifest id. */
  readonly taskFunctions: ReadonlyMap<string, AppFunction<typeof WorkflowEnvironmentSchema>>;
  /** State machines by manifest id. */
  readonly stateMachines: ReadonlyMap<string, StateMachine>;
  /** Attach with grantExecutionControl. */
  readonly executionControlPolicy: ManagedPolicy;

  constructor(scope: Construct, id: string, props: WorkflowStackProps) {
    super(scope, id, props);
    const { config, data } = props;
    const protection = dataProtection(config);
    const retention = config.logRetentionDays as RetentionDays;

    // Machine names are fixed (the stack's name and the machine's id), so task functions can be told a
    // machine's ARN without referencing it: the machine references the functions, not the other way.
    const machineNames = new Map(
      STATE_MACHINES.map((definition) => [definition.id, `${this.stackName}-${definition.id}`] as const),
    );
    const machineArn = (id: string) =>
      this.formatArn({
        service: 'states',
        resource: 'stateMachine',
        resourceName: machineNames.get(id) ?? id,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
    const tasks = new Map<string, AppFunction<typeof WorkflowEnvironmentSchema>>();
    for (const task of WORKFLOW_TASKS) {
      const fn = new AppFunction(this, `Task-${task.id}`, {
        entry: task.entry,
        description: `Lantern workflow task ${task.id}`,
        environmentSchema: WorkflowEnvironmentSchema,
        environment: {
          TABLE_NAME: data.table.tableName,
          POWERTOOLS_SERVICE_NAME: `lantern-${task.id}`,
          POWERTOOLS_METRICS_NAMESPACE: 'Lantern',
          S3_FORCE_PATH_STYLE: 'false',
          MAIL_FROM: config.mailFromAddress,
          APP_BASE_URL: `https://${config.domainName}`,
          EXTRACTS_BUCKET: data.extractsBucket.bucketName,
          VAULT_BUCKET: data.vaultBucket.bucketName,
          VAULT_KEY_ID: data.vaultKey.keyArn,
          TRANSFER_STATE_MACHINE_ARN: machineArn('transfer'),
        },
        logging: { retention, removalPolicy: protection.removalPolicy, encryptionKey: data.logsKey },
        timeout: Duration.seconds(task.timeoutSeconds ?? 60),
        ...(task.memoryMb === undefined ? {} : { memorySize: task.memoryMb }),
      });
      data.grantTableReadWrite(fn.role);
      if (task.documents) data.grantDocumentsReadWrite(fn.role);
      grantSendAsDomain(fn.role, config.mailIdentityDomain, config.mailFromAddress);
      if (task.transferControl) {
        // The import task starts the executions it detects; the transfer steps answer their own waits.
        fn.role.addToPrincipalPolicy(
          new PolicyStatement({
            actions: ['states:StartExecution', 'states:SendTaskSuccess'],
            resources: [machineArn('transfer')],
          }),
        );
      }
      tasks.set(task.id, fn);
    }
    this.taskFunctions = tasks;

    const machines = new Map<string, StateMachine>();
    for (const definition of STATE_MACHINES) {
      const file = path.join(REPOSITORY_ROOT, definition.definitionFile);
      const used = placeholdersIn(fs.readFileSync(file, 'utf8'));
      const usedTasks = WORKFLOW_TASKS.filter((task) => used.has(task.substitution));
      const unknown = [...used].filter((name) => !WORKFLOW_TASKS.some((task) => task.substitution === name));
      if (unknown.length > 0) {
        throw new Error(`${definition.definitionFile} uses unknown substitutions: ${unknown.join(', ')}`);
      }

      const logGroup = new LogGroup(this, `${definition.id}-Logs`, {
        retention,
        removalPolicy: protection.removalPolicy,
        encryptionKey: data.logsKey,
      });
      const machine = new StateMachine(this, `StateMachine-${definition.id}`, {
        stateMachineName: machineNames.get(definition.id),
        stateMachineType: StateMachineType.STANDARD,
        definitionBody: DefinitionBody.fromFile(file),
        definitionSubstitutions: Object.fromEntries(
          usedTasks.map((task) => [task.substitution, taskFunction(tasks, task.id).functionArn]),
        ),
        logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: true },
        tracingEnabled: true,
      });
      Validations.of(machine.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Added by CDK for logging and tracing: CloudWatch Logs delivery actions (logs:CreateLogDelivery, GetLogDelivery, ...) and X-Ray actions do not support resource-level permissions.',
      });
      for (const task of usedTasks) {
        const fn = taskFunction(tasks, task.id);
        fn.function.grantInvoke(machine);
        Validations.of(machine.role).acknowledge({
          id: wildcardResourceFinding(machine.role, `${fn.functionArn}:*`),
          reason:
            'grantInvoke allows the function ARN and its qualified ARNs (<arn>:*) so the machine may call a version or alias; the wildcard is limited to this one function.',
        });
      }
      machines.set(definition.id, machine);
    }
    this.stateMachines = machines;
    this.executionControlPolicy = this.createExecutionControlPolicy();
  }

  /** Start executions, answer their task-token callbacks and read their status (the API's needs). */
  grantExecutionControl(role: IRole): void {
    role.addManagedPolicy(this.executionControlPolicy);
  }

  private createExecutionControlPolicy(): ManagedPolicy {
    const machines = [...this.stateMachines.values()];
    const executionArns = machines.map((machine) =>
      this.formatArn({
        service: 'states',
        resource: 'execution',
        resourceName: `${machine.stateMachineName}:*`,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
    );
    const policy = new ManagedPolicy(this, 'ExecutionControlPolicy', {
      description: 'Lantern: start state machine executions, send task results, describe executions',
      statements: [
        new PolicyStatement({
          actions: ['states:StartExecution', 'states:SendTaskSuccess', 'states:SendTaskFailure'],
          resources: machines.map((machine) => machine.stateMachineArn),
        }),
        new PolicyStatement({ actions: ['states:DescribeExecution'], resources: executionArns }),
      ],
    });
    acknowledgeWildcardResources(
      policy,
      executionArns,
      'Executions are started at run time (one per transfer) and named then; DescribeExecution is limited to executions of Lantern state machines.',
    );
    return policy;
  }

  /** The API functions' environment variables that carry state machine ARNs. */
  stateMachineArnVariables(): Record<ArnVariable, string> {
    const entries = STATE_MACHINES.map((definition) => {
      const machine = this.stateMachines.get(definition.id);
      if (!machine) throw new Error(`State machine ${definition.id} was not built`);
      return [definition.arnVariable, machine.stateMachineArn] as const;
    });
    // Every ArnVariable appears because STATE_MACHINES declares one per machine; the cast records that.
    return Object.fromEntries(entries) as Record<ArnVariable, string>;
  }
}

function taskFunction<T>(tasks: ReadonlyMap<string, T>, id: string): T {
  const fn = tasks.get(id);
  if (!fn) throw new Error(`Workflow task ${id} was not built`);
  return fn;
}

/** `${Name}` placeholders in an ASL definition (JSONPath `$.x` and `$$.Task` are not placeholders). */
function placeholdersIn(definition: string): Set<string> {
  return new Set([...definition.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1] ?? ''));
}

// The Workflow stack: state machines are the ASL files with the task ARNs substituted, logged in
// full and traced; the machine may invoke its task functions.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { STATE_MACHINES, WORKFLOW_TASKS } from '../../lib/config/function-manifest';
import { REPOSITORY_ROOT } from '../../lib/config/repository-root';
import { buildTestApp, logicalIdOf, matching, resourceOf, resourcesOf } from './infra-app';

const test = buildTestApp();
const { workflow, data } = test.stacks;
const template = () => test.template(workflow);

describe('Workflow stack', () => {
  it.each(STATE_MACHINES)(
    'builds the $id machine as STANDARD from $definitionFile with substitutions',
    (definition) => {
      const machine = workflow.stateMachines.get(definition.id)!;
      const file = fs.readFileSync(path.join(REPOSITORY_ROOT, definition.definitionFile), 'utf8');
      const substitutions = Object.fromEntries(
        WORKFLOW_TASKS.filter((task) => file.includes(`\${${task.substitution}}`)).map((task) => [
          task.substitution,
          { 'Fn::GetAtt': [logicalIdOf(workflow.taskFunctions.get(task.id)!.function), 'Arn'] },
        ]),
      );
      expect(Object.keys(substitutions).length).toBeGreaterThan(0);

      const resource = resourceOf(template(), logicalIdOf(machine));
      expect(resource.Properties).toMatchObject({
        StateMachineType: 'STANDARD',
        DefinitionSubstitutions: substitutions,
        TracingConfiguration: { Enabled: true },
        LoggingConfiguration: {
          Level: 'ALL',
          IncludeExecutionData: true,
          Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: matching.anything() } }],
        },
      });
    },
  );

  it.each(STATE_MACHINES)(
    'uploads $definitionFile unchanged; CloudFormation applies the substitutions',
    (definition) => {
      const machine = workflow.stateMachines.get(definition.id)!;
      const resource = resourceOf(template(), logicalIdOf(machine));
      const { Key: key } = resource.Properties.DefinitionS3Location as { Key: string };
      const staged = path.join(test.app.outdir, `asset.${key}`);

      expect(fs.readFileSync(staged, 'utf8')).toBe(
        fs.readFileSync(path.join(REPOSITORY_ROOT, definition.definitionFile), 'utf8'),
      );
      expect(resource.Properties.DefinitionString).toBeUndefined();
    },
  );

  it('puts the function ARN where the definition names its substitution', () => {
    const definition = STATE_MACHINES[0]!;
    const file = fs.readFileSync(path.join(REPOSITORY_ROOT, definition.definitionFile), 'utf8');
    const task = WORKFLOW_TASKS.find((candidate) => file.includes(`\${${candidate.substitution}}`))!;
    const machine = resourceOf(template(), logicalIdOf(workflow.stateMachines.get(definition.id)!));

    const substitutions = machine.Properties.DefinitionSubstitutions as Record<string, unknown>;
    expect(JSON.stringify(substitutions[task.substitution])).toContain(
      logicalIdOf(workflow.taskFunctions.get(task.id)!.function),
    );
  });

  it('logs executions to a retained, encrypted log group', () => {
    template().hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        RetentionInDays: test.config.logRetentionDays,
        KmsKeyId: Match.anyValue(),
      }),
    });
  });

  it('lets each machine invoke the task functions its definition names', () => {
    const named = STATE_MACHINES.map((machine) =>
      fs.readFileSync(path.join(REPOSITORY_ROOT, machine.definitionFile), 'utf8'),
    ).join('\n');
    for (const task of WORKFLOW_TASKS.filter((candidate) =>
      named.includes(`\${${candidate.substitution}}`),
    )) {
      const fn = logicalIdOf(workflow.taskFunctions.get(task.id)!.function);
      template().hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Action: 'lambda:InvokeFunction',
              Resource: Match.arrayWith([{ 'Fn::GetAtt': [fn, 'Arn'] }]),
            }),
          ]),
        },
      });
    }
  });

  it('gives the task functions the table access policy', () => {
    for (const fn of workflow.taskFunctions.values()) {
      const role = resourceOf(template(), logicalIdOf(fn.role));
      expect(JSON.stringify(role.Properties.ManagedPolicyArns)).toContain(
        logicalIdOf(data.tableAccessPolicy),
      );
    }
  });

  it('gives each task the timeout, memory and bucket access the manifest asks for (the import and the transfer copy)', () => {
    for (const task of WORKFLOW_TASKS) {
      const fn = workflow.taskFunctions.get(task.id)!;
      const resource = resourceOf(template(), logicalIdOf(fn.function));
      const role = resourceOf(template(), logicalIdOf(fn.role));
      const documents = JSON.stringify(role.Properties.ManagedPolicyArns).includes(
        logicalIdOf(data.documentsAccessPolicy),
      );
      expect(resource.Properties.Timeout).toBe(task.timeoutSeconds ?? 60);
      if (task.memoryMb !== undefined) expect(resource.Properties.MemorySize).toBe(task.memoryMb);
      expect(documents).toBe(task.documents === true);
    }
    expect(WORKFLOW_TASKS.find((task) => task.id === 'misImport')).toMatchObject({
      timeoutSeconds: 900,
      documents: true,
    });
    expect(WORKFLOW_TASKS.find((task) => task.id === 'transferStep')).toMatchObject({
      timeoutSeconds: 900,
      documents: true,
    });
  });

  it('names the transfer machine so the task functions are told its ARN without a reference back to it', () => {
    const machine = workflow.stateMachines.get('transfer')!;
    const resource = resourceOf(template(), logicalIdOf(machine));
    expect(resource.Properties.StateMachineName).toBe('Lantern-eu-west-2-Workflow-transfer');
    for (const task of WORKFLOW_TASKS) {
      const fn = workflow.taskFunctions.get(task.id)!;
      const environment = resourceOf(template(), logicalIdOf(fn.function)).Properties.Environment as {
        Variables: Record<string, unknown>;
      };
      expect(JSON.stringify(environment.Variables.TRANSFER_STATE_MACHINE_ARN)).toContain(
        'stateMachine:Lantern-eu-west-2-Workflow-transfer',
      );
      const policies = Object.values(resourcesOf(template()))
        .filter((candidate) => candidate.Type === 'AWS::IAM::Policy')
        .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(logicalIdOf(fn.role)));
      const mayStart = policies.some((policy) =>
        JSON.stringify(policy.Properties.PolicyDocument).includes('states:StartExecution'),
      );
      expect(mayStart).toBe(task.transferControl === true);
    }
  });

  it('offers the API a policy to start, answer and describe executions', () => {
    template().hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: ['states:SendTaskFailure', 'states:SendTaskSuccess', 'states:StartExecution'],
          }),
          Match.objectLike({ Action: 'states:DescribeExecution' }),
        ],
      },
    });
  });
});

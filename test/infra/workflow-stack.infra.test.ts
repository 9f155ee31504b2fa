// The Workflow stack: state machines are the ASL files with the task ARNs substituted, logged in
// full and traced; the machine may invoke its task functions.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { STATE_MACHINES, WORKFLOW_TASKS } from '../../lib/config/function-manifest';
import { REPOSITORY_ROOT } from '../../lib/config/repository-root';
import { buildTestApp, logicalIdOf, matching, resourceOf } from './infra-app';

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

  it('gives the MIS import task 15 minutes, more memory and the extracts bucket; the others no bucket access', () => {
    for (const [id, fn] of workflow.taskFunctions) {
      const resource = resourceOf(template(), logicalIdOf(fn.function));
      const role = resourceOf(template(), logicalIdOf(fn.role));
      const documents = JSON.stringify(role.Properties.ManagedPolicyArns).includes(
        logicalIdOf(data.documentsAccessPolicy),
      );
      if (id === 'misImport') {
        expect(resource.Properties).toMatchObject({ Timeout: 900, MemorySize: 2048 });
        expect(documents).toBe(true);
      } else {
        expect(resource.Properties.Timeout).toBe(60);
        expect(documents).toBe(false);
      }
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

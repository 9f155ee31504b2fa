// The Schedules stack: a named group for runtime schedules, the fixed schedules, and a role only
// Scheduler (for this account and group) can assume.
import { Match } from 'aws-cdk-lib/assertions';
import { buildTestApp, logicalIdOf, resourcesOf } from './infra-app';

const test = buildTestApp();
const template = () => test.template(test.stacks.schedules);

describe('Schedules stack', () => {
  it('creates the lantern-<region> schedule group and keeps it outside dev', () => {
    template().hasResource('AWS::Scheduler::ScheduleGroup', {
      DeletionPolicy: 'Retain',
      Properties: { Name: `lantern-${test.config.region}` },
    });
    expect(test.stacks.schedules.scheduleGroupName).toBe(`lantern-${test.config.region}`);
  });

  it('has a role only EventBridge Scheduler can assume, for schedules of this group and account', () => {
    template().hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: 'sts:AssumeRole',
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: {
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
              ArnLike: { 'aws:SourceArn': Match.anyValue() },
            },
          }),
        ],
      },
    });
  });

  it('runs the alert outbox sweeper every five minutes, and the role may invoke only the scheduled tasks (the sweeper and the MIS import)', () => {
    const sweeper = test.stacks.workflow.taskFunctions.get('alertOutboxSweep')!;
    const misImport = test.stacks.workflow.taskFunctions.get('misImport')!;
    template().hasResourceProperties('AWS::Scheduler::Schedule', {
      Name: 'alert-outbox-sweep',
      GroupName: Match.anyValue(),
      ScheduleExpression: 'rate(5 minutes)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: Match.objectLike({
        Input: '{}',
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 300 },
      }),
    });
    template().resourceCountIs('AWS::Scheduler::Schedule', 1);
    const roles = Object.values(resourcesOf(template())).filter(
      (resource) => resource.Type === 'AWS::IAM::Role',
    );
    expect(roles).toHaveLength(1);
    expect(roles[0]!.Properties.ManagedPolicyArns).toBeUndefined();
    const policies = Object.values(resourcesOf(template())).filter(
      (resource) => resource.Type === 'AWS::IAM::Policy',
    );
    const statements = policies.flatMap(
      (policy) => (policy.Properties.PolicyDocument as { Statement: { Action: unknown }[] }).Statement,
    );
    expect(new Set(statements.map((statement) => statement.Action))).toEqual(
      new Set(['lambda:InvokeFunction']),
    );
    // The functions are in the Workflow stack, so the policy names them through that stack's exports.
    const named = JSON.stringify(statements);
    expect(named).toContain(logicalIdOf(sweeper.function));
    expect(named).toContain(logicalIdOf(misImport.function));
    const otherTasks = [...test.stacks.workflow.taskFunctions]
      .filter(([id]) => id !== 'alertOutboxSweep' && id !== 'misImport')
      .map(([, task]) => logicalIdOf(task.function));
    for (const other of otherTasks) expect(named).not.toContain(other);
  });

  it('lets the API manage schedules in the group and pass only the scheduler role', () => {
    template().hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: [
              'scheduler:CreateSchedule',
              'scheduler:DeleteSchedule',
              'scheduler:GetSchedule',
              'scheduler:UpdateSchedule',
            ],
          }),
          Match.objectLike({
            Action: 'iam:PassRole',
            Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
          }),
        ],
      },
    });
  });
});

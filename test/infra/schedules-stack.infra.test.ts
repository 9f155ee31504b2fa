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

  it('runs the alert outbox sweeper every five minutes, and the role may invoke only that function', () => {
    const sweeper = test.stacks.workflow.taskFunctions.get('alertOutboxSweep')!;
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
    expect(statements.map((statement) => statement.Action)).toEqual(['lambda:InvokeFunction']);
    // The function is in the Workflow stack, so the policy names it through that stack's export.
    expect(JSON.stringify(statements)).toContain(logicalIdOf(sweeper.function));
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

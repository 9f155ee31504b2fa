// The Schedules stack: a named group for runtime schedules and a role only Scheduler (for this
// account and group) can assume.
import { Match } from 'aws-cdk-lib/assertions';
import { buildTestApp, resourcesOf } from './infra-app';

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

  it('gives the scheduler role no permissions yet', () => {
    template().resourceCountIs('AWS::IAM::Policy', 0);
    const roles = Object.values(resourcesOf(template())).filter(
      (resource) => resource.Type === 'AWS::IAM::Role',
    );
    expect(roles).toHaveLength(1);
    expect(roles[0]!.Properties.ManagedPolicyArns).toBeUndefined();
    expect(roles[0]!.Properties.Policies).toBeUndefined();
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

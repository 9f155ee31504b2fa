/**
 * The EventBridge Scheduler group that holds Lantern's runtime-created schedules (nightly MIS
 * imports, recurring reports, planner reminders, transfer clocks) and the role Scheduler assumes to
 * run them. The role has no permissions yet: each feature grants exactly the target it schedules.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal, type IRole } from 'aws-cdk-lib/aws-iam';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { Construct } from 'constructs';
import { dataProtection, type RegionConfig } from '../config/region-config';
import { acknowledgeWildcardResources } from './nag-acknowledgements';

export interface SchedulesStackProps extends StackProps {
  readonly config: RegionConfig;
}

export class SchedulesStack extends Stack {
  readonly scheduleGroup: ScheduleGroup;
  /** Plain string (not a token): the API needs it in its environment and in IAM resource ARNs. */
  readonly scheduleGroupName: string;
  /** Assumed by EventBridge Scheduler when a schedule in the group fires. */
  readonly schedulerRole: Role;
  /** Attach with grantScheduleManagement. */
  readonly scheduleManagementPolicy: ManagedPolicy;

  constructor(scope: Construct, id: string, props: SchedulesStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.scheduleGroupName = `lantern-${config.region}`;

    this.scheduleGroup = new ScheduleGroup(this, 'ScheduleGroup', {
      scheduleGroupName: this.scheduleGroupName,
      // Schedules are created at run time per school; deleting the group would silently drop them.
      removalPolicy: dataProtection(config).removalPolicy,
    });

    new CfnOutput(this, 'ScheduleGroupName', { value: this.scheduleGroupName });

    this.schedulerRole = new Role(this, 'SchedulerRole', {
      description: `Assumed by EventBridge Scheduler for schedules in ${this.scheduleGroupName}`,
      // Only schedules of this account and group may use the role (confused-deputy protection).
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: { 'aws:SourceArn': this.scheduleArn('*') },
        },
      }),
    });

    const schedules = this.scheduleArn('*');
    this.scheduleManagementPolicy = new ManagedPolicy(this, 'ScheduleManagementPolicy', {
      description: `Lantern: manage schedules in ${this.scheduleGroupName}`,
      statements: [
        new PolicyStatement({
          actions: [
            'scheduler:CreateSchedule',
            'scheduler:UpdateSchedule',
            'scheduler:DeleteSchedule',
            'scheduler:GetSchedule',
          ],
          resources: [schedules],
        }),
        new PolicyStatement({
          actions: ['iam:PassRole'],
          resources: [this.schedulerRole.roleArn],
          conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
        }),
      ],
    });
    acknowledgeWildcardResources(
      this.scheduleManagementPolicy,
      [schedules],
      "Schedules are created per school at run time and named then; the grant is limited to schedules inside this region's Lantern schedule group.",
    );
  }

  /** Create, update, delete and read schedules in the group, passing the scheduler role to them. */
  grantScheduleManagement(role: IRole): void {
    role.addManagedPolicy(this.scheduleManagementPolicy);
  }

  /** ARN of a schedule in the group; `*` for all of them. */
  scheduleArn(scheduleName: string): string {
    return `arn:${this.partition}:scheduler:${this.region}:${this.account}:schedule/${this.scheduleGroupName}/${scheduleName}`;
  }
}

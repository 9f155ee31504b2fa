/**
 * The EventBridge Scheduler group that holds Lantern's runtime-created schedules (nightly MIS
 * imports, recurring reports, planner reminders, transfer clocks), the fixed schedules of the function
 * manifest's RECURRING_SCHEDULES (the alert outbox sweeper), and the role Scheduler assumes to run
 * them. The role may invoke exactly the targets scheduled; each feature grants its own.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal, type IRole } from 'aws-cdk-lib/aws-iam';
import { CfnSchedule, ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { Construct } from 'constructs';
import { RECURRING_SCHEDULES, RUNTIME_SCHEDULED_TASKS } from '../config/function-manifest';
import { dataProtection, type RegionConfig } from '../config/region-config';
import { acknowledgeWildcardResources } from './nag-acknowledgements';
import type { WorkflowStack } from './workflow-stack';

export interface SchedulesStackProps extends StackProps {
  readonly config: RegionConfig;
  /** Holds the task functions the fixed schedules invoke. */
  readonly workflow: WorkflowStack;
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

    // Schedules made at run time (a school's nightly import, "run now") invoke these tasks.
    for (const taskId of RUNTIME_SCHEDULED_TASKS) {
      const task = props.workflow.taskFunctions.get(taskId);
      if (!task) throw new Error(`Runtime-scheduled task ${taskId} is not a workflow task`);
      this.schedulerRole.addToPolicy(
        new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [task.function.functionArn] }),
      );
    }

    for (const recurring of RECURRING_SCHEDULES) {
      const task = props.workflow.taskFunctions.get(recurring.taskId);
      if (!task) throw new Error(`Schedule ${recurring.id} names unknown task ${recurring.taskId}`);
      // The unqualified function only (Scheduler invokes $LATEST), so no `<arn>:*` wildcard is granted.
      this.schedulerRole.addToPolicy(
        new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [task.function.functionArn] }),
      );
      new CfnSchedule(this, `Schedule-${recurring.id}`, {
        name: recurring.id,
        groupName: this.scheduleGroup.scheduleGroupName,
        description: `Lantern: ${recurring.taskId}, ${recurring.expression}`,
        scheduleExpression: recurring.expression,
        flexibleTimeWindow: { mode: 'OFF' },
        target: {
          arn: task.function.functionArn,
          roleArn: this.schedulerRole.roleArn,
          input: '{}',
          // A missed run is taken by the next one five minutes later; retrying it for a day adds nothing.
          retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 300 },
        },
      });
    }

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

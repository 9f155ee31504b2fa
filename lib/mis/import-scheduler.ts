/**
 * The schedules that run a school's import (EventBridge Scheduler on AWS, the Scheduler stand-in
 * locally): one nightly schedule per school in the school's own time zone (default 02:00), and a
 * one-off schedule a few seconds ahead for "run now", deleted by Scheduler once it has fired.
 */
import {
  ConflictException,
  CreateScheduleCommand,
  UpdateScheduleCommand,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';

export const DEFAULT_NIGHTLY_TIME = '02:00';
/** "Run now" fires this far ahead: Scheduler will not take a time in the past. */
const RUN_NOW_DELAY_MS = 5_000;

export interface ImportSchedulerConfig {
  readonly groupName: string;
  readonly importFunctionArn: string;
  readonly roleArn: string;
}

export function nightlyScheduleName(schoolId: string): string {
  return `mis-nightly-${schoolId}`;
}

export class ImportScheduler {
  constructor(
    private readonly scheduler: SchedulerClient,
    private readonly config: ImportSchedulerConfig,
  ) {}

  private target(schoolId: string, trigger: 'schedule' | 'run-now') {
    return {
      Arn: this.config.importFunctionArn,
      RoleArn: this.config.roleArn,
      Input: JSON.stringify({ schoolId, trigger }),
      // A failed run is retried a couple of times; the next night tries again anyway.
      RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
    };
  }

  /** Creates (or moves) the school's nightly import to `time` (HH:MM) in `timeZone`. */
  async ensureNightly(
    schoolId: string,
    timeZone: string,
    time: string = DEFAULT_NIGHTLY_TIME,
  ): Promise<void> {
    const [hour, minute] = time.split(':').map(Number);
    const request = {
      Name: nightlyScheduleName(schoolId),
      GroupName: this.config.groupName,
      Description: 'Lantern: nightly MIS import',
      ScheduleExpression: `cron(${minute ?? 0} ${hour ?? 2} * * ? *)`,
      ScheduleExpressionTimezone: timeZone,
      FlexibleTimeWindow: { Mode: 'OFF' as const },
      Target: this.target(schoolId, 'schedule'),
    };
    try {
      await this.scheduler.send(new CreateScheduleCommand(request));
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error;
      await this.scheduler.send(new UpdateScheduleCommand(request));
    }
  }

  /** Runs the school's import a few seconds from now; returns when it starts. */
  async runSoon(schoolId: string, now: Date): Promise<Date> {
    const startsAt = new Date(Math.ceil((now.getTime() + RUN_NOW_DELAY_MS) / 1000) * 1000);
    const at = startsAt.toISOString().slice(0, 19);
    await this.scheduler.send(
      new CreateScheduleCommand({
        Name: `mis-run-${schoolId}-${startsAt.getTime() / 1000}`,
        GroupName: this.config.groupName,
        Description: 'Lantern: MIS import, run now',
        ScheduleExpression: `at(${at})`,
        ScheduleExpressionTimezone: 'UTC',
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: this.target(schoolId, 'run-now'),
      }),
    );
    return startsAt;
  }
}

// Invokes a schedule's target, retrying a failure in the background with exponential backoff, within
// the schedule's RetryPolicy, and logging each failure to stderr.
import type { StoredSchedule } from './schedule-schemas';

export interface ScheduleTarget {
  Arn: string;
  Input?: string;
  RoleArn: string;
}

export type InvokeTarget = (
  target: ScheduleTarget,
  schedule: { Name: string; GroupName: string },
) => Promise<void>;

/** AWS retries up to 185 times over a day; locally a handful is enough to see a flaky target recover. */
const LOCAL_RETRY_CAP = 5;
const RETRY_BASE_MS = 1000;
const RETRY_MAX_MS = 30_000;

export class TargetInvoker {
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly invokeTarget: InvokeTarget) {}

  /** Invokes the target once now; retries, if needed, continue in the background. */
  async fire(schedule: StoredSchedule): Promise<void> {
    const target: ScheduleTarget = { Arn: schedule.Target.Arn, RoleArn: schedule.Target.RoleArn };
    if (schedule.Target.Input !== undefined) target.Input = schedule.Target.Input;
    const identity = { Name: schedule.Name, GroupName: schedule.GroupName };
    const policy = schedule.Target.RetryPolicy;
    const retries = Math.min(policy?.MaximumRetryAttempts ?? 185, LOCAL_RETRY_CAP);
    const deadline = Date.now() + (policy?.MaximumEventAgeInSeconds ?? 86400) * 1000;

    const attempt = async (attemptNumber: number): Promise<void> => {
      try {
        await this.invokeTarget(target, identity);
      } catch (error) {
        const label = `${identity.GroupName}/${identity.Name}`;
        const message = error instanceof Error ? error.message : String(error);
        if (attemptNumber < retries && Date.now() < deadline && !this.stopped) {
          const delay = Math.min(RETRY_BASE_MS * 2 ** attemptNumber, RETRY_MAX_MS);
          process.stderr.write(
            `[scheduler-standin] ${label}: target failed (${message}); retrying in ${delay} ms\n`,
          );
          const timer = setTimeout(() => {
            this.retryTimers.delete(timer);
            void attempt(attemptNumber + 1);
          }, delay);
          this.retryTimers.add(timer);
        } else {
          process.stderr.write(`[scheduler-standin] ${label}: target failed (${message}); giving up\n`);
        }
      }
    };
    await attempt(0);
  }

  /** Cancels pending retries; an attempt already running may finish but is not retried. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
  }
}

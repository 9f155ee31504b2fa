// Task tokens for `.waitForTaskToken` tasks: issued, held until completed or failed, kept alive by
// heartbeats, timed out, and then retired so a second completion is refused.
import { randomBytes } from 'node:crypto';
import { AwsError } from '../http/aws-errors';
import type { JsonValue } from './interpreter-types';
import { taskError } from './task-errors';
import { MAX_TIMER_MS } from './timer-limits';

export interface TaskLimits {
  /** The state's TimeoutSeconds; the interpreter enforces it, the registry retires the token after. */
  timeoutSeconds: number;
  heartbeatSeconds?: number;
}

export interface PendingTask {
  token: string;
  /** Settles with the SendTaskSuccess output, or rejects with the failure. */
  promise: Promise<JsonValue>;
  settled: boolean;
  resolve(output: JsonValue): void;
  reject(error: Error): void;
  heartbeat(): void;
}

const TOKEN_PATTERN = /^AQ[A-Za-z0-9_-]{128}$/;
// The interpreter raises States.Timeout itself at TimeoutSeconds; the token is retired just after.
const RETIRE_AFTER_TIMEOUT_MS = 50;

export class TaskTokenRegistry {
  /** Live tasks by token; a settled task's token maps to 'closed' so reuse is told apart from forgery. */
  private readonly tokens = new Map<string, PendingTask | 'closed'>();

  /** A fresh token, shaped like AWS's (`AQ` and 128 base64url characters). */
  issue(): string {
    return `AQ${randomBytes(96).toString('base64url')}`;
  }

  /**
   * Holds a task under `token` until it is completed, fails, misses a heartbeat or times out. While
   * pending it is also in `openTasks`, so its execution can fail it when the execution ends.
   */
  hold(token: string, limits: TaskLimits, openTasks: Set<PendingTask>): PendingTask {
    let resolvePromise: (value: JsonValue) => void = () => undefined;
    let rejectPromise: (error: Error) => void = () => undefined;
    const promise = new Promise<JsonValue>((resolve, reject) => {
      resolvePromise = resolve;
      rejectPromise = reject;
    });
    let heartbeatTimer: NodeJS.Timeout | undefined;
    const settle = () => {
      task.settled = true;
      clearTimeout(heartbeatTimer);
      clearTimeout(timeoutTimer);
      this.tokens.set(token, 'closed');
      openTasks.delete(task);
    };
    const task: PendingTask = {
      token,
      promise,
      settled: false,
      resolve(output) {
        if (task.settled) return;
        settle();
        resolvePromise(output);
      },
      reject(error) {
        if (task.settled) return;
        settle();
        rejectPromise(error);
      },
      heartbeat() {
        if (limits.heartbeatSeconds === undefined) return;
        clearTimeout(heartbeatTimer);
        heartbeatTimer = setTimeout(
          () =>
            task.reject(
              taskError('States.Timeout', `No heartbeat within ${limits.heartbeatSeconds} seconds`),
            ),
          Math.min(limits.heartbeatSeconds * 1000, MAX_TIMER_MS),
        );
        heartbeatTimer.unref();
      },
    };
    const timeoutTimer = setTimeout(
      () => task.reject(taskError('States.Timeout', 'The task timed out')),
      limits.timeoutSeconds * 1000 + RETIRE_AFTER_TIMEOUT_MS,
    );
    timeoutTimer.unref();
    task.heartbeat();
    this.tokens.set(token, task);
    openTasks.add(task);
    return task;
  }

  /** The pending task for a token, or the error SendTask* answers with. */
  find(token: string): PendingTask {
    if (!TOKEN_PATTERN.test(token)) throw new AwsError('InvalidToken', "Invalid Token: 'Invalid token'");
    const task = this.tokens.get(token);
    if (task === undefined) throw new AwsError('TaskDoesNotExist', 'Task does not exist');
    // AWS's answer for a token that was already used, timed out, or belongs to a finished execution.
    if (task === 'closed') {
      throw new AwsError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
    }
    return task;
  }
}

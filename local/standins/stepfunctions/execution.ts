// An execution's record, and how it ends: its outcome is set once, and whatever it still holds (task
// tokens, sleeping Wait states) is released.
import type { JsonObject } from './interpreter-types';
import type { RegisteredStateMachine } from './state-machines';
import type { PendingTask } from './task-token-registry';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface ExecutionOutcome {
  output?: string;
  error?: string;
  cause?: string;
}

export interface Execution extends ExecutionOutcome {
  arn: string;
  name: string;
  stateMachine: RegisteredStateMachine;
  /** As given to StartExecution, for DescribeExecution and the idempotency check. */
  input: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  /** History events in AWS's shape, numbered from 1. */
  events: JsonObject[];
  pendingTasks: Set<PendingTask>;
  /** Wakes each sleeping Wait state. */
  sleepers: Set<() => void>;
  /** Stops the interpreter's run. */
  abort: () => void;
}

/** Records the outcome unless the execution has already finished; the first outcome wins. */
export function finishExecution(
  execution: Execution,
  status: Exclude<ExecutionStatus, 'RUNNING'>,
  outcome: ExecutionOutcome,
): void {
  if (execution.status !== 'RUNNING') return;
  Object.assign(execution, { status, stopDate: new Date() }, outcome);
  // Nothing may complete a task of a finished execution; its tokens now answer TaskTimedOut.
  for (const task of execution.pendingTasks) task.reject(new Error('The execution has finished'));
  for (const wake of execution.sleepers) wake();
}

/** Aborts a running execution (StopExecution, or the stand-in closing); a finished one is left as it is. */
export function stopExecution(execution: Execution, outcome: { error?: string; cause?: string }): void {
  if (execution.status !== 'RUNNING') return;
  finishExecution(execution, 'ABORTED', outcome);
  execution.abort();
}

// Starts executions on aws-local-stepfunctions: wires the stand-in's task handlers and context object
// into the run, records its history, and maps how the run ends to an execution status.
import { randomUUID } from 'node:crypto';
import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError } from 'aws-local-stepfunctions';
import { finishExecution, type Execution, type ExecutionOutcome } from './execution';
import { recordHistory } from './execution-history';
import type { ExecutionStore } from './execution-store';
import type { JsonValue, TaskHandlers } from './interpreter-types';
import type { InvokeLambda } from './lambda-tasks';
import { EXECUTION_ROLE_ARN, executionArn } from './sfn-arns';
import type { RegisteredStateMachine } from './state-machines';
import { createTaskRunner } from './task-runner';
import type { TaskTokenRegistry } from './task-token-registry';

export interface ExecutionLauncherOptions {
  region: string;
  executions: ExecutionStore;
  tokens: TaskTokenRegistry;
  invokeLambda: InvokeLambda;
  waitTimeOverrides: boolean;
}

/** Starts a run of `machine` on `inputText` (already checked to be JSON), stores it and returns it. */
export type LaunchExecution = (machine: RegisteredStateMachine, name: string, inputText: string) => Execution;

export function createExecutionLauncher(options: ExecutionLauncherOptions): LaunchExecution {
  // The interpreter leaves $$.Task.Token undefined; this placeholder stands in for it in the context
  // object and is swapped for a fresh token each time a task runs.
  const tokenPlaceholder = `lantern-local-task-token-${randomUUID()}`;
  const runTask = createTaskRunner({
    invokeLambda: options.invokeLambda,
    tokens: options.tokens,
    tokenPlaceholder,
    waitTimeOverrides: options.waitTimeOverrides,
  });

  return (machine, name, inputText) => {
    const input = JSON.parse(inputText) as JsonValue;
    const execution: Execution = {
      arn: executionArn(options.region, machine.name, name),
      name,
      stateMachine: machine,
      input: inputText,
      status: 'RUNNING',
      startDate: new Date(),
      events: [],
      pendingTasks: new Set(),
      sleepers: new Set(),
      abort: () => undefined,
    };
    const handlers: TaskHandlers = {};
    for (const [stateName, spec] of machine.tasks) {
      handlers[stateName] = (taskInput) => {
        const result = runTask(execution, spec, taskInput);
        // Handled here too: if the interpreter has already given up on the task (its timeout, or the
        // execution failing), a late rejection must not surface as an unhandled rejection.
        result.catch(() => undefined);
        return result;
      };
    }
    const run = machine.machine.run(input, {
      overrides: { taskResourceLocalHandlers: handlers },
      context: {
        Execution: {
          Id: execution.arn,
          Name: name,
          RoleArn: EXECUTION_ROLE_ARN,
          StartTime: execution.startDate.toISOString(),
        },
        StateMachine: { Id: machine.arn, Name: machine.name },
        Task: { Token: tokenPlaceholder },
      },
    });
    execution.abort = run.abort;
    const recording = recordHistory(execution, run.eventLogs);
    // The outcome waits for the history, so a finished execution's history is complete.
    run.result.then(
      async (output) => {
        await recording;
        finishExecution(execution, 'SUCCEEDED', { output: JSON.stringify(output) });
      },
      async (error: unknown) => {
        await recording;
        const [status, outcome] = failureOutcome(error);
        finishExecution(execution, status, outcome);
      },
    );
    options.executions.add(execution);
    return execution;
  };
}

function failureOutcome(error: unknown): ['TIMED_OUT' | 'ABORTED' | 'FAILED', ExecutionOutcome] {
  if (error instanceof ExecutionTimeoutError) {
    return ['TIMED_OUT', { error: 'States.Timeout', cause: 'The execution timed out' }];
  }
  if (error instanceof ExecutionAbortedError) return ['ABORTED', {}];
  if (error instanceof ExecutionError && error.cause instanceof Error) {
    return ['FAILED', describeFailure(error.cause)];
  }
  return ['FAILED', { error: 'States.Runtime', cause: String(error) }];
}

/** error/cause for DescribeExecution, leaving out the interpreter's placeholders for a bare Fail state. */
function describeFailure(error: Error): ExecutionOutcome {
  return {
    error: error.name === 'FailStateError' || error.name === '' ? undefined : error.name,
    cause:
      error.message === 'Execution failed because of a Fail state' || error.message === ''
        ? undefined
        : error.message,
  };
}

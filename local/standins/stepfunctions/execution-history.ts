// Records an execution's history: maps the interpreter's event log to AWS history events (a subset:
// execution, state, task failure and map iteration events).
import { EXECUTION_ROLE_ARN } from './sfn-arns';
import type { Execution } from './execution';
import type { EventLog, JsonObject } from './interpreter-types';

/** What the mapping needs to know about the execution when an event arrives. */
export interface HistoryContext {
  /** Wait states run as Tasks by the stand-in, reported as Wait all the same. */
  waitStates: ReadonlySet<string>;
  /** StopExecution's error and cause, for ExecutionAborted. */
  stopError?: string;
  stopCause?: string;
}

/** Appends each mapped event to the execution as the interpreter emits it, until the run ends. */
export async function recordHistory(execution: Execution, logs: AsyncGenerator<EventLog>): Promise<void> {
  for await (const event of logs) {
    const mapped = historyEvent(event, {
      waitStates: execution.stateMachine.waitStates,
      stopError: execution.error,
      stopCause: execution.cause,
    });
    if (mapped === undefined) continue;
    const id = execution.events.length + 1;
    execution.events.push({ timestamp: event.timestamp / 1000, id, previousEventId: id - 1, ...mapped });
  }
}

/** The AWS event for an interpreter event (without timestamp and ids), or undefined if AWS has none. */
export function historyEvent(event: EventLog, context: HistoryContext): JsonObject | undefined {
  const json = (value: unknown) => JSON.stringify(value ?? null);
  const stateType = (state: { name: string; type: string }) =>
    context.waitStates.has(state.name) ? 'Wait' : state.type;
  switch (event.type) {
    case 'ExecutionStarted':
      return {
        type: 'ExecutionStarted',
        executionStartedEventDetails: {
          input: json(event.input),
          inputDetails: { truncated: false },
          roleArn: EXECUTION_ROLE_ARN,
        },
      };
    case 'ExecutionSucceeded':
      return {
        type: 'ExecutionSucceeded',
        executionSucceededEventDetails: { output: json(event.output), outputDetails: { truncated: false } },
      };
    case 'ExecutionFailed':
      return {
        type: 'ExecutionFailed',
        executionFailedEventDetails: { error: event.Error, cause: causeText(event.Cause) },
      };
    case 'ExecutionAborted':
      return {
        type: 'ExecutionAborted',
        executionAbortedEventDetails: { error: context.stopError, cause: context.stopCause },
      };
    case 'ExecutionTimeout':
      return {
        type: 'ExecutionTimedOut',
        executionTimedOutEventDetails: { error: 'States.Timeout', cause: 'The execution timed out' },
      };
    case 'StateEntered':
      return {
        type: `${stateType(event.state)}StateEntered`,
        stateEnteredEventDetails: { name: event.state.name, input: json(event.state.input) },
      };
    case 'StateExited':
      return {
        type: `${stateType(event.state)}StateExited`,
        stateExitedEventDetails: { name: event.state.name, output: json(event.state.output) },
      };
    case 'StateFailed':
      if (event.state.type !== 'Task' || stateType(event.state) === 'Wait') return undefined;
      return {
        type: 'TaskFailed',
        taskFailedEventDetails: {
          resourceType: 'lambda',
          resource: 'invoke',
          error: event.Error,
          cause: causeText(event.Cause),
        },
      };
    case 'MapIterationStarted':
    case 'MapIterationSucceeded':
    case 'MapIterationFailed': {
      const key = `${event.type.charAt(0).toLowerCase()}${event.type.slice(1)}EventDetails`;
      return { type: event.type, [key]: { name: event.parentState.name, index: event.index } };
    }
    default:
      return undefined;
  }
}

/** An event without its input and output, for GetExecutionHistory with includeExecutionData false. */
export function withoutExecutionData(event: JsonObject): JsonObject {
  return Object.fromEntries(
    Object.entries(event).map(([key, value]) => {
      if (key.endsWith('EventDetails') && typeof value === 'object' && value !== null) {
        const { input: _input, output: _output, ...rest } = value as JsonObject;
        return [key, rest];
      }
      return [key, value];
    }),
  );
}

function causeText(cause: unknown): string | undefined {
  if (cause === undefined || cause === null) return undefined;
  return typeof cause === 'string' ? cause : JSON.stringify(cause);
}

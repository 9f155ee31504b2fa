/** Execution history: the interpreter's event log as AWS history events, and data left out on request. */
import { historyEvent, withoutExecutionData } from '../../../local/standins/stepfunctions/execution-history';
import type { EventLog } from '../../../local/standins/stepfunctions/interpreter-types';

const context = { waitStates: new Set(['Pause']) };
const state = (name: string, type: 'Task' | 'Pass', extra: Record<string, unknown> = {}) => ({
  name,
  type,
  input: { n: 1 },
  ...extra,
});

it('maps execution start and end events with JSON input and output', () => {
  expect(historyEvent({ type: 'ExecutionStarted', timestamp: 1, input: { n: 1 } }, context)).toEqual({
    type: 'ExecutionStarted',
    executionStartedEventDetails: {
      input: '{"n":1}',
      inputDetails: { truncated: false },
      roleArn: 'arn:aws:iam::000000000000:role/lantern-local-stepfunctions',
    },
  });
  expect(historyEvent({ type: 'ExecutionSucceeded', timestamp: 1, output: null }, context)).toEqual({
    type: 'ExecutionSucceeded',
    executionSucceededEventDetails: { output: 'null', outputDetails: { truncated: false } },
  });
  expect(
    historyEvent({ type: 'ExecutionFailed', timestamp: 1, Error: 'Boom', Cause: { why: 'x' } }, context),
  ).toEqual({
    type: 'ExecutionFailed',
    executionFailedEventDetails: { error: 'Boom', cause: '{"why":"x"}' },
  });
});

it('reports an abort with the error and cause StopExecution gave', () => {
  const aborted = { type: 'ExecutionAborted', timestamp: 1 } as EventLog;
  expect(historyEvent(aborted, { ...context, stopError: 'Withdrawn', stopCause: 'school withdrew' })).toEqual(
    {
      type: 'ExecutionAborted',
      executionAbortedEventDetails: { error: 'Withdrawn', cause: 'school withdrew' },
    },
  );
});

it('names state events by state type, calling a rewritten Wait state a Wait', () => {
  expect(historyEvent({ type: 'StateEntered', timestamp: 1, state: state('Work', 'Task') }, context)).toEqual(
    {
      type: 'TaskStateEntered',
      stateEnteredEventDetails: { name: 'Work', input: '{"n":1}' },
    },
  );
  const exited = { type: 'StateExited', timestamp: 1, state: state('Pause', 'Task', { output: 2 }) } as const;
  expect(historyEvent(exited, context)).toEqual({
    type: 'WaitStateExited',
    stateExitedEventDetails: { name: 'Pause', output: '2' },
  });
});

it('reports a failed Task as TaskFailed, and has no event for other failed states', () => {
  const failed = (name: string, type: 'Task' | 'Pass') =>
    historyEvent(
      { type: 'StateFailed', timestamp: 1, state: state(name, type), Error: 'E', Cause: 'c' },
      context,
    );
  expect(failed('Work', 'Task')).toEqual({
    type: 'TaskFailed',
    taskFailedEventDetails: { resourceType: 'lambda', resource: 'invoke', error: 'E', cause: 'c' },
  });
  expect(failed('Pause', 'Task')).toBeUndefined();
  expect(failed('Shape', 'Pass')).toBeUndefined();
});

it('maps map iterations by index', () => {
  const started = { type: 'MapIterationStarted', timestamp: 1, parentState: state('Each', 'Pass'), index: 3 };
  expect(historyEvent(started as EventLog, context)).toEqual({
    type: 'MapIterationStarted',
    mapIterationStartedEventDetails: { name: 'Each', index: 3 },
  });
});

it('strips input and output from event details only', () => {
  expect(
    withoutExecutionData({
      id: 2,
      type: 'TaskStateEntered',
      stateEnteredEventDetails: { name: 'Work', input: '{"secret":1}' },
      input: 'top-level fields are kept',
    }),
  ).toEqual({
    id: 2,
    type: 'TaskStateEntered',
    stateEnteredEventDetails: { name: 'Work' },
    input: 'top-level fields are kept',
  });
});

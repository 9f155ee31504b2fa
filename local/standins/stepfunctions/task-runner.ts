// Runs one Task state of an execution: swaps a fresh task token in for the context-object placeholder,
// then calls the Lambda, waits, or holds the token for a callback, according to the task's kind.
import { TIMEOUT_PARAMETER, type TaskSpec } from './asl-preparation';
import type { Execution } from './execution';
import type { JsonValue } from './interpreter-types';
import { callLambda, invokeResult, lambdaParameters, type InvokeLambda } from './lambda-tasks';
import { statesRuntimeError } from './task-errors';
import type { TaskTokenRegistry } from './task-token-registry';
import { sleepFor } from './wait-task';

export type TaskRunner = (execution: Execution, spec: TaskSpec, rawInput: JsonValue) => Promise<JsonValue>;

export interface TaskRunnerOptions {
  invokeLambda: InvokeLambda;
  tokens: TaskTokenRegistry;
  /** Stands in for $$.Task.Token in the context object, which the interpreter leaves undefined. */
  tokenPlaceholder: string;
  /** true: Wait states take 0 ms. */
  waitTimeOverrides: boolean;
}

export function createTaskRunner(options: TaskRunnerOptions): TaskRunner {
  const { invokeLambda, tokens } = options;

  async function runCallbackTask(
    execution: Execution,
    spec: TaskSpec,
    token: string,
    input: JsonValue,
  ): Promise<JsonValue> {
    const { functionName, payload } = lambdaParameters(input);
    // Held before the Lambda runs: an in-process Lambda may call back before it returns.
    const task = tokens.hold(token, spec, execution.pendingTasks);
    try {
      await callLambda(invokeLambda, functionName, payload);
    } catch (error) {
      if (!task.settled) task.reject(error as Error);
    }
    return task.promise;
  }

  return async (execution, spec, rawInput) => {
    if (execution.status !== 'RUNNING') throw statesRuntimeError('The execution is no longer running');
    const token = tokens.issue();
    const input = replacePlaceholder(withoutTimeoutParameter(rawInput), options.tokenPlaceholder, token);
    switch (spec.kind) {
      case 'wait':
        return sleepFor(input, { sleepers: execution.sleepers, instant: options.waitTimeOverrides });
      case 'lambda-direct':
        return callLambda(invokeLambda, spec.resource, input);
      case 'lambda-invoke': {
        const { functionName, payload } = lambdaParameters(input);
        return callLambda(invokeLambda, functionName, payload).then(invokeResult);
      }
      case 'lambda-callback':
        return runCallbackTask(execution, spec, token, input);
    }
  };
}

function replacePlaceholder(value: JsonValue, placeholder: string, token: string): JsonValue {
  if (typeof value === 'string') return value.split(placeholder).join(token);
  if (Array.isArray(value)) return value.map((item) => replacePlaceholder(item, placeholder, token));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, replacePlaceholder(item, placeholder, token)]),
    );
  }
  return value;
}

/** The stand-in's own carrier of a TimeoutSecondsPath value is not part of what the task receives. */
function withoutTimeoutParameter(input: JsonValue): JsonValue {
  if (input === null || typeof input !== 'object' || Array.isArray(input) || !(TIMEOUT_PARAMETER in input)) {
    return input;
  }
  const { [TIMEOUT_PARAMETER]: _carried, ...rest } = input;
  return rest;
}

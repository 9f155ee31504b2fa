// Validates an ASL definition and rewrites it for aws-local-stepfunctions. Task resources may be a Lambda
// ARN, lambda:invoke or lambda:invoke.waitForTaskToken; JSONata and HeartbeatSecondsPath are refused.
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { LOCAL_ACCOUNT_ID } from '../local-account';
import type { JsonObject } from './interpreter-types';
import { MAX_TIMER_SECONDS } from './timer-limits';

export type TaskKind = 'lambda-direct' | 'lambda-invoke' | 'lambda-callback' | 'wait';

export interface TaskSpec {
  kind: TaskKind;
  resource: string;
  /** The state's own TimeoutSeconds (capped); the interpreter enforces it, the stand-in tidies up after. */
  timeoutSeconds: number;
  heartbeatSeconds?: number;
}

export interface PreparedDefinition {
  /** The rewritten definition the interpreter runs. */
  rewritten: JsonObject;
  machine: StateMachine;
  /** Every Task state (and rewritten Wait state) by name, as the interpreter keys its overrides. */
  tasks: Map<string, TaskSpec>;
  /** Names of the Wait states rewritten into Tasks, so history can still call them Wait. */
  waitStates: Set<string>;
}

const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
/** Where a rewritten Task carries its TimeoutSecondsPath value (see carryTimeoutThroughParameters). */
export const TIMEOUT_PARAMETER = 'lanternStandInTimeoutSeconds';
const LAMBDA_CALLBACK = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
const LAMBDA_ARN = /^arn:aws[\w-]*:lambda:[^:]+:\d{12}:function:[^:]+(:[^:]+)?$/;

/** Throws, naming the machine and state, for anything the stand-in cannot run faithfully. */
export function prepareDefinition(name: string, definitionText: string, region: string): PreparedDefinition {
  let original: StateMachineDefinition;
  try {
    original = JSON.parse(definitionText) as StateMachineDefinition;
  } catch (error) {
    throw new Error(`Step Functions stand-in: definition of '${name}' is not JSON: ${String(error)}`);
  }
  if ((original as { QueryLanguage?: string }).QueryLanguage === 'JSONata') {
    throw new Error(`Step Functions stand-in: '${name}' uses JSONata, which the interpreter cannot evaluate`);
  }
  try {
    // Validates the definition as written; throws with the validator's list of problems.
    new StateMachine(original);
  } catch (error) {
    throw new Error(`Step Functions stand-in: '${name}': ${(error as Error).message}`);
  }
  // A second parse rather than structuredClone: under jest, structuredClone returns objects from
  // another realm, which the interpreter's plain-object check rejects (nested Parameters go unevaluated).
  const rewritten = JSON.parse(definitionText) as JsonObject;
  const tasks = new Map<string, TaskSpec>();
  const waitStates = new Set<string>();
  prepareStates(rewritten, { machineName: name, region, tasks, waitStates, seen: new Set<string>() });
  if (typeof rewritten.TimeoutSeconds === 'number') {
    rewritten.TimeoutSeconds = Math.min(rewritten.TimeoutSeconds, MAX_TIMER_SECONDS);
  }
  const machine = new StateMachine(rewritten as unknown as StateMachineDefinition);
  return { rewritten, machine, tasks, waitStates };
}

interface PrepareContext {
  machineName: string;
  region: string;
  tasks: Map<string, TaskSpec>;
  waitStates: Set<string>;
  seen: Set<string>;
}

/**
 * Walks every state (nested Parallel branches and Map processors too, as the interpreter keys its
 * overrides by state name) and rewrites it for local running: Task states get a finite timeout,
 * because the interpreter defaults to 60 s where AWS defaults to a year; Wait states become Tasks
 * run by the stand-in, so StopExecution interrupts them and long durations are capped, not overflowed.
 */
function prepareStates(definition: JsonObject, context: PrepareContext): void {
  const states = definition.States as Record<string, JsonObject>;
  for (const [stateName, state] of Object.entries(states)) {
    const where = `'${context.machineName}' state '${stateName}'`;
    if (context.seen.has(stateName))
      throw new Error(`Step Functions stand-in: ${where} is not uniquely named`);
    context.seen.add(stateName);
    if (state.QueryLanguage === 'JSONata') throw new Error(`Step Functions stand-in: ${where} uses JSONata`);

    if (state.Type === 'Parallel') {
      for (const branch of state.Branches as JsonObject[]) prepareStates(branch, context);
    } else if (state.Type === 'Map') {
      prepareStates((state.ItemProcessor ?? state.Iterator) as JsonObject, context);
    } else if (state.Type === 'Task') {
      context.tasks.set(stateName, taskSpec(state, where));
    } else if (state.Type === 'Wait') {
      states[stateName] = waitAsTask(state, context.region);
      context.waitStates.add(stateName);
      context.tasks.set(stateName, { kind: 'wait', resource: 'wait', timeoutSeconds: MAX_TIMER_SECONDS });
    }
  }
}

/** Classifies a Task state and caps its TimeoutSeconds in place. */
function taskSpec(state: JsonObject, where: string): TaskSpec {
  const resource = String(state.Resource);
  const kind: TaskKind | undefined = LAMBDA_ARN.test(resource)
    ? 'lambda-direct'
    : resource === LAMBDA_INVOKE
      ? 'lambda-invoke'
      : resource === LAMBDA_CALLBACK
        ? 'lambda-callback'
        : undefined;
  if (kind === undefined) {
    throw new Error(`Step Functions stand-in: ${where} uses unsupported resource ${resource}`);
  }
  if (state.HeartbeatSecondsPath !== undefined) {
    throw new Error(`Step Functions stand-in: ${where} uses HeartbeatSecondsPath, which is not supported`);
  }
  const timeoutSeconds = Math.min(
    typeof state.TimeoutSeconds === 'number' ? state.TimeoutSeconds : MAX_TIMER_SECONDS,
    MAX_TIMER_SECONDS,
  );
  if (state.TimeoutSecondsPath === undefined) state.TimeoutSeconds = timeoutSeconds;
  else carryTimeoutThroughParameters(state);
  const heartbeatSeconds = typeof state.HeartbeatSeconds === 'number' ? state.HeartbeatSeconds : undefined;
  return { kind, resource, timeoutSeconds, heartbeatSeconds };
}

/**
 * AWS reads TimeoutSecondsPath from the state's input; the interpreter reads it from the input after
 * Parameters. So the value is carried through Parameters under a reserved key (which the task runner
 * removes before calling anything) and the path is pointed at it.
 */
function carryTimeoutThroughParameters(state: JsonObject): void {
  if (state.Parameters === undefined || typeof state.TimeoutSecondsPath !== 'string') return;
  state.Parameters = {
    ...(state.Parameters as JsonObject),
    [`${TIMEOUT_PARAMETER}.$`]: state.TimeoutSecondsPath,
  };
  state.TimeoutSecondsPath = `$.${TIMEOUT_PARAMETER}`;
}

/** A Task whose Parameters carry the Wait's duration, for the stand-in's wait handler to read. */
function waitAsTask(state: JsonObject, region: string): JsonObject {
  const parameters: JsonObject = { 'input.$': '$' };
  if (state.Seconds !== undefined) parameters.seconds = state.Seconds;
  if (state.SecondsPath !== undefined) parameters['seconds.$'] = state.SecondsPath;
  if (state.Timestamp !== undefined) parameters.timestamp = state.Timestamp;
  if (state.TimestampPath !== undefined) parameters['timestamp.$'] = state.TimestampPath;
  return {
    ...pick(state, ['Comment', 'InputPath', 'OutputPath', 'Next', 'End']),
    Type: 'Task',
    // Never called: the local handler replaces it. It only has to be a valid Lambda ARN.
    Resource: `arn:aws:lambda:${region}:${LOCAL_ACCOUNT_ID}:function:lantern-local-wait`,
    Parameters: parameters,
    TimeoutSeconds: MAX_TIMER_SECONDS,
  };
}

function pick(source: JsonObject, keys: string[]): JsonObject {
  return Object.fromEntries(keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]));
}

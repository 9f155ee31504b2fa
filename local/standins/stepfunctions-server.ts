/**
 * Local Step Functions stand-in: a JSON 1.0 endpoint for @aws-sdk/client-sfn that interprets ASL with
 * aws-local-stepfunctions, calls Lambdas through a callback, and holds `.waitForTaskToken` tasks until
 * SendTaskSuccess/SendTaskFailure. Executions and task tokens live in memory: a restart forgets them.
 *
 * Supported Task resources: a Lambda function ARN, `arn:aws:states:::lambda:invoke` and
 * `arn:aws:states:::lambda:invoke.waitForTaskToken`; anything else is refused at start-up, as are
 * JSONata definitions and HeartbeatSecondsPath. Wait states are run by this module (so they can be
 * stopped and overridden); every duration is capped at ~24.8 days, Node's longest timer.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ExecutionAbortedError,
  ExecutionError,
  ExecutionTimeoutError,
  StateMachine,
  type RunOptions,
  type StateMachineDefinition,
} from 'aws-local-stepfunctions';
import { z } from 'zod';

export interface StepFunctionsServerOptions {
  port: number;
  region: string;
  /** `definition` is ASL JSON text with `${…}` substitutions already applied. */
  stateMachines: { name: string; definition: string }[];
  invokeLambda: (functionArn: string, payload: unknown) => Promise<unknown>;
  /** true: Wait states take 0 ms, for tests. */
  waitTimeOverrides?: boolean;
}

export interface StepFunctionsServer {
  url: string;
  close(): Promise<void>;
  stateMachineArn(name: string): string;
}

type JsonValue = Parameters<StateMachine['run']>[0];
type TaskHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
type EventLog = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;
type JsonObject = Record<string, unknown>;

const ACCOUNT_ID = '000000000000';
// setTimeout fires at once for delays above 2^31-1 ms, so every timer is capped just below that.
const MAX_TIMER_SECONDS = 2_147_483;
const MAX_TIMER_MS = MAX_TIMER_SECONDS * 1000;
const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
const LAMBDA_CALLBACK = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
const LAMBDA_ARN = /^arn:aws[\w-]*:lambda:[^:]+:\d{12}:function:[^:]+(:[^:]+)?$/;
const TOKEN_PATTERN = /^AQ[A-Za-z0-9_-]{128}$/;
const MAX_REQUEST_BYTES = 1_048_576;

type TaskKind = 'lambda-direct' | 'lambda-invoke' | 'lambda-callback' | 'wait';

interface TaskSpec {
  kind: TaskKind;
  resource: string;
  /** The state's own TimeoutSeconds (capped); the interpreter enforces it, this module tidies up after. */
  timeoutSeconds: number;
  heartbeatSeconds?: number;
}

interface RegisteredStateMachine {
  name: string;
  arn: string;
  definitionText: string;
  machine: StateMachine;
  tasks: Map<string, TaskSpec>;
  waitStates: Set<string>;
  creationDate: Date;
}

type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

interface Execution {
  arn: string;
  name: string;
  stateMachine: RegisteredStateMachine;
  input: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  events: JsonObject[];
  pendingTasks: Set<PendingTask>;
  sleepers: Set<() => void>;
  abort: () => void;
}

interface PendingTask {
  token: string;
  execution: Execution;
  promise: Promise<JsonValue>;
  settled: boolean;
  resolve(output: JsonValue): void;
  reject(error: Error): void;
  heartbeat(): void;
}

/** An AWS-shaped error: `__type` selects the SDK's exception class. */
class SfnError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const arnField = z.string().min(1).max(2048);
const tokenField = z.string().min(1).max(2048);
const statusEnum = z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE']);
const schemas = {
  StartExecution: z.object({
    stateMachineArn: arnField,
    name: z.string().optional(),
    input: z.string().optional(),
    traceHeader: z.string().optional(),
  }),
  DescribeExecution: z.object({ executionArn: arnField }),
  StopExecution: z.object({
    executionArn: arnField,
    error: z.string().max(256).optional(),
    cause: z.string().max(32768).optional(),
  }),
  ListExecutions: z.object({
    stateMachineArn: arnField,
    statusFilter: statusEnum.optional(),
    maxResults: z.number().int().min(0).max(1000).optional(),
    nextToken: z.string().optional(),
  }),
  ListStateMachines: z.object({
    maxResults: z.number().int().min(0).max(1000).optional(),
    nextToken: z.string().optional(),
  }),
  DescribeStateMachine: z.object({ stateMachineArn: arnField }),
  SendTaskSuccess: z.object({ taskToken: tokenField, output: z.string() }),
  SendTaskFailure: z.object({
    taskToken: tokenField,
    error: z.string().max(256).optional(),
    cause: z.string().max(32768).optional(),
  }),
  SendTaskHeartbeat: z.object({ taskToken: tokenField }),
  GetExecutionHistory: z.object({
    executionArn: arnField,
    maxResults: z.number().int().min(0).max(1000).optional(),
    reverseOrder: z.boolean().optional(),
    nextToken: z.string().optional(),
    includeExecutionData: z.boolean().optional(),
  }),
};

export async function startStepFunctionsServer(
  options: StepFunctionsServerOptions,
): Promise<StepFunctionsServer> {
  const arnPrefix = `arn:aws:states:${options.region}:${ACCOUNT_ID}`;
  const roleArn = `arn:aws:iam::${ACCOUNT_ID}:role/lantern-local-stepfunctions`;
  // The interpreter leaves $$.Task.Token undefined; this placeholder stands in for it in the context
  // object and is swapped for a fresh token each time a task runs.
  const tokenPlaceholder = `lantern-local-task-token-${randomUUID()}`;

  const machines = new Map<string, RegisteredStateMachine>();
  for (const { name, definition } of options.stateMachines) {
    const arn = `${arnPrefix}:stateMachine:${name}`;
    if (machines.has(arn))
      throw new Error(`Step Functions stand-in: state machine '${name}' is defined twice`);
    machines.set(arn, registerStateMachine(name, arn, definition, options.region));
  }
  const executions = new Map<string, Execution>();
  /** Live tasks by token; a settled task's token maps to 'closed' so reuse is told apart from forgery. */
  const tokens = new Map<string, PendingTask | 'closed'>();

  // ---- running executions -------------------------------------------------------------------

  function startExecution(machine: RegisteredStateMachine, name: string, inputText: string): Execution {
    const input = JSON.parse(inputText) as JsonValue;
    const execution: Execution = {
      arn: `${arnPrefix}:execution:${machine.name}:${name}`,
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
          RoleArn: roleArn,
          StartTime: execution.startDate.toISOString(),
        },
        StateMachine: { Id: machine.arn, Name: machine.name },
        Task: { Token: tokenPlaceholder },
      },
    });
    execution.abort = run.abort;
    const recording = recordEvents(execution, run.eventLogs);
    run.result.then(
      async (output) => {
        await recording;
        finish(execution, 'SUCCEEDED', { output: JSON.stringify(output) });
      },
      async (error: unknown) => {
        await recording;
        if (error instanceof ExecutionTimeoutError) {
          finish(execution, 'TIMED_OUT', { error: 'States.Timeout', cause: 'The execution timed out' });
        } else if (error instanceof ExecutionAbortedError) {
          finish(execution, 'ABORTED', {});
        } else if (error instanceof ExecutionError && error.cause instanceof Error) {
          finish(execution, 'FAILED', describeFailure(error.cause));
        } else {
          finish(execution, 'FAILED', { error: 'States.Runtime', cause: String(error) });
        }
      },
    );
    executions.set(execution.arn, execution);
    return execution;
  }

  function finish(
    execution: Execution,
    status: Exclude<ExecutionStatus, 'RUNNING'>,
    detail: { output?: string; error?: string; cause?: string },
  ): void {
    if (execution.status !== 'RUNNING') return;
    Object.assign(execution, { status, stopDate: new Date() }, detail);
    // Nothing may complete a task of a finished execution; its tokens now answer TaskTimedOut.
    for (const task of execution.pendingTasks) task.reject(new Error('The execution has finished'));
    for (const wake of execution.sleepers) wake();
  }

  async function recordEvents(execution: Execution, logs: AsyncGenerator<EventLog>): Promise<void> {
    for await (const event of logs) {
      const mapped = historyEvent(execution, event);
      if (mapped === undefined) continue;
      const id = execution.events.length + 1;
      execution.events.push({
        timestamp: event.timestamp / 1000,
        id,
        previousEventId: id - 1,
        ...mapped,
      });
    }
  }

  async function runTask(execution: Execution, spec: TaskSpec, rawInput: JsonValue): Promise<JsonValue> {
    if (execution.status !== 'RUNNING') throw statesRuntimeError('The execution is no longer running');
    const token = newToken();
    const input = replacePlaceholder(rawInput, tokenPlaceholder, token);
    switch (spec.kind) {
      case 'wait':
        return sleepFor(execution, input);
      case 'lambda-direct':
        return callLambda(spec.resource, input);
      case 'lambda-invoke': {
        const { functionName, payload } = lambdaParameters(input);
        return callLambda(functionName, payload).then((result) => ({
          ExecutedVersion: '$LATEST',
          Payload: result,
          SdkHttpMetadata: { HttpStatusCode: 200, HttpHeaders: { 'Content-Type': 'application/json' } },
          SdkResponseMetadata: { RequestId: randomUUID() },
          StatusCode: 200,
        }));
      }
      case 'lambda-callback':
        return runCallbackTask(execution, spec, token, input);
    }
  }

  async function runCallbackTask(
    execution: Execution,
    spec: TaskSpec,
    token: string,
    input: JsonValue,
  ): Promise<JsonValue> {
    const { functionName, payload } = lambdaParameters(input);
    // Registered before the Lambda runs: an in-process Lambda may call back before it returns.
    const task = registerTask(execution, spec, token);
    try {
      await callLambda(functionName, payload);
    } catch (error) {
      if (!task.settled) {
        task.reject(error as Error);
      }
    }
    return task.promise;
  }

  function registerTask(execution: Execution, spec: TaskSpec, token: string): PendingTask {
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
      tokens.set(token, 'closed');
      execution.pendingTasks.delete(task);
    };
    const task: PendingTask = {
      token,
      execution,
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
        if (spec.heartbeatSeconds === undefined) return;
        clearTimeout(heartbeatTimer);
        heartbeatTimer = setTimeout(
          () =>
            task.reject(taskError('States.Timeout', `No heartbeat within ${spec.heartbeatSeconds} seconds`)),
          Math.min(spec.heartbeatSeconds * 1000, MAX_TIMER_MS),
        );
        heartbeatTimer.unref();
      },
    };
    // The interpreter raises States.Timeout itself at TimeoutSeconds; this later timer retires the token.
    const timeoutTimer = setTimeout(
      () => task.reject(taskError('States.Timeout', 'The task timed out')),
      spec.timeoutSeconds * 1000 + 50,
    );
    timeoutTimer.unref();
    task.heartbeat();
    tokens.set(token, task);
    execution.pendingTasks.add(task);
    return task;
  }

  async function callLambda(functionName: string, payload: unknown): Promise<JsonValue> {
    let result: unknown;
    try {
      result = await options.invokeLambda(functionName, payload);
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      const message = error instanceof Error ? error.message : String(error);
      // AWS reports a function error with the Lambda's own error type and a JSON cause.
      throw taskError(name, JSON.stringify({ errorType: name, errorMessage: message }));
    }
    return JSON.parse(JSON.stringify(result ?? null)) as JsonValue;
  }

  function sleepFor(execution: Execution, input: JsonValue): Promise<JsonValue> {
    const { input: passThrough, seconds, timestamp } = (input ?? {}) as JsonObject;
    let delayMs: number;
    if (seconds !== undefined) {
      if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
        return Promise.reject(
          statesRuntimeError(`Wait seconds must be a non-negative integer, got ${JSON.stringify(seconds)}`),
        );
      }
      delayMs = seconds * 1000;
    } else {
      const at = typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN;
      if (Number.isNaN(at))
        return Promise.reject(statesRuntimeError(`Wait timestamp is invalid: ${JSON.stringify(timestamp)}`));
      delayMs = at - Date.now();
    }
    const ms = options.waitTimeOverrides ? 0 : Math.min(Math.max(delayMs, 0), MAX_TIMER_MS - 1000);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        execution.sleepers.delete(wake);
        resolve(passThrough as JsonValue);
      };
      const timer = setTimeout(wake, ms);
      execution.sleepers.add(wake);
    });
  }

  function lambdaParameters(input: JsonValue): { functionName: string; payload: unknown } {
    const parameters = (input ?? {}) as JsonObject;
    if (typeof parameters.FunctionName !== 'string') {
      throw statesRuntimeError('lambda:invoke Parameters must include a FunctionName string');
    }
    return { functionName: parameters.FunctionName, payload: parameters.Payload ?? {} };
  }

  // ---- API actions ---------------------------------------------------------------------------

  function findMachine(arn: string): RegisteredStateMachine {
    if (!/^arn:aws[\w-]*:states:[^:]+:\d{12}:stateMachine:[^:]+$/.test(arn)) {
      throw new SfnError('InvalidArn', `Invalid Arn: '${arn}'`);
    }
    const machine = machines.get(arn);
    if (!machine) throw new SfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  function findExecution(arn: string): Execution {
    if (!/^arn:aws[\w-]*:states:[^:]+:\d{12}:execution:[^:]+:[^:]+$/.test(arn)) {
      throw new SfnError('InvalidArn', `Invalid Arn: '${arn}'`);
    }
    const execution = executions.get(arn);
    if (!execution) throw new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return execution;
  }

  function findTask(token: string): PendingTask {
    if (!TOKEN_PATTERN.test(token)) throw new SfnError('InvalidToken', "Invalid Token: 'Invalid token'");
    const task = tokens.get(token);
    if (task === undefined) throw new SfnError('TaskDoesNotExist', 'Task does not exist');
    // AWS's answer for a token that was already used, timed out, or belongs to a finished execution.
    if (task === 'closed')
      throw new SfnError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
    return task;
  }

  function handle(action: string, body: unknown): unknown {
    switch (action) {
      case 'StartExecution': {
        const input = parse(schemas.StartExecution, body);
        const machine = findMachine(input.stateMachineArn);
        const name = input.name ?? randomUUID();
        if (!isValidExecutionName(name)) throw new SfnError('InvalidName', `Invalid Name: '${name}'`);
        const inputText = input.input ?? '{}';
        try {
          JSON.parse(inputText);
        } catch {
          throw new SfnError(
            'InvalidExecutionInput',
            'Invalid State Machine Execution Input: not valid JSON',
          );
        }
        const existing = executions.get(`${arnPrefix}:execution:${machine.name}:${name}`);
        if (existing) {
          // As on AWS: repeating a start is idempotent only while the first is running with the same input.
          if (existing.status === 'RUNNING' && existing.input === inputText) {
            return { executionArn: existing.arn, startDate: seconds(existing.startDate) };
          }
          throw new SfnError('ExecutionAlreadyExists', `Execution Already Exists: '${existing.arn}'`);
        }
        const execution = startExecution(machine, name, inputText);
        return { executionArn: execution.arn, startDate: seconds(execution.startDate) };
      }
      case 'DescribeExecution': {
        const execution = findExecution(parse(schemas.DescribeExecution, body).executionArn);
        return {
          executionArn: execution.arn,
          stateMachineArn: execution.stateMachine.arn,
          name: execution.name,
          status: execution.status,
          startDate: seconds(execution.startDate),
          stopDate: execution.stopDate && seconds(execution.stopDate),
          input: execution.input,
          inputDetails: { included: true },
          output: execution.output,
          outputDetails: execution.output === undefined ? undefined : { included: true },
          error: execution.error,
          cause: execution.cause,
        };
      }
      case 'StopExecution': {
        const input = parse(schemas.StopExecution, body);
        const execution = findExecution(input.executionArn);
        if (execution.status === 'RUNNING') {
          finish(execution, 'ABORTED', { error: input.error, cause: input.cause });
          execution.abort();
        }
        return { stopDate: seconds(execution.stopDate ?? new Date()) };
      }
      case 'ListExecutions': {
        const input = parse(schemas.ListExecutions, body);
        const machine = findMachine(input.stateMachineArn);
        const matching = [...executions.values()]
          .filter((execution) => execution.stateMachine === machine)
          .filter((execution) => input.statusFilter === undefined || execution.status === input.statusFilter)
          .sort((a, b) => b.startDate.getTime() - a.startDate.getTime());
        const { items, nextToken } = paginate(matching, input.maxResults, input.nextToken);
        return {
          executions: items.map((execution) => ({
            executionArn: execution.arn,
            stateMachineArn: machine.arn,
            name: execution.name,
            status: execution.status,
            startDate: seconds(execution.startDate),
            stopDate: execution.stopDate && seconds(execution.stopDate),
          })),
          nextToken,
        };
      }
      case 'ListStateMachines': {
        const input = parse(schemas.ListStateMachines, body);
        const all = [...machines.values()].sort((a, b) => a.name.localeCompare(b.name));
        const { items, nextToken } = paginate(all, input.maxResults, input.nextToken);
        return {
          stateMachines: items.map((machine) => ({
            stateMachineArn: machine.arn,
            name: machine.name,
            type: 'STANDARD',
            creationDate: seconds(machine.creationDate),
          })),
          nextToken,
        };
      }
      case 'DescribeStateMachine': {
        const machine = findMachine(parse(schemas.DescribeStateMachine, body).stateMachineArn);
        return {
          stateMachineArn: machine.arn,
          name: machine.name,
          status: 'ACTIVE',
          definition: machine.definitionText,
          roleArn,
          type: 'STANDARD',
          creationDate: seconds(machine.creationDate),
          loggingConfiguration: { level: 'OFF', includeExecutionData: false },
          tracingConfiguration: { enabled: false },
        };
      }
      case 'SendTaskSuccess': {
        const input = parse(schemas.SendTaskSuccess, body);
        const task = findTask(input.taskToken);
        let output: JsonValue;
        try {
          output = JSON.parse(input.output) as JsonValue;
        } catch {
          throw new SfnError('InvalidOutput', 'Invalid Output: not valid JSON');
        }
        task.resolve(output);
        return {};
      }
      case 'SendTaskFailure': {
        const input = parse(schemas.SendTaskFailure, body);
        findTask(input.taskToken).reject(taskError(input.error ?? '', input.cause ?? ''));
        return {};
      }
      case 'SendTaskHeartbeat': {
        findTask(parse(schemas.SendTaskHeartbeat, body).taskToken).heartbeat();
        return {};
      }
      case 'GetExecutionHistory': {
        const input = parse(schemas.GetExecutionHistory, body);
        const execution = findExecution(input.executionArn);
        const ordered = input.reverseOrder ? [...execution.events].reverse() : execution.events;
        const { items, nextToken } = paginate(ordered, input.maxResults, input.nextToken);
        const events =
          input.includeExecutionData === false ? items.map((event) => withoutExecutionData(event)) : items;
        return { events, nextToken };
      }
      default:
        throw new SfnError('UnknownOperationException', `Operation ${action} is not supported locally`);
    }
  }

  const server = createServer((request, response) => {
    void serve(request, response, handle);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    stateMachineArn(name) {
      const arn = `${arnPrefix}:stateMachine:${name}`;
      if (!machines.has(arn)) throw new Error(`Step Functions stand-in: no state machine named '${name}'`);
      return arn;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const execution of executions.values()) {
          if (execution.status === 'RUNNING') {
            finish(execution, 'ABORTED', { error: 'States.Runtime', cause: 'The local stand-in was closed' });
            execution.abort();
          }
        }
        server.close((error) => (error ? reject(error) : resolve()));
        // SDK clients keep connections alive; without this close() would wait for them to idle out.
        server.closeAllConnections();
      }),
  };
}

/** Parses and validates a definition, then rewrites it for the interpreter (see prepareStates). */
function registerStateMachine(
  name: string,
  arn: string,
  definitionText: string,
  region: string,
): RegisteredStateMachine {
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
  return { name, arn, definitionText, machine, tasks, waitStates, creationDate: new Date() };
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
 * run by this module, so StopExecution interrupts them and long durations are capped, not overflowed.
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
        throw new Error(
          `Step Functions stand-in: ${where} uses HeartbeatSecondsPath, which is not supported`,
        );
      }
      const timeoutSeconds = Math.min(
        typeof state.TimeoutSeconds === 'number' ? state.TimeoutSeconds : MAX_TIMER_SECONDS,
        MAX_TIMER_SECONDS,
      );
      if (state.TimeoutSecondsPath === undefined) state.TimeoutSeconds = timeoutSeconds;
      const heartbeatSeconds =
        typeof state.HeartbeatSeconds === 'number' ? state.HeartbeatSeconds : undefined;
      context.tasks.set(stateName, { kind, resource, timeoutSeconds, heartbeatSeconds });
    } else if (state.Type === 'Wait') {
      const parameters: JsonObject = { 'input.$': '$' };
      if (state.Seconds !== undefined) parameters.seconds = state.Seconds;
      if (state.SecondsPath !== undefined) parameters['seconds.$'] = state.SecondsPath;
      if (state.Timestamp !== undefined) parameters.timestamp = state.Timestamp;
      if (state.TimestampPath !== undefined) parameters['timestamp.$'] = state.TimestampPath;
      states[stateName] = {
        ...pick(state, ['Comment', 'InputPath', 'OutputPath', 'Next', 'End']),
        Type: 'Task',
        // Never called: the local handler replaces it. It only has to be a valid Lambda ARN.
        Resource: `arn:aws:lambda:${context.region}:${ACCOUNT_ID}:function:lantern-local-wait`,
        Parameters: parameters,
        TimeoutSeconds: MAX_TIMER_SECONDS,
      };
      context.waitStates.add(stateName);
      context.tasks.set(stateName, { kind: 'wait', resource: 'wait', timeoutSeconds: MAX_TIMER_SECONDS });
    }
  }
}

function pick(source: JsonObject, keys: string[]): JsonObject {
  return Object.fromEntries(keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]));
}

/** Maps the interpreter's event log to AWS history events (a subset: states, tasks, map iterations). */
function historyEvent(execution: Execution, event: EventLog): JsonObject | undefined {
  const json = (value: unknown) => JSON.stringify(value ?? null);
  const stateType = (state: { name: string; type: string }) =>
    execution.stateMachine.waitStates.has(state.name) ? 'Wait' : state.type;
  switch (event.type) {
    case 'ExecutionStarted':
      return {
        type: 'ExecutionStarted',
        executionStartedEventDetails: {
          input: json(event.input),
          inputDetails: { truncated: false },
          roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/lantern-local-stepfunctions`,
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
        executionAbortedEventDetails: { error: execution.error, cause: execution.cause },
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

function withoutExecutionData(event: JsonObject): JsonObject {
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

/** error/cause for DescribeExecution, leaving out the interpreter's placeholders for a bare Fail state. */
function describeFailure(error: Error): { error?: string; cause?: string } {
  return {
    error: error.name === 'FailStateError' || error.name === '' ? undefined : error.name,
    cause:
      error.message === 'Execution failed because of a Fail state' || error.message === ''
        ? undefined
        : error.message,
  };
}

/** A task failure: the interpreter matches Retry and Catch on the error's name; the message is the cause. */
function taskError(name: string, cause: string): Error {
  const error = new Error(cause);
  error.name = name;
  return error;
}

/** States.Runtime: like AWS, neither retried nor caught (the interpreter reads these two flags). */
function statesRuntimeError(message: string): Error {
  const error = taskError('States.Runtime', message);
  Object.defineProperties(error, { isRetryable: { value: false }, isCatchable: { value: false } });
  return error;
}

function newToken(): string {
  return `AQ${randomBytes(96).toString('base64url')}`;
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

function isValidExecutionName(name: string): boolean {
  // AWS: 1-80 characters, none of whitespace, brackets, wildcards, punctuation below, or control characters.
  return name.length >= 1 && name.length <= 80 && !/[\s<>{}[\]?*"#%\\^|~`$&,;:/\p{Cc}]/u.test(name);
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function seconds(date: Date): number {
  return date.getTime() / 1000;
}

function paginate<T>(
  items: T[],
  maxResults: number | undefined,
  nextToken: string | undefined,
): { items: T[]; nextToken?: string } {
  let start = 0;
  if (nextToken !== undefined) {
    start = Number(Buffer.from(nextToken, 'base64url').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) throw new SfnError('InvalidToken', 'Invalid pagination token');
  }
  const size = maxResults === undefined || maxResults === 0 ? 100 : maxResults;
  const end = start + size;
  return {
    items: items.slice(start, end),
    nextToken: end < items.length ? Buffer.from(String(end), 'utf8').toString('base64url') : undefined,
  };
}

async function serve(
  request: IncomingMessage,
  response: ServerResponse,
  handle: (action: string, body: unknown) => unknown,
): Promise<void> {
  try {
    const target = request.headers['x-amz-target'];
    const prefix = 'AWSStepFunctions.';
    const action = typeof target === 'string' && target.startsWith(prefix) ? target.slice(prefix.length) : '';
    if (request.method !== 'POST' || action === '') {
      throw new SfnError(
        'UnknownOperationException',
        'Expected a POST with X-Amz-Target: AWSStepFunctions.<Action>',
      );
    }
    const text = await readBody(request);
    let body: unknown;
    try {
      body = text === '' ? {} : JSON.parse(text);
    } catch {
      throw new SfnError('SerializationException', 'Request body is not valid JSON');
    }
    send(response, 200, handle(action, body));
  } catch (error) {
    if (error instanceof SfnError) {
      send(response, error.status, { __type: error.type, message: error.message });
    } else {
      process.stderr.write(`[stepfunctions-standin] unexpected error: ${describeError(error)}\n`);
      send(response, 500, { __type: 'InternalFailure', message: String(error) });
    }
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.0',
    'x-amzn-RequestId': randomUUID(),
  });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_REQUEST_BYTES) throw new SfnError('ValidationException', 'Request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new SfnError('ValidationException', z.prettifyError(result.error));
  return result.data;
}

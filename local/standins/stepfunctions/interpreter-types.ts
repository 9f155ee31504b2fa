// Types taken from the aws-local-stepfunctions API, shared by the modules that drive the interpreter.
import type { RunOptions, StateMachine } from 'aws-local-stepfunctions';

export type JsonValue = Parameters<StateMachine['run']>[0];
export type JsonObject = Record<string, unknown>;
export type TaskHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
export type EventLog =
  ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

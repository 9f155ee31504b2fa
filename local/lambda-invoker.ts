/**
 * Runs deployable handler modules in this process, as Lambda would: the module is imported once
 * (cold start) and its `handler` is called with the event and a Lambda-shaped context.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { REPOSITORY_ROOT } from '../lib/config/repository-root';
import type { Context } from 'aws-lambda';
import { WORKFLOW_TASKS } from '../lib/config/function-manifest';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './local-environment';

export { REPOSITORY_ROOT };

type Handler = (event: unknown, context: Context) => Promise<unknown>;
const loaded = new Map<string, Promise<Handler>>();

async function loadHandler(entry: string): Promise<Handler> {
  const module = (await import(resolve(REPOSITORY_ROOT, entry))) as { handler?: unknown };
  if (typeof module.handler !== 'function') throw new Error(`${entry} does not export a handler function`);
  return module.handler as Handler;
}

function lambdaContext(functionName: string): Context {
  const deadline = Date.now() + 30_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: localFunctionArn(functionName),
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export function localFunctionArn(functionName: string): string {
  return `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${functionName}`;
}

/** Calls the handler in `entry` as the function `functionName`. */
export async function invokeLocalFunction(
  entry: string,
  functionName: string,
  event: unknown,
): Promise<unknown> {
  let handler = loaded.get(entry);
  if (!handler) {
    handler = loadHandler(entry);
    loaded.set(entry, handler);
  }
  return (await handler)(event, lambdaContext(functionName));
}

/** Local function names and ARNs of the workflow task functions, as the state machines reference them. */
export function workflowTaskFunctionName(taskId: string): string {
  return `lantern-${taskId}`;
}

/** Invokes a workflow task function by ARN (the Step Functions and Scheduler stand-ins call this). */
export async function invokeFunctionByArn(functionArn: string, payload: unknown): Promise<unknown> {
  const task = WORKFLOW_TASKS.find(
    (candidate) => localFunctionArn(workflowTaskFunctionName(candidate.id)) === functionArn,
  );
  if (!task) throw new Error(`No local function has the ARN ${functionArn}`);
  return invokeLocalFunction(task.entry, workflowTaskFunctionName(task.id), payload);
}

/** The `${…}` substitutions a state-machine definition receives locally (CDK passes real ARNs). */
export function localDefinitionSubstitutions(): Record<string, string> {
  return Object.fromEntries(
    WORKFLOW_TASKS.map((task) => [task.substitution, localFunctionArn(workflowTaskFunctionName(task.id))]),
  );
}

/** Applies `${Name}` substitutions as Step Functions does; an unknown name is an error, not a blank. */
export function applySubstitutions(definition: string, substitutions: Record<string, string>): string {
  return definition.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_match, name: string) => {
    const value = substitutions[name];
    if (value === undefined) throw new Error(`No substitution for \${${name}}`);
    return value;
  });
}

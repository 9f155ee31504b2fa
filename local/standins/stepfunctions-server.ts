/**
 * Local Step Functions stand-in: a JSON 1.0 endpoint for @aws-sdk/client-sfn that runs ASL on
 * aws-local-stepfunctions. Executions and task tokens live in memory: a restart forgets them.
 */
import { awsJsonProtocol, runAction, targetAction, type ActionHandlers } from './http/aws-json-protocol';
import { startAwsJsonServer } from './http/aws-json-server';
import { callbackActions } from './stepfunctions/callback-actions';
import { stopExecution } from './stepfunctions/execution';
import { executionActions } from './stepfunctions/execution-actions';
import { createExecutionLauncher } from './stepfunctions/execution-launcher';
import { ExecutionStore } from './stepfunctions/execution-store';
import type { InvokeLambda } from './stepfunctions/lambda-tasks';
import { stateMachineActions } from './stepfunctions/state-machine-actions';
import { StateMachineCatalog } from './stepfunctions/state-machines';
import { TaskTokenRegistry } from './stepfunctions/task-token-registry';

export interface StepFunctionsServerOptions {
  port: number;
  region: string;
  /** `definition` is ASL JSON text with `${…}` substitutions already applied. */
  stateMachines: { name: string; definition: string }[];
  invokeLambda: InvokeLambda;
  /** true: Wait states take 0 ms, for tests. */
  waitTimeOverrides?: boolean;
}

export interface StepFunctionsServer {
  url: string;
  close(): Promise<void>;
  stateMachineArn(name: string): string;
}

export async function startStepFunctionsServer(
  options: StepFunctionsServerOptions,
): Promise<StepFunctionsServer> {
  const machines = new StateMachineCatalog(options.stateMachines, options.region);
  const executions = new ExecutionStore();
  const tokens = new TaskTokenRegistry();
  const launch = createExecutionLauncher({
    region: options.region,
    executions,
    tokens,
    invokeLambda: options.invokeLambda,
    waitTimeOverrides: options.waitTimeOverrides ?? false,
  });
  const actions: ActionHandlers = {
    ...executionActions({ region: options.region, machines, executions, launch }),
    ...callbackActions(tokens),
    ...stateMachineActions(machines),
  };
  const endpoint = await startAwsJsonServer({
    port: options.port,
    logLabel: 'stepfunctions-standin',
    protocol: awsJsonProtocol('1.0', 'InternalFailure'),
    route(request) {
      const action = targetAction(request, 'AWSStepFunctions');
      return (body) => runAction(actions, action, body);
    },
  });
  return {
    url: endpoint.url,
    stateMachineArn: (name) => machines.arnFor(name),
    close: async () => {
      for (const execution of executions.all()) {
        stopExecution(execution, { error: 'States.Runtime', cause: 'The local stand-in was closed' });
      }
      await endpoint.close();
    },
  };
}

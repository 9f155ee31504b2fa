// The Step Functions execution actions: StartExecution, DescribeExecution, StopExecution,
// ListExecutions and GetExecutionHistory.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AwsError } from '../http/aws-errors';
import type { ActionHandlers } from '../http/aws-json-protocol';
import { parseInput } from '../http/parse-input';
import { stopExecution } from './execution';
import { withoutExecutionData } from './execution-history';
import type { LaunchExecution } from './execution-launcher';
import type { ExecutionStore } from './execution-store';
import { executionArn } from './sfn-arns';
import { seconds, sfnPage } from './response-conventions';
import type { StateMachineCatalog } from './state-machines';

const arnField = z.string().min(1).max(2048);
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
    statusFilter: z
      .enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'])
      .optional(),
    maxResults: z.number().int().min(0).max(1000).optional(),
    nextToken: z.string().optional(),
  }),
  GetExecutionHistory: z.object({
    executionArn: arnField,
    maxResults: z.number().int().min(0).max(1000).optional(),
    reverseOrder: z.boolean().optional(),
    nextToken: z.string().optional(),
    includeExecutionData: z.boolean().optional(),
  }),
};

export interface ExecutionActionsOptions {
  region: string;
  machines: StateMachineCatalog;
  executions: ExecutionStore;
  launch: LaunchExecution;
}

export function executionActions({
  region,
  machines,
  executions,
  launch,
}: ExecutionActionsOptions): ActionHandlers {
  return {
    StartExecution(body) {
      const input = parseInput(schemas.StartExecution, body);
      const machine = machines.find(input.stateMachineArn);
      const name = input.name ?? randomUUID();
      if (!isValidExecutionName(name)) throw new AwsError('InvalidName', `Invalid Name: '${name}'`);
      const inputText = input.input ?? '{}';
      try {
        JSON.parse(inputText);
      } catch {
        throw new AwsError('InvalidExecutionInput', 'Invalid State Machine Execution Input: not valid JSON');
      }
      const existing = executions.peek(executionArn(region, machine.name, name));
      if (existing) {
        // As on AWS: repeating a start is idempotent only while the first is running with the same input.
        if (existing.status === 'RUNNING' && existing.input === inputText) {
          return { executionArn: existing.arn, startDate: seconds(existing.startDate) };
        }
        throw new AwsError('ExecutionAlreadyExists', `Execution Already Exists: '${existing.arn}'`);
      }
      const execution = launch(machine, name, inputText);
      return { executionArn: execution.arn, startDate: seconds(execution.startDate) };
    },
    DescribeExecution(body) {
      const execution = executions.find(parseInput(schemas.DescribeExecution, body).executionArn);
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
    },
    StopExecution(body) {
      const input = parseInput(schemas.StopExecution, body);
      const execution = executions.find(input.executionArn);
      stopExecution(execution, { error: input.error, cause: input.cause });
      return { stopDate: seconds(execution.stopDate ?? new Date()) };
    },
    ListExecutions(body) {
      const input = parseInput(schemas.ListExecutions, body);
      const machine = machines.find(input.stateMachineArn);
      const matching = executions
        .all()
        .filter((execution) => execution.stateMachine === machine)
        .filter((execution) => input.statusFilter === undefined || execution.status === input.statusFilter)
        .sort((a, b) => b.startDate.getTime() - a.startDate.getTime());
      const { items, nextToken } = sfnPage(matching, input.maxResults, input.nextToken);
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
    },
    GetExecutionHistory(body) {
      const input = parseInput(schemas.GetExecutionHistory, body);
      const execution = executions.find(input.executionArn);
      const ordered = input.reverseOrder ? [...execution.events].reverse() : execution.events;
      const { items, nextToken } = sfnPage(ordered, input.maxResults, input.nextToken);
      const events =
        input.includeExecutionData === false ? items.map((event) => withoutExecutionData(event)) : items;
      return { events, nextToken };
    },
  };
}

function isValidExecutionName(name: string): boolean {
  // AWS: 1-80 characters, none of whitespace, brackets, wildcards, punctuation below, or control characters.
  return name.length >= 1 && name.length <= 80 && !/[\s<>{}[\]?*"#%\\^|~`$&,;:/\p{Cc}]/u.test(name);
}

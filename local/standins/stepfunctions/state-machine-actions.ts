// The Step Functions state machine actions, ListStateMachines and DescribeStateMachine, over the
// machines configured at start-up (all STANDARD).
import { z } from 'zod';
import type { ActionHandlers } from '../http/aws-json-protocol';
import { parseInput } from '../http/parse-input';
import { EXECUTION_ROLE_ARN } from './sfn-arns';
import { seconds, sfnPage } from './response-conventions';
import type { StateMachineCatalog } from './state-machines';

const schemas = {
  ListStateMachines: z.object({
    maxResults: z.number().int().min(0).max(1000).optional(),
    nextToken: z.string().optional(),
  }),
  DescribeStateMachine: z.object({ stateMachineArn: z.string().min(1).max(2048) }),
};

export function stateMachineActions(machines: StateMachineCatalog): ActionHandlers {
  return {
    ListStateMachines(body) {
      const input = parseInput(schemas.ListStateMachines, body);
      const { items, nextToken } = sfnPage(machines.all(), input.maxResults, input.nextToken);
      return {
        stateMachines: items.map((machine) => ({
          stateMachineArn: machine.arn,
          name: machine.name,
          type: 'STANDARD',
          creationDate: seconds(machine.creationDate),
        })),
        nextToken,
      };
    },
    DescribeStateMachine(body) {
      const machine = machines.find(parseInput(schemas.DescribeStateMachine, body).stateMachineArn);
      return {
        stateMachineArn: machine.arn,
        name: machine.name,
        status: 'ACTIVE',
        definition: machine.definitionText,
        roleArn: EXECUTION_ROLE_ARN,
        type: 'STANDARD',
        creationDate: seconds(machine.creationDate),
        loggingConfiguration: { level: 'OFF', includeExecutionData: false },
        tracingConfiguration: { enabled: false },
      };
    },
  };
}

/** Task Lambda for the transfer state machine's steps (statemachines/transfer.asl.json). */
import { awsClients } from '../../lib/platform/aws-clients';
import { loadEnvironment, WorkflowEnvironmentSchema } from '../../lib/platform/environment';
import { createWorkflowTaskHandler } from '../../lib/platform/workflow-task';
import { TransferRepository } from '../../lib/transfers/transfer-repository';
import { TransferStepInputSchema } from '../../lib/transfers/transfer-workflow';

const environment = loadEnvironment(WorkflowEnvironmentSchema);
const transfers = new TransferRepository(awsClients().dynamo, environment.TABLE_NAME);

export const handler = createWorkflowTaskHandler(TransferStepInputSchema, async (input) => {
  switch (input.step) {
    case 'recordPending': {
      const state = await transfers.createPending(input.transferId, new Date().toISOString());
      return { status: state.status };
    }
    case 'awaitDecision':
      await transfers.recordDecisionToken(input.transferId, input.taskToken);
      return { status: 'AwaitingDecision' };
  }
});

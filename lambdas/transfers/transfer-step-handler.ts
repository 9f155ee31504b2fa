/** Task Lambda for the transfer state machine's steps (statemachines/transfer.asl.json). */
import { z } from 'zod';
import { awsClients } from '../../lib/platform/aws-clients';
import { loadEnvironment, WorkflowEnvironmentSchema } from '../../lib/platform/environment';
import { createWorkflowTaskHandler } from '../../lib/platform/workflow-task';
import { TransferStageSchema } from '../../lib/transfers/transfer-repository';
import { transferServicesOf } from '../../lib/transfers/transfer-services';

const TransferStepInputSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('detected'), transferId: z.string().uuid() }),
  z.object({
    step: z.literal('await'),
    stage: TransferStageSchema,
    transferId: z.string().uuid(),
    taskToken: z.string().min(1),
  }),
  z.object({ step: z.literal('clock'), transferId: z.string().uuid() }),
  z.object({ step: z.literal('copy'), transferId: z.string().uuid(), cursor: z.string() }),
  z.object({ step: z.literal('copyFailed'), transferId: z.string().uuid() }),
]);

const environment = loadEnvironment(WorkflowEnvironmentSchema);
const clients = awsClients();
const { steps } = transferServicesOf(clients, environment);

export const handler = createWorkflowTaskHandler(TransferStepInputSchema, async (input) => {
  switch (input.step) {
    case 'detected':
      return steps.detected(input.transferId);
    case 'await':
      await steps.await(input.transferId, input.stage, input.taskToken);
      return { waiting: input.stage };
    case 'clock':
      return steps.clock(input.transferId);
    case 'copy':
      return steps.copy(input.transferId, input.cursor);
    case 'copyFailed':
      await steps.copyFailed(input.transferId);
      return { recorded: true };
  }
});

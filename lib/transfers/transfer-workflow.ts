/**
 * Transfer workflow state, foundation slice: what the state machine's task steps record.
 * The transfers issue grows this into the full lifecycle.
 */
import { z } from 'zod';

export const TransferStepInputSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('recordPending'), transferId: z.string().uuid() }),
  z.object({ step: z.literal('awaitDecision'), transferId: z.string().uuid(), taskToken: z.string().min(1) }),
]);

export const TransferStateSchema = z.object({
  transferId: z.string().uuid(),
  status: z.enum(['Pending']),
  createdAt: z.iso.datetime(),
  /** Present while the workflow waits for a decision; the API answers it with SendTaskSuccess. */
  decisionTaskToken: z.string().optional(),
});

export type TransferStepInput = z.infer<typeof TransferStepInputSchema>;
export type TransferState = z.infer<typeof TransferStateSchema>;

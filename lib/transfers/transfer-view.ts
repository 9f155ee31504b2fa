/** What a school may do with a transfer now: the buttons Admin > Transfers shows. */
import { directionFor, type Transfer } from './transfer';

export type AllowedDecision = 'request' | 'dismiss' | 'cancel' | 'authorise' | 'reject' | 'confirm-receipt';

export function allowedDecisions(transfer: Transfer, schoolId: string): AllowedDecision[] {
  const direction = directionFor(transfer, schoolId);
  if (direction === 'incoming') {
    if (transfer.status === 'Pending') return ['request', 'dismiss'];
    if (transfer.status === 'Requested') return ['cancel'];
    if (transfer.status === 'Transferred' && !transfer.receipt) return ['confirm-receipt'];
    return [];
  }
  return transfer.status === 'Requested' ? ['authorise', 'reject'] : [];
}

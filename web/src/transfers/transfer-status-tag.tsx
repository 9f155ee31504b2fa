/** A transfer's status as a tag: its word always, with colour only as a second cue. */
import type { TransferStatus } from './transfers-api';

const TONE: Readonly<Record<TransferStatus, string>> = {
  Pending: 'transfer-status--waiting',
  Requested: 'transfer-status--waiting',
  Transferring: 'transfer-status--waiting',
  Transferred: 'transfer-status--done',
  Rejected: 'transfer-status--stopped',
  Dismissed: 'transfer-status--stopped',
  Cancelled: 'transfer-status--stopped',
  Obsolete: 'transfer-status--stopped',
};

export function TransferStatusTag({ status }: { status: TransferStatus }) {
  return <span className={`transfer-status ${TONE[status]}`}>{status}</span>;
}

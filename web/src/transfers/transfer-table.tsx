/**
 * The Transfers list as a table like the incumbent's: pupil (opening the transfer), the other school,
 * direction, status, when it was detected, the KCSIE due date while requested (overdue said in words,
 * not by colour alone) and the value both schools matched on.
 */
import { adminPaths } from '../admin/admin-routes';
import { formatUkDate } from '../pupils/format-date';
import { formatUkDateTime } from '../formatting/uk-date-time';
import { Link } from '../routing/link';
import type { TransferListing } from './transfers-api';
import { DIRECTION_WORDS, isOverdue, matchedOnWords } from './transfer-words';
import { TransferStatusTag } from './transfer-status-tag';

function DueBy({ item }: { item: TransferListing }) {
  if (item.status !== 'Requested' || !item.dueBy) return <>–</>;
  const overdue = isOverdue(item.dueBy);
  return (
    <span className={overdue ? 'transfer-due transfer-due--overdue' : 'transfer-due'}>
      <time dateTime={item.dueBy}>{formatUkDate(item.dueBy)}</time>
      {overdue && <strong> Overdue</strong>}
    </span>
  );
}

function TransferRow({ item }: { item: TransferListing }) {
  return (
    <tr>
      <th scope="row">
        <Link href={adminPaths.transfer(item.transferId)}>{item.pupilName}</Link>
      </th>
      <td>{item.otherSchoolName}</td>
      <td>{DIRECTION_WORDS[item.direction]}</td>
      <td>
        <TransferStatusTag status={item.status} />
        {item.status === 'Transferred' && !item.receiptConfirmed && (
          <span className="transfer-table__aside">Receipt not confirmed</span>
        )}
      </td>
      <td>
        <time dateTime={item.detectedAt}>{formatUkDateTime(item.detectedAt)}</time>
      </td>
      <td>
        <DueBy item={item} />
      </td>
      <td>{matchedOnWords(item.matchedOn)}</td>
    </tr>
  );
}

export function TransferTable({ items }: { items: readonly TransferListing[] }) {
  return (
    <div className="transfer-frame">
      <table className="table transfer-table">
        <caption className="visually-hidden">Transfers, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Pupil</th>
            <th scope="col">Other school</th>
            <th scope="col">Direction</th>
            <th scope="col">Status</th>
            <th scope="col">Detected</th>
            <th scope="col">Due by (KCSIE)</th>
            <th scope="col">Matched on</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <TransferRow key={item.transferId} item={item} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

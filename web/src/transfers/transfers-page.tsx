/**
 * Admin > Transfers (TRF-2, issue 6 item 8): this school's incoming and outgoing transfers, newest
 * first, filtered by direction, status, "Needs my action" or a search, all sent as the query of one
 * GET. Each line opens the transfer; "Manage Transfer Settings" chooses which categories transfer.
 */
import { useCallback } from 'react';
import { adminPaths } from '../admin/admin-routes';
import { useLoaded } from '../admin/use-loaded';
import { AdminPage } from '../components/admin-page';
import { AdminProblem } from '../components/admin-problem';
import { Link } from '../routing/link';
import { useLocationSearch } from '../routing/router';
import { TransferFilters } from './transfer-filters';
import { TransferKey } from './transfer-key';
import { TransferTable } from './transfer-table';
import { listTransfers, transferListQuery, type TransferListQuery } from './transfers-api';
import './transfers.css';

function hasFilter(query: TransferListQuery): boolean {
  return Boolean(query.direction || query.status || query.actionable || query.q);
}

/** Why a transfer may not be listed yet: the conditions the incumbent's guide gives. */
function NothingDetected() {
  return (
    <div className="transfer-empty">
      <p>
        No transfers yet. Transfers appear here when a pupil who left another Lantern school joins yours with
        the same UPN or ULN (incoming), or a pupil who left yours joins another Lantern school (outgoing). For
        a transfer to be detected:
      </p>
      <ul>
        <li>both schools must hold the same UPN or ULN for the pupil (check the pupil's details);</li>
        <li>
          the previous school must have archived the pupil (their MIS import does this when they leave);
        </li>
        <li>
          the new school must have the pupil active (the MIS import adds them once their start date is
          reached);
        </li>
        <li>the UPN must not be a temporary one (temporary UPNs end in a letter, usually A);</li>
        <li>the previous school must hold incidents or documents for the pupil.</li>
      </ul>
      <p>The new school requests a transfer first; the previous school then authorises it.</p>
    </div>
  );
}

export function TransfersPage() {
  const search = useLocationSearch();
  const query = transferListQuery(search);
  // The query is rebuilt on each render; the address's text is what identifies it.
  const load = useCallback(
    (signal: AbortSignal) => listTransfers(transferListQuery(search), signal),
    [search],
  );
  const { state } = useLoaded(load);
  const filtered = hasFilter(query);

  return (
    <AdminPage
      title="Transfers"
      lede="When a pupil moves between two Lantern schools, the new school requests their records and the previous school authorises sending them."
    >
      <p className="transfer-settings-link">
        <Link className="button button--secondary" href={adminPaths.transferSettings}>
          Manage Transfer Settings
        </Link>
      </p>
      <TransferFilters key={search} query={query} />
      <section className="admin-section" aria-labelledby="transfer-list-heading">
        <h2 className="section-title" id="transfer-list-heading">
          {filtered ? 'Matching transfers' : 'All transfers'}
        </h2>
        {state.phase === 'loading' && <p className="loading">Loading transfers…</p>}
        {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
        {state.phase === 'loaded' && state.value.length === 0 && !filtered && <NothingDetected />}
        {state.phase === 'loaded' && state.value.length === 0 && filtered && (
          <p>
            No transfers match these filters. <Link href={adminPaths.transfers}>Show all transfers</Link>
          </p>
        )}
        {state.phase === 'loaded' && state.value.length > 0 && <TransferTable items={state.value} />}
      </section>
      <TransferKey />
    </AdminPage>
  );
}

/**
 * One transfer (/admin/transfers/<id>, where the transfer emails link): both schools and their records
 * of the pupil, the matched value, status and direction, what this school may do now, the KCSIE clock,
 * the history, the settings in force at authorisation, the manifest and the receipt.
 */
import { useCallback, useState } from 'react';
import type { Problem } from '../api/problem';
import { adminPaths } from '../admin/admin-routes';
import { useLoaded } from '../admin/use-loaded';
import { ActionNotice, type ActionOutcome } from '../components/action-notice';
import { AdminPage } from '../components/admin-page';
import { AdminProblem } from '../components/admin-problem';
import { SummaryRow, UkDateTime } from '../components/summary-row';
import { pupilPaths } from '../pupils/pupil-paths';
import { Link } from '../routing/link';
import { TransferActions } from './transfer-actions';
import { SettingsInForce, TransferManifestSection } from './transfer-manifest';
import { TransferStatusTag } from './transfer-status-tag';
import { TransferClockSection, TransferHistory } from './transfer-timeline';
import { getTransfer, type TransferSide, type TransferView } from './transfers-api';
import { DIRECTION_MEANINGS, DIRECTION_WORDS, STATUS_MEANINGS, matchedOnWords } from './transfer-words';
import './transfers.css';

/** This school's side: the new school's for an incoming transfer, the previous school's otherwise. */
function ourSide(view: TransferView): TransferSide {
  return view.direction === 'incoming' ? view.to : view.from;
}

/** After Transferred at the new school: where the records are and how to see them (seed guide). */
function HowToSeeTheRecords({ view }: { view: TransferView }) {
  if (view.direction !== 'incoming' || view.status !== 'Transferred') return null;
  return (
    <section className="admin-section" aria-labelledby="transfer-legacy-heading">
      <h2 className="section-title" id="transfer-legacy-heading">
        How to see the transferred records
      </h2>
      <p>
        The records are under a disabled <strong>Legacy</strong> category, with sub-categories named after{' '}
        {view.from.schoolName}&apos;s categories. No user group can see them yet, so that only the right staff
        do. Give your user groups permission on the Legacy categories in Admin &gt; Users &gt; user group:
        tick View students and View incidents, and leave Add incidents unticked.
      </p>
      <p>
        <Link href={adminPaths.userGroups}>Give permission on the Legacy categories</Link>
      </p>
      <p>
        The incidents then appear in the pupil&apos;s{' '}
        <Link href={pupilPaths.tab(view.to.pupilId, 'chronology')}>Incidents</Link> tab by date, and the files
        in their <Link href={pupilPaths.tab(view.to.pupilId, 'vault')}>Document vault</Link>.
      </p>
    </section>
  );
}

function TransferDetails({ view }: { view: TransferView }) {
  const ours = ourSide(view);
  const theirs = ours === view.to ? view.from : view.to;
  return (
    <dl className="summary-list">
      <SummaryRow label="Status">
        <TransferStatusTag status={view.status} /> {STATUS_MEANINGS[view.status]}
      </SummaryRow>
      <SummaryRow label="Direction">
        {DIRECTION_WORDS[view.direction]}: {DIRECTION_MEANINGS[view.direction]}
      </SummaryRow>
      <SummaryRow label="Pupil here">
        <Link href={pupilPaths.pupil(ours.pupilId)}>{ours.pupilName}</Link>
      </SummaryRow>
      <SummaryRow label="Previous school">{view.from.schoolName}</SummaryRow>
      <SummaryRow label="New school">{view.to.schoolName}</SummaryRow>
      <SummaryRow label={`Pupil at ${theirs.schoolName}`}>{theirs.pupilName}</SummaryRow>
      <SummaryRow label="Matched on">{matchedOnWords(view.matchedOn)}</SummaryRow>
      <SummaryRow label="Detected">
        <UkDateTime at={view.detectedAt} />
      </SummaryRow>
    </dl>
  );
}

export function TransferPage({ transferId }: { transferId: string }) {
  const load = useCallback((signal: AbortSignal) => getTransfer(transferId, signal), [transferId]);
  const { state, reload } = useLoaded(load);
  // The answer to a decision is the transfer as it now stands: shown until the next load.
  const [decided, setDecided] = useState<TransferView | undefined>();
  const [outcome, setOutcome] = useState<ActionOutcome | undefined>();
  const view = decided ?? (state.phase === 'loaded' ? state.value : undefined);

  function refresh() {
    setDecided(undefined);
    setOutcome(undefined);
    reload();
  }

  function handleDone(next: TransferView, text: string) {
    setDecided(next);
    setOutcome({ kind: 'done', text });
  }

  function handleFailed(problem: Problem) {
    setOutcome({ kind: 'failed', problem });
  }

  const title = view ? `Transfer: ${ourSide(view).pupilName}` : 'Transfer';
  return (
    <AdminPage title={title}>
      <p>
        <Link href={adminPaths.transfers}>Back to Transfers</Link>
      </p>
      <ActionNotice outcome={outcome} onReload={refresh} />
      {!view && state.phase === 'loading' && <p className="loading">Loading the transfer…</p>}
      {!view && state.phase === 'failed' && <AdminProblem problem={state.problem} />}
      {view && (
        <>
          <TransferDetails view={view} />
          {view.status === 'Transferring' && (
            <p className="notice notice--info">
              The records are being copied. Refresh in a minute to see the manifest.
            </p>
          )}
          <p>
            <button className="button button--secondary" type="button" onClick={refresh}>
              Refresh
            </button>
          </p>
          <TransferActions key={view.version} view={view} onDone={handleDone} onFailed={handleFailed} />
          <HowToSeeTheRecords view={view} />
          <TransferManifestSection view={view} />
          <SettingsInForce view={view} />
          {view.clock && <TransferClockSection clock={view.clock} view={view} />}
          <TransferHistory view={view} />
        </>
      )}
    </AdminPage>
  );
}

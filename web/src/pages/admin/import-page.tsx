/**
 * One import (Admin > Imports > an import): what it was, what applying it did, why it was rejected or
 * failed, and the rows it skipped or flagged, exactly as the API lists them (MIS ids, never names).
 */
import { useCallback } from 'react';
import { getMisImport, type ImportCounts, type ImportDetail, type RowProblem } from '../../api/mis-imports';
import { adminPaths } from '../../admin/admin-routes';
import { useLoaded } from '../../admin/use-loaded';
import { AdminPage } from '../../components/admin-page';
import { AdminProblem } from '../../components/admin-problem';
import { SummaryRow, UkDateTime } from '../../components/summary-row';
import { formatFileSize } from '../../documents/accepted-files';
import { formatUkDateTime } from '../../formatting/uk-date-time';
import { ImportStatusText } from '../../imports/import-log-section';
import { FORMAT_WORDS, STATUS_MEANINGS, TRIGGER_WORDS } from '../../imports/import-words';
import { Link } from '../../routing/link';

const COUNT_LABELS: readonly [keyof ImportCounts, string][] = [
  ['pupilsInExtract', 'Pupils in the extract'],
  ['pupilsAdded', 'Pupils added'],
  ['pupilsUpdated', 'Pupils updated'],
  ['pupilsUnchanged', 'Pupils unchanged'],
  ['pupilsArchived', 'Pupils archived (left)'],
  ['pupilsRestored', 'Pupils restored (came back)'],
  ['rowsSkipped', 'Rows skipped'],
  ['classesAdded', 'Classes added'],
  ['classesRenamed', 'Classes renamed'],
  ['staffInExtract', 'Staff in the extract'],
  ['usersDeactivated', 'Users deactivated'],
  ['itemsWritten', 'Records written'],
];

function Outcome({ item }: { item: ImportDetail }) {
  if (item.rejection) {
    return (
      <div className="import-outcome" data-testid="import-rejection">
        <p>
          <strong>The extract was rejected; nothing of it was applied.</strong>
        </p>
        <p>
          Field: <code>{item.rejection.field}</code>
        </p>
        <p>Reason: {item.rejection.reason}</p>
      </div>
    );
  }
  if (item.failure) {
    return (
      <div className="import-outcome" data-testid="import-failure">
        <p>
          <strong>Applying the extract failed.</strong>
        </p>
        <p>{item.failure}</p>
      </div>
    );
  }
  return null;
}

function ProblemsSection({ item }: { item: ImportDetail }) {
  const shown = item.problems.length;
  return (
    <section className="admin-section" aria-labelledby="import-problems-heading">
      <h2 className="section-title" id="import-problems-heading">
        Row problems
      </h2>
      {item.problemCount === 0 ? (
        <p>No rows were skipped or flagged.</p>
      ) : (
        <>
          <p className="hint">
            Errors: the row was skipped and the rest applied. Warnings: the row was applied, but check it in
            your MIS. Rows are counted from 1 within each section of the extract.
            {shown < item.problemCount && ` The first ${shown} of ${item.problemCount} problems are listed.`}
          </p>
          <div className="import-log__frame">
            <table className="table">
              <caption className="visually-hidden">Row problems</caption>
              <thead>
                <tr>
                  <th scope="col">Section</th>
                  <th scope="col" className="numeric">
                    Row
                  </th>
                  <th scope="col">MIS id</th>
                  <th scope="col">Field</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Error or warning</th>
                </tr>
              </thead>
              <tbody>
                {item.problems.map((problem: RowProblem, index) => (
                  <tr key={`${problem.section}-${problem.row}-${problem.field}-${index}`}>
                    <td>{problem.section}</td>
                    <td className="numeric">{problem.row}</td>
                    <td>{problem.misId ?? '–'}</td>
                    <td>
                      <code>{problem.field}</code>
                    </td>
                    <td>{problem.reason}</td>
                    <td>{problem.severity === 'error' ? 'Error (skipped)' : 'Warning'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function ImportDetails({ item }: { item: ImportDetail }) {
  return (
    <>
      <Outcome item={item} />
      <dl className="summary-list">
        <SummaryRow label="Status">
          <ImportStatusText status={item.status} />: {STATUS_MEANINGS[item.status]}
        </SummaryRow>
        <SummaryRow label="Received">
          <UkDateTime at={item.receivedAt} />
        </SummaryRow>
        <SummaryRow label="Format">{item.format ? FORMAT_WORDS[item.format] : 'Not recognised'}</SummaryRow>
        <SummaryRow label="Size">{formatFileSize(item.byteSize)}</SummaryRow>
        {item.trigger && <SummaryRow label="Trigger">{TRIGGER_WORDS[item.trigger]}</SummaryRow>}
        {item.startedAt && (
          <SummaryRow label="Started">
            <UkDateTime at={item.startedAt} />
          </SummaryRow>
        )}
        {item.finishedAt && (
          <SummaryRow label="Finished">
            <UkDateTime at={item.finishedAt} />
          </SummaryRow>
        )}
      </dl>
      {item.counts && (
        <section className="admin-section" aria-labelledby="import-counts-heading">
          <h2 className="section-title" id="import-counts-heading">
            What the import did
          </h2>
          <dl className="summary-list">
            {COUNT_LABELS.map(([name, label]) => (
              <SummaryRow key={name} label={label}>
                {item.counts?.[name].toLocaleString('en-GB')}
              </SummaryRow>
            ))}
          </dl>
        </section>
      )}
      <ProblemsSection item={item} />
    </>
  );
}

export function ImportPage({ importId }: { importId: string }) {
  const load = useCallback((signal: AbortSignal) => getMisImport(importId, signal), [importId]);
  const { state } = useLoaded(load);
  const title =
    state.phase === 'loaded' ? `Import received ${formatUkDateTime(state.value.receivedAt)}` : 'Import';
  return (
    <AdminPage title={title}>
      <p>
        <Link href={adminPaths.imports}>Back to Imports</Link>
      </p>
      {state.phase === 'loading' && <p className="loading">Loading the import…</p>}
      {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
      {state.phase === 'loaded' && <ImportDetails item={state.value} />}
    </AdminPage>
  );
}

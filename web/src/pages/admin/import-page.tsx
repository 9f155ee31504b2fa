/**
 * One import (Admin > Imports > an import): what it was, what applying it did, why it was rejected or
 * failed, and the rows it skipped or flagged, exactly as the API lists them (MIS ids, never names).
 */
import { useCallback, type ReactNode } from 'react';
import { getMisImport, type ImportCounts, type ImportDetail, type RowProblem } from '../../api/mis-imports';
import { adminPaths } from '../../admin/admin-routes';
import { useLoaded } from '../../admin/use-loaded';
import { AdminPage } from '../../components/admin-page';
import { AdminProblem } from '../../components/admin-problem';
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

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="summary-list__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function When({ at }: { at: string }) {
  return <time dateTime={at}>{formatUkDateTime(at)}</time>;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

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
        <Row label="Status">
          <ImportStatusText status={item.status} />: {STATUS_MEANINGS[item.status]}
        </Row>
        <Row label="Received">
          <When at={item.receivedAt} />
        </Row>
        <Row label="Format">{item.format ? FORMAT_WORDS[item.format] : 'Not recognised'}</Row>
        <Row label="Size">{formatBytes(item.byteSize)}</Row>
        {item.trigger && <Row label="Trigger">{TRIGGER_WORDS[item.trigger]}</Row>}
        {item.startedAt && (
          <Row label="Started">
            <When at={item.startedAt} />
          </Row>
        )}
        {item.finishedAt && (
          <Row label="Finished">
            <When at={item.finishedAt} />
          </Row>
        )}
      </dl>
      {item.counts && (
        <section className="admin-section" aria-labelledby="import-counts-heading">
          <h2 className="section-title" id="import-counts-heading">
            What the import did
          </h2>
          <dl className="summary-list">
            {COUNT_LABELS.map(([name, label]) => (
              <Row key={name} label={label}>
                {item.counts?.[name].toLocaleString('en-GB')}
              </Row>
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

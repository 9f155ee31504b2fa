/**
 * The import log, newest first, a page at a time: when each extract arrived (UK time, the school's
 * time), its format, what became of it and what applying it did. Each line opens the import's detail.
 */
import { useEffect, useRef, useState } from 'react';
import { isAbortError } from '../api/client';
import { listMisImports, type ImportSummary } from '../api/mis-imports';
import type { Problem } from '../api/problem';
import { adminPaths } from '../admin/admin-routes';
import { AdminProblem } from '../components/admin-problem';
import { formatUkDateTime } from '../formatting/uk-date-time';
import { Link } from '../routing/link';
import { FORMAT_WORDS, STATUS_WORDS, TRIGGER_WORDS } from './import-words';

const PAGE_SIZE = 25;

interface LogState {
  imports: ImportSummary[];
  nextCursor?: string | undefined;
  loading: boolean;
  problem?: Problem | undefined;
}

const unexpectedFailure: Problem = {
  title: 'The import log could not be loaded',
  detail: 'Something went wrong while loading the import log. Try again in a few minutes.',
};

/** A count the import has not produced yet (received, rejected, superseded) is shown as a dash. */
function Count({ value }: { value: number | undefined }) {
  return <td className="numeric">{value === undefined ? '–' : value.toLocaleString('en-GB')}</td>;
}

export function ImportStatusText({ status }: { status: ImportSummary['status'] }) {
  return <span className={`import-status import-status--${status}`}>{STATUS_WORDS[status]}</span>;
}

function ImportRow({ item }: { item: ImportSummary }) {
  const counts = item.counts;
  return (
    <tr>
      <th scope="row">
        <Link href={adminPaths.import(item.importId)}>
          <time dateTime={item.receivedAt}>{formatUkDateTime(item.receivedAt)}</time>
        </Link>
      </th>
      <td>{item.format ? FORMAT_WORDS[item.format] : 'Unknown'}</td>
      <td>
        <ImportStatusText status={item.status} />
      </td>
      <td>{item.trigger ? TRIGGER_WORDS[item.trigger] : '–'}</td>
      <Count value={counts?.pupilsAdded} />
      <Count value={counts?.pupilsUpdated} />
      <Count value={counts?.pupilsArchived} />
      <Count value={counts?.pupilsUnchanged} />
      <Count value={counts?.rowsSkipped} />
      <Count value={item.problemCount} />
    </tr>
  );
}

export function ImportLogSection() {
  const [log, setLog] = useState<LogState>({ imports: [], loading: true });
  const controllerRef = useRef<AbortController | undefined>(undefined);

  async function loadPage(cursor: string | undefined) {
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    setLog((current) => ({ ...current, loading: true, problem: undefined }));
    try {
      const result = await listMisImports(PAGE_SIZE, cursor, controller.signal);
      setLog((current) =>
        result.ok
          ? {
              imports: cursor ? [...current.imports, ...result.value.items] : result.value.items,
              nextCursor: result.value.nextCursor,
              loading: false,
            }
          : { ...current, loading: false, problem: result.problem },
      );
    } catch (error) {
      if (!isAbortError(error))
        setLog((current) => ({ ...current, loading: false, problem: unexpectedFailure }));
    }
  }

  useEffect(() => {
    void loadPage(undefined);
    return () => controllerRef.current?.abort();
    // The first page loads once (the page gives a refreshed log a new key); later pages on request.
  }, []);

  const first = log.imports.length === 0;
  return (
    <section className="admin-section" aria-labelledby="import-log-heading">
      <h2 className="section-title" id="import-log-heading">
        Import log
      </h2>
      <p className="hint">Every extract your MIS connector sent, newest first. Times are UK time.</p>
      {log.problem && <AdminProblem problem={log.problem} />}
      {first && log.loading && <p className="loading">Loading the import log…</p>}
      {first && !log.loading && !log.problem && (
        <p>No extracts have been received yet. Set up a connector in Admin &gt; MIS connection.</p>
      )}
      {!first && (
        <div className="import-log__frame">
          <table className="table import-log">
            <caption className="visually-hidden">Imports, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Received</th>
                <th scope="col">Format</th>
                <th scope="col">Status</th>
                <th scope="col">Trigger</th>
                <th scope="col" className="numeric">
                  Pupils added
                </th>
                <th scope="col" className="numeric">
                  Updated
                </th>
                <th scope="col" className="numeric">
                  Archived
                </th>
                <th scope="col" className="numeric">
                  Unchanged
                </th>
                <th scope="col" className="numeric">
                  Rows skipped
                </th>
                <th scope="col" className="numeric">
                  Problems
                </th>
              </tr>
            </thead>
            <tbody>
              {log.imports.map((item) => (
                <ImportRow key={item.importId} item={item} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="visually-hidden" role="status">
        {first ? '' : `Showing ${log.imports.length} imports${log.nextCursor ? '; there are more' : ''}.`}
      </p>
      {log.nextCursor && (
        <button
          className="button button--secondary"
          type="button"
          onClick={() => {
            if (!log.loading) void loadPage(log.nextCursor);
          }}
          aria-disabled={log.loading ? true : undefined}
        >
          {log.loading ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}

/**
 * Admin > Imports (MIS-3, MIS-4): the health light, "Run import now", the nightly import time, and
 * the import log. Refresh
 * loads the light and the log again, so an admin who ran an import can watch it arrive.
 */
import { useState } from 'react';
import { fetchMisImportHealth } from '../../api/mis-imports';
import { adminPaths } from '../../admin/admin-routes';
import { useLoaded } from '../../admin/use-loaded';
import { AdminPage } from '../../components/admin-page';
import { AdminProblem } from '../../components/admin-problem';
import { formatUkDateTime } from '../../formatting/uk-date-time';
import { HealthLight } from '../../imports/health-light';
import { ImportLogSection } from '../../imports/import-log-section';
import { NightlyImportTime } from '../../imports/nightly-import-time';
import { RunImportNow } from '../../imports/run-import-now';
import { Link } from '../../routing/link';

export function ImportsPage() {
  const { state, reload } = useLoaded(fetchMisImportHealth);
  const [logGeneration, setLogGeneration] = useState(0);

  function refresh() {
    reload();
    setLogGeneration((count) => count + 1);
  }

  return (
    <AdminPage
      title="Imports"
      lede="Each night Lantern applies the newest extract your MIS connector sent: pupils, staff, classes, contacts and attendance."
    >
      <section className="admin-section" aria-labelledby="import-health-heading">
        <h2 className="section-title" id="import-health-heading">
          Import health
        </h2>
        {state.phase === 'loading' && <p className="loading">Checking the import…</p>}
        {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
        {state.phase === 'loaded' && (
          <>
            <HealthLight health={state.value} />
            <p className="hint">
              {state.value.newestReceivedAt
                ? `Newest extract received ${formatUkDateTime(state.value.newestReceivedAt)}. `
                : 'No extract has been received yet. '}
              Green: imported within about a day; amber: within 3 days; red: longer ago, or never.{' '}
              <Link href={adminPaths.misConnection}>MIS connection</Link>
            </p>
          </>
        )}
        <button className="button button--secondary" type="button" onClick={refresh}>
          Refresh
        </button>
      </section>
      <RunImportNow />
      <NightlyImportTime />
      <ImportLogSection key={logGeneration} />
    </AdminPage>
  );
}

/**
 * "MIS import" on the dashboard (MIS-4): everyone sees whether the school's pupils, classes and
 * contacts are fresh from the MIS. Admins who give class access (when class restrictions are on) are
 * also told which new classes from the MIS nobody can see yet, with the way to Admin > Classes.
 */
import { fetchMisImportHealth } from '../api/mis-imports';
import { useLoaded } from '../admin/use-loaded';
import { adminPaths } from '../admin/admin-routes';
import { HealthLight } from '../imports/health-light';
import { Link } from '../routing/link';

export function MisHealthSection() {
  const { state } = useLoaded(fetchMisImportHealth);
  return (
    <section className="panel mis-health-tile" aria-labelledby="dashboard-mis-health-heading">
      <h2 className="section-title" id="dashboard-mis-health-heading">
        MIS import
      </h2>
      {state.phase === 'loading' && <p className="hint">Checking the MIS import…</p>}
      {state.phase === 'failed' && (
        <p className="hint">The MIS import status could not be loaded. Try again in a few minutes.</p>
      )}
      {state.phase === 'loaded' && <HealthLight health={state.value} />}
      {state.phase === 'loaded' && state.value.classesAwaitingAccess.length > 0 && (
        <p className="notice notice--info" role="note">
          New classes from the MIS need access:{' '}
          {state.value.classesAwaitingAccess.map((classGroup) => classGroup.name).join(', ')}.{' '}
          <Link href={adminPaths.classes}>Give access in Admin &gt; Classes</Link>
        </p>
      )}
    </section>
  );
}

/** "Add incident" in the signed-in menu, for everyone whose group lets them record (with or without a key). */
import { useMyAccess } from '../admin/my-access-store';
import { Link } from '../routing/link';
import { useSession } from '../session/session-store';
import { incidentPaths } from './incident-paths';

export function AddIncidentNavItem({ pathname }: { pathname: string }) {
  const session = useSession();
  const access = useMyAccess(session.status === 'signed-in' ? session.view : undefined);
  if (access.phase !== 'loaded' || !access.access.permissions.includes('incidents.add')) return null;
  return (
    <li>
      <Link
        href={incidentPaths.add}
        className="service-nav__link"
        aria-current={pathname === incidentPaths.add ? 'page' : undefined}
      >
        Add incident
      </Link>
    </li>
  );
}

/**
 * The "Pupils" entry in the signed-in menu, shown when this session may list pupils (a key holder who
 * has elevated, in a group that grants it). Like the Admin entry it reads the session itself.
 */
import { useMyAccess } from '../admin/my-access-store';
import { Link } from '../routing/link';
import { useSession } from '../session/session-store';
import { pupilPaths } from './pupil-paths';

export function PupilsNavItem({ pathname }: { pathname: string }) {
  const session = useSession();
  const access = useMyAccess(session.status === 'signed-in' ? session.view : undefined);
  if (access.phase !== 'loaded' || !access.access.permissions.includes('students.list')) return null;
  const inPupils = pathname === pupilPaths.search || pathname.startsWith(`${pupilPaths.search}/`);
  return (
    <li>
      <Link
        href={pupilPaths.search}
        className="service-nav__link"
        aria-current={inPupils ? 'page' : undefined}
      >
        Pupils
      </Link>
    </li>
  );
}

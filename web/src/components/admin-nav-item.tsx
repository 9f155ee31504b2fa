/**
 * The "Admin" entry in the signed-in menu, shown only when this session may use some admin area (an
 * admin group that has elevated with its key). It reads the session itself, so the header that holds
 * the menu needs no change to offer it.
 */
import { hasAdminAccess } from '../admin/admin-areas';
import { useMyAccess } from '../admin/my-access-store';
import { Link } from '../routing/link';
import { useSession } from '../session/session-store';

export function AdminNavItem({ pathname }: { pathname: string }) {
  const session = useSession();
  const access = useMyAccess(session.status === 'signed-in' ? session.view : undefined);
  if (access.phase !== 'loaded' || !hasAdminAccess(access.access)) return null;
  const inAdmin = pathname === '/admin' || pathname.startsWith('/admin/');
  return (
    <li>
      <Link href="/admin" className="service-nav__link" aria-current={inAdmin ? 'page' : undefined}>
        Admin
      </Link>
    </li>
  );
}

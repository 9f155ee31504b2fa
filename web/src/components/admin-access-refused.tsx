/**
 * Shown instead of an admin screen this session may not use: either it must elevate with a key first
 * (the group allows it), or the person's user group does not allow it at all.
 */
import type { MyAccess } from '../api/my-access';
import { ELEVATE_PATH } from '../admin/admin-areas';
import { Link } from '../routing/link';
import { AdminPage } from './admin-page';

export function AdminAccessRefused({ access }: { access: MyAccess }) {
  if (!access.elevated && access.elevationWouldAdd) {
    return (
      <AdminPage title="Elevate your access to use admin">
        <p>
          Admin pages show and change who can see safeguarding records, so they need an elevated session.
          Confirm it is you with your key (a code from your authenticator app, or your security key), then
          come back to this page.
        </p>
        <p>
          <Link href={ELEVATE_PATH} className="button">
            Elevate your access
          </Link>
        </p>
      </AdminPage>
    );
  }
  return (
    <AdminPage title="You cannot use this admin page">
      <p>
        {access.groupName
          ? `Your user group (${access.groupName}) does not allow you to use this part of admin.`
          : 'Your user group does not allow you to use this part of admin.'}{' '}
        If you need it, ask your designated safeguarding lead.
      </p>
      <p>
        <Link href="/">Go to the home page</Link>
      </p>
    </AdminPage>
  );
}

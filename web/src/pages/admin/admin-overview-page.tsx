/** /admin: the admin areas this session may use, each with what it is for. */
import type { AdminArea } from '../../admin/admin-areas';
import { AdminPage } from '../../components/admin-page';
import { Link } from '../../routing/link';

export function AdminOverviewPage({ areas }: { areas: readonly AdminArea[] }) {
  return (
    <AdminPage title="Admin" lede="Manage who uses Lantern in your school and what they may see and do.">
      {areas.length === 0 ? (
        <p>Your user group does not include any admin areas.</p>
      ) : (
        <ul className="admin-overview">
          {areas.map((area) => (
            <li key={area.id} className="admin-overview__item">
              <Link href={area.href} className="admin-overview__link">
                {area.label}
              </Link>
              <p className="admin-overview__description">{area.description}</p>
            </li>
          ))}
        </ul>
      )}
    </AdminPage>
  );
}

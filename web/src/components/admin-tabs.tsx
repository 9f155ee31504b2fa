/** The admin areas this person may use, as a row of links, the current one marked. */
import type { AdminArea, AdminAreaId } from '../admin/admin-areas';
import { Link } from '../routing/link';

export function AdminTabs({
  areas,
  current,
}: {
  areas: readonly AdminArea[];
  current: AdminAreaId | undefined;
}) {
  return (
    <nav className="admin-tabs" aria-label="Admin">
      <ul className="admin-tabs__list">
        {areas.map((area) => (
          <li key={area.id} className="admin-tabs__item">
            <Link
              href={area.href}
              className="admin-tabs__link"
              aria-current={area.id === current ? 'page' : undefined}
            >
              {area.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The signed-in band under the header: the app's pages, and the school switcher when there is one. */
import type { ReactNode } from 'react';
import { Link } from '../routing/link';
import { AddIncidentNavItem } from '../incidents/add-incident-nav-item';
import { PupilsNavItem } from '../pupils/pupils-nav-item';
import { AdminNavItem } from './admin-nav-item';

const PAGES = [
  { href: '/', label: 'Home' },
  { href: '/security-log', label: 'My security log' },
  { href: '/keys', label: 'My keys' },
] as const;

interface ServiceNavProps {
  pathname: string;
  /** The school switcher, for people who work in more than one school. */
  switcher?: ReactNode;
}

export function ServiceNav({ pathname, switcher }: ServiceNavProps) {
  return (
    <div className="service-nav">
      <div className="container service-nav__inner">
        <nav aria-label="Main">
          <ul className="service-nav__list">
            {PAGES.map((page) => (
              <li key={page.href}>
                <Link
                  href={page.href}
                  className="service-nav__link"
                  aria-current={pathname === page.href ? 'page' : undefined}
                >
                  {page.label}
                </Link>
              </li>
            ))}
            <PupilsNavItem pathname={pathname} />
            <AddIncidentNavItem pathname={pathname} />
            <AdminNavItem pathname={pathname} />
          </ul>
        </nav>
        {switcher}
      </div>
    </div>
  );
}

/**
 * The bar at the top of every page: the product name, linking home. Signed in, it also carries who
 * and where the person is signed in as (`account`) and a second band below it (`children`).
 */
import type { ReactNode } from 'react';
import logoUrl from '../assets/lantern.svg';
import { Link } from '../routing/link';

interface SiteHeaderProps {
  account?: ReactNode;
  children?: ReactNode;
}

export function SiteHeader({ account, children }: SiteHeaderProps) {
  return (
    <header className="site-header">
      <div className="site-header__bar">
        <div className="container site-header__inner">
          <Link href="/" className="brand">
            <img className="brand__logo" src={logoUrl} alt="" width="32" height="32" />
            <span className="brand__name">Lantern</span>
          </Link>
          {account ?? <span className="site-header__tagline">Safeguarding records</span>}
        </div>
      </div>
      {children}
    </header>
  );
}

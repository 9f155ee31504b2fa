/** The bar at the top of every page: the product name, linking home. */
import logoUrl from '../assets/lantern.svg';
import { Link } from '../routing/link';

export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link href="/" className="brand">
          <img className="brand__logo" src={logoUrl} alt="" width="32" height="32" />
          <span className="brand__name">Lantern</span>
        </Link>
        <span className="site-header__tagline">Safeguarding records</span>
      </div>
    </header>
  );
}

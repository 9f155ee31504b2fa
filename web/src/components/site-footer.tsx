/** The footer on every page, with the link to the system status page. */
import { Link } from '../routing/link';

export function SiteFooter({ pathname }: { pathname: string }) {
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <nav aria-label="Support">
          <ul className="site-footer__links">
            <li>
              <Link href="/health" aria-current={pathname === '/health' ? 'page' : undefined}>
                System status
              </Link>
            </li>
          </ul>
        </nav>
        <p className="site-footer__about">Lantern: safeguarding and child-protection records for schools.</p>
      </div>
    </footer>
  );
}

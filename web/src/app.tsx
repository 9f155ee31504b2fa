/** The app shell: header, the page for the current path, footer. */
import { useEffect, useRef, type ReactNode } from 'react';
import { SiteFooter } from './components/site-footer';
import { SiteHeader } from './components/site-header';
import { HealthPage } from './pages/health-page';
import { NotFoundPage } from './pages/not-found-page';
import { SignInPage } from './pages/sign-in-page';
import { usePathname } from './routing/router';

function pageFor(pathname: string): ReactNode {
  switch (pathname) {
    case '/':
    case '/sign-in':
      return <SignInPage />;
    case '/health':
      return <HealthPage />;
    default:
      return <NotFoundPage />;
  }
}

export function App() {
  const pathname = usePathname();
  const mainRef = useRef<HTMLElement>(null);
  const shownPath = useRef(pathname);

  // After moving to another page without a reload, start at the top with focus on its heading,
  // as a full page load would for screen reader and keyboard users.
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    window.scrollTo(0, 0);
    const heading = mainRef.current?.querySelector<HTMLElement>('h1');
    (heading ?? mainRef.current)?.focus();
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main-content">
        Skip to main content
      </a>
      <SiteHeader />
      <main ref={mainRef} id="main-content" className="main" tabIndex={-1}>
        <div className="container">{pageFor(pathname)}</div>
      </main>
      <SiteFooter pathname={pathname} />
    </>
  );
}

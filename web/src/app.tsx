/**
 * The app shell: header, the page for the current path and session, footer. Until the API has said
 * whether this browser is signed in, no page shows at all, so neither the sign-in page nor a signed-in
 * page flashes up wrongly; once the idle timeout passes, nothing but the paused screen shows.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { SessionView } from './api/session-view';
import { PausedScreen } from './components/paused-screen';
import { ShellMessage, type ShellMessageContent } from './components/shell-message';
import { SignedInHeader } from './components/signed-in-header';
import { SiteFooter } from './components/site-footer';
import { SiteHeader } from './components/site-header';
import { ForgottenPasswordPage } from './pages/forgotten-password-page';
import { HealthPage } from './pages/health-page';
import { HomePage } from './pages/home-page';
import { AdminArea } from './pages/admin/admin-area';
import { NotFoundPage } from './pages/not-found-page';
import { PupilsArea } from './pupils/pupils-area';
import { IncidentsArea } from './incidents/incidents-area';
import { SecurityLogPage } from './pages/security-log-page';
import { KeysPage } from './pages/keys-page';
import { ElevatePage } from './pages/elevate-page';
import { SetPasswordPage } from './pages/set-password-page';
import { SignInPage } from './pages/sign-in-page';
import { TrainingBanner } from './training/training-banner';
import { AutoAlertsPage } from './dashboard/auto-alerts-page';
import { navigate, usePathname } from './routing/router';
import { resolveRoute, type PageName } from './routing/routes';
import { pauseSession, startSessionCheck, useSession, type SessionState } from './session/session-store';
import { useIdleTimeout } from './session/use-idle-timeout';

function pageFor(page: PageName, session: SessionState): ReactNode {
  const view = session.status === 'signed-in' ? session.view : undefined;
  switch (page) {
    case 'sign-in':
      return session.status === 'signed-out' ? (
        <SignInPage
          reason={session.reason}
          idleTimeoutSeconds={session.idleTimeoutSeconds}
          problem={session.problem}
        />
      ) : (
        <SignInPage />
      );
    case 'home':
      return view && <HomePage view={view} />;
    case 'security-log':
      return view && <SecurityLogPage view={view} />;
    case 'keys':
      return view && <KeysPage view={view} />;
    case 'elevate':
      return view && <ElevatePage view={view} />;
    case 'alert-me':
      return view && <AutoAlertsPage />;
    case 'admin':
      return view && <AdminArea view={view} />;
    case 'pupils':
      return view && <PupilsArea view={view} />;
    case 'incidents':
      return view && <IncidentsArea view={view} />;
    case 'health':
      return <HealthPage />;
    case 'forgotten-password':
      return <ForgottenPasswordPage />;
    case 'set-password':
      return <SetPasswordPage />;
    case 'not-found':
      return <NotFoundPage signedIn={view !== undefined} />;
  }
}

/** Watches for inactivity only while someone is signed in. */
function IdleWatch({ view }: { view: SessionView }) {
  useIdleTimeout(view.idleTimeoutSeconds, pauseSession);
  return null;
}

export function App() {
  const pathname = usePathname();
  const session = useSession();
  const mainRef = useRef<HTMLElement>(null);
  const [message, setMessage] = useState<ShellMessageContent | undefined>();
  const view = session.status === 'signed-in' ? session.view : undefined;
  const route = resolveRoute(pathname, view !== undefined);
  // A new page, or the same address now signed in or out: each is a different screen to move focus to.
  const screen = `${session.status} ${route.page} ${pathname}`;
  const shownScreen = useRef(screen);

  useEffect(() => startSessionCheck(), []);

  // Only once the API has said whether this browser is signed in: until then every signed-in page
  // looks signed out, and a deep link (/admin/users/…) would be lost to the sign-in redirect.
  const checking = session.status === 'checking';
  useEffect(() => {
    if (route.redirectTo && !checking) navigate(route.redirectTo, { replace: true });
  }, [route.redirectTo, checking]);

  // A message about one page does not carry over to the next.
  useEffect(() => setMessage(undefined), [screen]);

  // After moving to another screen without a reload, start at the top with focus on its heading (or
  // on a notice that says why the screen changed), as a full page load would for screen reader and
  // keyboard users. The first screen after the session check is the page load itself: leave it be.
  useEffect(() => {
    const previous = shownScreen.current;
    if (previous === screen) return;
    shownScreen.current = screen;
    if (previous.startsWith('checking')) return;
    window.scrollTo(0, 0);
    const target =
      mainRef.current?.querySelector<HTMLElement>('[data-autofocus]') ??
      mainRef.current?.querySelector<HTMLElement>('h1');
    (target ?? mainRef.current)?.focus();
  }, [screen]);

  if (session.status === 'paused') return <PausedScreen idleTimeoutSeconds={session.idleTimeoutSeconds} />;

  return (
    <>
      <a className="skip-link" href="#main-content">
        Skip to main content
      </a>
      {view ? <SignedInHeader view={view} pathname={pathname} onMessage={setMessage} /> : <SiteHeader />}
      <TrainingBanner view={view} pathname={pathname} />
      <main
        ref={mainRef}
        id="main-content"
        className="main"
        tabIndex={-1}
        aria-busy={session.status === 'checking' ? true : undefined}
      >
        {view && <IdleWatch view={view} />}
        <div className="container">
          {view && <ShellMessage message={message} />}
          {session.status !== 'checking' && pageFor(route.page, session)}
        </div>
      </main>
      <SiteFooter pathname={pathname} />
    </>
  );
}

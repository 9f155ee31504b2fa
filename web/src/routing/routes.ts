/**
 * Which page each path shows, signed in or not. Pages that need a session send a signed-out visitor
 * to /sign-in; /sign-in sends someone already signed in home. /health and the pages for asking for and
 * using a link to set a password are open to everyone.
 */
export type PageName =
  | 'sign-in'
  | 'home'
  | 'security-log'
  | 'admin'
  | 'health'
  | 'forgotten-password'
  | 'set-password'
  | 'not-found'
  | 'keys'
  | 'elevate'
  | 'pupils'
  | 'incidents'
  | 'alert-me';

export interface Route {
  page: PageName;
  /** Where the address bar should say instead, when the path is not the page's own. */
  redirectTo?: string;
}

const OPEN_PAGES: Readonly<Record<string, PageName>> = {
  '/health': 'health',
  '/forgotten-password': 'forgotten-password',
  '/set-password': 'set-password',
};

const SIGNED_IN_PAGES: Readonly<Record<string, PageName>> = {
  '/': 'home',
  '/security-log': 'security-log',
  '/keys': 'keys',
  '/elevate': 'elevate',
  '/alert-me': 'alert-me',
};

/** Everything under /admin is one page; the admin area picks the screen (web/src/admin/admin-routes.ts). */
function isAdminPath(pathname: string): boolean {
  return pathname === '/admin' || pathname.startsWith('/admin/');
}

/** Everything under /pupils is one page; the pupils area picks the screen (web/src/pupils/pupil-paths.ts). */
function isPupilsPath(pathname: string): boolean {
  return pathname === '/pupils' || pathname.startsWith('/pupils/');
}

/** Everything under /incidents is one page; the incidents area picks the screen (web/src/incidents/incident-paths.ts). */
function isIncidentsPath(pathname: string): boolean {
  return pathname === '/incidents' || pathname.startsWith('/incidents/');
}

export function resolveRoute(pathname: string, signedIn: boolean): Route {
  const openPage = OPEN_PAGES[pathname];
  if (openPage) return { page: openPage };
  const signedInPage =
    SIGNED_IN_PAGES[pathname] ??
    (isAdminPath(pathname) ? 'admin' : undefined) ??
    (isPupilsPath(pathname) ? 'pupils' : undefined) ??
    (isIncidentsPath(pathname) ? 'incidents' : undefined);
  if (signedIn) {
    if (pathname === '/sign-in') return { page: 'home', redirectTo: '/' };
    return { page: signedInPage ?? 'not-found' };
  }
  if (pathname === '/' || pathname === '/sign-in') return { page: 'sign-in' };
  if (signedInPage) return { page: 'sign-in', redirectTo: '/sign-in' };
  return { page: 'not-found' };
}

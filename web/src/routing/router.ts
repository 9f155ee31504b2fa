/**
 * Client-side routing on the history API, without a router library. The server answers every
 * non-API path with index.html, so deep links such as /health load the app and land here.
 */
import { useSyncExternalStore } from 'react';

const NAVIGATE_EVENT = 'lantern:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

/** The path without a trailing slash ("/health/" and "/health" are the same page). */
export function normalisePath(pathname: string): string {
  const trimmed = pathname.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

function currentPath(): string {
  return normalisePath(window.location.pathname);
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

/** The query string ("?q=smith"), so a page whose filters live in the address follows Back and Forward. */
export function useLocationSearch(): string {
  return useSyncExternalStore(subscribe, () => window.location.search);
}

export interface NavigateOptions {
  /**
   * Replace the current history entry instead of adding one: for moves the person did not ask for
   * (signing in or out, a page that needs signing in), so Back does not return to a page that no
   * longer applies.
   */
  replace?: boolean;
}

/** Moves to another page of the app without reloading. */
export function navigate(to: string, options: NavigateOptions = {}): void {
  const target = new URL(to, window.location.href);
  if (target.href !== window.location.href) {
    if (options.replace) window.history.replaceState(null, '', target);
    else window.history.pushState(null, '', target);
  }
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

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

/** Moves to another page of the app without reloading. */
export function navigate(to: string): void {
  const target = new URL(to, window.location.href);
  if (target.href !== window.location.href) window.history.pushState(null, '', target);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

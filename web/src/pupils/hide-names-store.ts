/**
 * "Hide names" (seed 29.2): while on, every pupil name on screen is starred out, for working where
 * others can see the screen. It lasts for the browser tab's session (sessionStorage), so it survives
 * a reload but not a new tab or closing the browser.
 */
import { useSyncExternalStore } from 'react';

const STORAGE_KEY = 'lantern.hideNames';
const listeners = new Set<() => void>();

function stored(): boolean {
  try {
    return window.sessionStorage.getItem(STORAGE_KEY) === 'on';
  } catch {
    // Storage can be refused (privacy settings): names then show, and the toggle still works in memory.
    return false;
  }
}

let hidden = typeof window === 'undefined' ? false : stored();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setNamesHidden(next: boolean): void {
  hidden = next;
  try {
    if (next) window.sessionStorage.setItem(STORAGE_KEY, 'on');
    else window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // As above: the choice holds for this page even when it cannot be kept.
  }
  for (const listener of listeners) listener();
}

export function useNamesHidden(): boolean {
  return useSyncExternalStore(subscribe, () => hidden);
}

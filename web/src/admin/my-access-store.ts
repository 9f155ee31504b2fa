/**
 * What the signed-in person may do (GET /api/access/me), shared by the Admin menu entry and the admin
 * pages so it is asked once. It is asked again whenever the session changes in a way that changes the
 * answer: another person, another school, or elevating with a key.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { fetchMyAccess, type MyAccess } from '../api/my-access';
import type { Problem } from '../api/problem';
import type { SessionView } from '../api/session-view';

export type MyAccessState =
  { phase: 'loading' } | { phase: 'loaded'; access: MyAccess } | { phase: 'failed'; problem: Problem };

interface Entry {
  /** The session this answer belongs to (see sessionKey). */
  readonly key: string;
  readonly state: MyAccessState;
}

const LOADING: MyAccessState = { phase: 'loading' };
const unexpectedFailure: Problem = {
  title: 'Your access could not be checked',
  detail: 'Something went wrong while checking what you may do. Try again in a few minutes.',
};

let entry: Entry | undefined;
/** Counts requests, so only the answer to the latest one is kept. */
let latestRequest = 0;
const listeners = new Set<() => void>();

function setEntry(next: Entry | undefined): void {
  entry = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function sessionKey(view: SessionView): string {
  return `${view.person.personId} ${view.school.schoolId} ${view.elevated ? 'elevated' : 'not-elevated'}`;
}

/** Asks the API; with `keepShowing`, the current answer stays in use until the new one arrives. */
function load(key: string, keepShowing = false): void {
  latestRequest += 1;
  const request = latestRequest;
  if (!keepShowing) setEntry({ key, state: LOADING });
  fetchMyAccess().then(
    (result) => {
      // A newer session (or a refresh) has asked since: its answer is the one to keep.
      if (request !== latestRequest) return;
      setEntry({
        key,
        state: result.ok
          ? { phase: 'loaded', access: result.value }
          : { phase: 'failed', problem: result.problem },
      });
    },
    () => {
      if (request === latestRequest)
        setEntry({ key, state: { phase: 'failed', problem: unexpectedFailure } });
    },
  );
}

/**
 * Asks again for the current session, after a change that may alter the answer (its group, settings).
 * The page stays as it is meanwhile: only a changed answer changes what it offers.
 */
export function refreshMyAccess(): void {
  if (entry) load(entry.key, entry.state.phase === 'loaded');
}

/** The signed-in person's access in this session; loading until the API has answered for it. */
export function useMyAccess(view: SessionView | undefined): MyAccessState {
  const key = view ? sessionKey(view) : undefined;
  useEffect(() => {
    if (key !== undefined && entry?.key !== key) load(key);
  }, [key]);
  const current = useSyncExternalStore(subscribe, () => entry);
  return current && current.key === key ? current.state : LOADING;
}

/**
 * Who is signed in, kept in memory only: the SessionView (with its CSRF token) lives in this module
 * and in the API client, never in localStorage or sessionStorage, so closing the tab forgets it and
 * no other script on a later page load can read it. The HttpOnly cookie is what the server trusts.
 *
 * A small external store (like the router) rather than React context, so the API client can end the
 * session on a 401 from anywhere without threading callbacks through every page.
 */
import { useSyncExternalStore } from 'react';
import { checkSession, signOut } from '../api/auth';
import { setApiSession } from '../api/client';
import type { Problem } from '../api/problem';
import type { SessionView } from '../api/session-view';
import { navigate } from '../routing/router';

/** Why the sign-in page is showing, when it is not the first visit. */
export type SignedOutReason =
  'session-ended' | 'idle' | 'signed-out' | 'signed-out-everywhere' | 'password-set';

export type SessionState =
  /** Waiting for GET /api/auth/session, so neither the sign-in page nor a signed-in page flashes up. */
  | { status: 'checking' }
  | { status: 'signed-out'; reason?: SignedOutReason; idleTimeoutSeconds?: number; problem?: Problem }
  | { status: 'signed-in'; view: SessionView }
  /** The idle timeout passed: everything is hidden until the person chooses to sign in again. */
  | { status: 'paused'; idleTimeoutSeconds: number };

let state: SessionState = { status: 'checking' };
let checkStarted = false;
const listeners = new Set<() => void>();

function setState(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): SessionState {
  return useSyncExternalStore(subscribe, () => state);
}

function connectApi(view: SessionView): void {
  setApiSession({ csrfToken: view.csrfToken, onUnauthorised: sessionEnded });
}

/** Asks the API once, on load, whether this browser already has a session. */
export function startSessionCheck(): void {
  if (checkStarted) return;
  checkStarted = true;
  void checkSession().then((check) => {
    if (state.status !== 'checking') return;
    if (check.kind === 'signed-in') {
      connectApi(check.view);
      setState({ status: 'signed-in', view: check.view });
    } else {
      setState(
        check.kind === 'failed' ? { status: 'signed-out', problem: check.problem } : { status: 'signed-out' },
      );
    }
  });
}

/** After a successful sign-in: the new session, and the home page. */
export function sessionStarted(view: SessionView): void {
  connectApi(view);
  setState({ status: 'signed-in', view });
  navigate('/', { replace: true });
}

/** After switching school: the same session, now in another school. */
export function sessionUpdated(view: SessionView): void {
  if (state.status !== 'signed-in' || state.view.person.personId !== view.person.personId) return;
  connectApi(view);
  setState({ status: 'signed-in', view });
}

/** The session is over (signed out, or the server no longer knows it): back to the sign-in page. */
export function sessionClosed(reason: SignedOutReason): void {
  setApiSession(undefined);
  // A paused screen stays paused: it already hides everything and says what to do next.
  if (state.status === 'paused') return;
  setState({ status: 'signed-out', reason });
  navigate('/sign-in', { replace: true });
}

/**
 * A password was set from an emailed link. The server has ended every session of that person, so this
 * browser starts again from the sign-in page, which says the new password is ready.
 */
export function passwordSet(): void {
  setApiSession(undefined);
  setState({ status: 'signed-out', reason: 'password-set' });
  navigate('/sign-in', { replace: true });
}

/** Any request answered 401 while signed in: the server has ended the session (idle, expired, revoked). */
function sessionEnded(): void {
  sessionClosed('session-ended');
}

/**
 * The idle timeout passed (IAM-8). Everything on screen goes at once; then the server session is
 * ended too, so a shared computer left like this cannot be brought back by reloading the page.
 */
export function pauseSession(): void {
  if (state.status !== 'signed-in') return;
  const { idleTimeoutSeconds } = state.view;
  setState({ status: 'paused', idleTimeoutSeconds });
  navigate('/sign-in', { replace: true });
  // Best effort: if it fails the server ends the session at its own idle deadline anyway.
  void signOut()
    .catch(() => undefined)
    .finally(() => {
      // Unless the person has already signed in again, whose session must keep its token.
      if (state.status === 'paused' || state.status === 'signed-out') setApiSession(undefined);
    });
}

/** From the paused screen to the sign-in page. */
export function leavePausedScreen(): void {
  if (state.status !== 'paused') return;
  setApiSession(undefined);
  setState({ status: 'signed-out', reason: 'idle', idleTimeoutSeconds: state.idleTimeoutSeconds });
  navigate('/sign-in', { replace: true });
}

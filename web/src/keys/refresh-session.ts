/**
 * Asks the API for the session again after something that changes what it says (a first key added, the
 * last one removed, elevation ended) and hands it to the session store, so the header follows.
 */
import { checkSession } from '../api/auth';
import { sessionUpdated } from '../session/session-store';

export async function refreshSession(): Promise<void> {
  const check = await checkSession();
  if (check.kind === 'signed-in') sessionUpdated(check.view);
}

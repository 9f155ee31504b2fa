/** Sign-in, the current session, switching school and signing out, against the identity API. */
import { readJson } from './client';
import { problemFromResponse, type Problem } from './problem';
import { send } from './send';
import { parseSessionView, type SessionView } from './session-view';

export type SessionResult = { ok: true; view: SessionView } | { ok: false; problem: Problem };

/** What GET /api/auth/session tells a page that has just loaded. */
export type SessionCheck =
  { kind: 'signed-in'; view: SessionView } | { kind: 'signed-out' } | { kind: 'failed'; problem: Problem };

export type SignOutResult = { ok: true } | { ok: false; problem: Problem };

const unreadableSession: Problem = {
  title: 'Your session could not be read',
  detail: 'Lantern answered, but not with the details of your session. Try again in a few minutes.',
};

async function sessionFrom(response: Response): Promise<SessionResult> {
  if (!response.ok) return { ok: false, problem: await problemFromResponse(response) };
  const view = parseSessionView(await readJson(response));
  return view
    ? { ok: true, view }
    : { ok: false, problem: { ...unreadableSession, status: response.status } };
}

export async function signIn(email: string, password: string): Promise<SessionResult> {
  const sent = await send('/api/auth/sign-in', { method: 'POST', body: { email, password } });
  return 'problem' in sent ? { ok: false, problem: sent.problem } : sessionFrom(sent.response);
}

export async function checkSession(signal?: AbortSignal): Promise<SessionCheck> {
  const sent = await send('/api/auth/session', signal ? { signal } : {});
  if ('problem' in sent) return { kind: 'failed', problem: sent.problem };
  if (sent.response.status === 401) return { kind: 'signed-out' };
  const result = await sessionFrom(sent.response);
  return result.ok ? { kind: 'signed-in', view: result.view } : { kind: 'failed', problem: result.problem };
}

export async function switchSchool(schoolId: string): Promise<SessionResult> {
  const sent = await send('/api/auth/switch-school', { method: 'POST', body: { schoolId } });
  return 'problem' in sent ? { ok: false, problem: sent.problem } : sessionFrom(sent.response);
}

/** Ends this session, or with `everywhere` every session of this person on every device. */
export async function signOut(everywhere = false): Promise<SignOutResult> {
  const path = everywhere ? '/api/auth/sign-out-everywhere' : '/api/auth/sign-out';
  const sent = await send(path, { method: 'POST', endsSessionOn401: false });
  if ('problem' in sent) return { ok: false, problem: sent.problem };
  // A 401 means the session had already ended on the server: signed out either way.
  if (sent.response.ok || sent.response.status === 401) return { ok: true };
  return { ok: false, problem: await problemFromResponse(sent.response) };
}

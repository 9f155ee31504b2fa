/** Asking for an emailed link to set a password, and setting the password with that link's token. */
import { readJson } from './client';
import { problemFromResponse, type Problem } from './problem';
import { send } from './send';

export type PasswordLinkResult = { ok: true; message: string } | { ok: false; problem: Problem };

export type SetPasswordResult = { ok: true } | { ok: false; problem: Problem };

/** Shown if the API accepts the request but its answer carries no message. */
const FALLBACK_MESSAGE =
  'If that email belongs to a Lantern account, a link to set the password is on its way.';

function messageOf(body: unknown): string {
  if (typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string') {
    return body.message.trim() || FALLBACK_MESSAGE;
  }
  return FALLBACK_MESSAGE;
}

export async function requestPasswordLink(email: string): Promise<PasswordLinkResult> {
  const sent = await send('/api/auth/password-link', { method: 'POST', body: { email } });
  if ('problem' in sent) return { ok: false, problem: sent.problem };
  if (!sent.response.ok) return { ok: false, problem: await problemFromResponse(sent.response) };
  return { ok: true, message: messageOf(await readJson(sent.response)) };
}

export async function setPassword(token: string, password: string): Promise<SetPasswordResult> {
  const sent = await send('/api/auth/password', { method: 'POST', body: { token, password } });
  if ('problem' in sent) return { ok: false, problem: sent.problem };
  if (!sent.response.ok) return { ok: false, problem: await problemFromResponse(sent.response) };
  return { ok: true };
}

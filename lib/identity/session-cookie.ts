/**
 * The session cookie: HttpOnly (no script can read it), Secure, SameSite=Strict (never sent on a
 * request another site starts), scoped to /api, and without Max-Age so it ends with the browser,
 * which matters on shared school computers. The server enforces idle and absolute timeouts.
 */
export const SESSION_COOKIE = 'lantern_session';

export function sessionCookie(sessionId: string): string {
  return `${SESSION_COOKIE}=${sessionId}; Path=/api; HttpOnly; Secure; SameSite=Strict`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/api; HttpOnly; Secure; SameSite=Strict; Max-Age=0`;
}

export function readSessionCookie(cookieHeader: string | undefined): string | undefined {
  for (const pair of (cookieHeader ?? '').split(';')) {
    const [name, ...value] = pair.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}

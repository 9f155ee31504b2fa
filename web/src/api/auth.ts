/** Sign-in against the identity API. */
import { apiRequest, NetworkError } from './client';
import { networkProblem, problemFromResponse, type Problem } from './problem';

export type SignInResult = { ok: true } | { ok: false; problem: Problem };

export async function signIn(email: string, password: string): Promise<SignInResult> {
  let response: Response;
  try {
    response = await apiRequest('/api/auth/sign-in', { method: 'POST', body: { email, password } });
  } catch (error) {
    if (error instanceof NetworkError) return { ok: false, problem: networkProblem() };
    throw error;
  }
  if (response.ok) return { ok: true };
  return { ok: false, problem: await problemFromResponse(response) };
}

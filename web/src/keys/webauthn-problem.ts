/**
 * What went wrong when the browser was asked to use a security key or passkey, as a Problem. The
 * browser's own messages are technical and vary; these say what the person can do.
 */
import type { Problem } from '../api/problem';

function errorName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  // @simplewebauthn/browser's WebAuthnError keeps the DOMException's name in `cause`.
  const cause = 'cause' in error ? error.cause : undefined;
  if (cause instanceof Error) return cause.name;
  return error instanceof Error ? error.name : undefined;
}

export function webAuthnProblem(error: unknown, purpose: 'add' | 'elevate'): Problem {
  switch (errorName(error)) {
    case 'NotAllowedError':
    case 'AbortError':
      return {
        title: 'The security key or passkey was not used',
        detail:
          purpose === 'add'
            ? 'It was cancelled, or took too long. Try again when your key is ready.'
            : 'It was cancelled, or took too long. Try again, or use a code from your authenticator app.',
      };
    case 'InvalidStateError':
      return {
        title: 'This key is already one of yours',
        detail: 'That security key or passkey is already on your list of keys. Use another one.',
      };
    case 'SecurityError':
      return {
        title: 'This browser refused to use a key here',
        detail: 'Keys only work on Lantern’s own address. Check the address bar and try again.',
      };
    default:
      return {
        title: 'The security key or passkey did not work',
        detail: 'Your browser could not use it. Try again, or try another browser or key.',
      };
  }
}

// Unguessable bearer tokens (session ids, password-reset and CSRF tokens): only their hash is stored,
// so a leaked table cannot be replayed as live credentials.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN_BYTES = 32;
// A readable type prefix ending in "_" (e.g. "ls_", "csrf_") lets logs, support staff and secret
// scanners tell token kinds apart, and keeps "prefix + base64url" splittable at a glance.
const PREFIX_PATTERN = /^[a-z][a-z0-9_]*_$/;

/** `prefix` followed by 32 random bytes in base64url (43 characters, no padding). */
export function newOpaqueToken(prefix: string): string {
  if (!PREFIX_PATTERN.test(prefix)) {
    throw new Error(`Token prefix must be lower-case letters, digits or "_", ending in "_": ${prefix}`);
  }
  return `${prefix}${randomBytes(TOKEN_BYTES).toString('base64url')}`;
}

/**
 * SHA-256 (hex) of a token, the form it is stored and looked up in. No salt or slow hash is needed:
 * the token carries 256 bits of randomness, so there is nothing to brute-force.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Compares two secrets (e.g. a submitted CSRF token with the session's) in time independent of where
 * they differ. Both sides are hashed first, so strings of different lengths compare without throwing
 * and without revealing the expected length.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const digestA = createHash('sha256').update(a, 'utf8').digest();
  const digestB = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(digestA, digestB);
}

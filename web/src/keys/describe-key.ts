/** How a key's kind is named to the person. */
import type { KeyType } from '../api/keys';

export const KEY_TYPE_NAMES: Readonly<Record<KeyType, string>> = {
  totp: 'Authenticator app',
  webauthn: 'Security key or passkey',
};

/** The base32 secret in groups of four, as authenticator apps show it, so it is easier to type. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

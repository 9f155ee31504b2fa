/**
 * Second-factor keys: what is stored for each kind, and what the person is shown of them. A key
 * belongs to the Person, so it works in every school they are a member of.
 */
import { z } from 'zod';

export const KEY_TYPES = ['totp', 'webauthn'] as const;
export type KeyType = (typeof KEY_TYPES)[number];

/** A name the person gives the key so they can tell their keys apart ("Work phone", "Blue YubiKey"). */
export const KeyLabelSchema = z.string().trim().min(1, 'enter a name for the key').max(60);

const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be base64url');

const KeyCommonSchema = z.object({
  keyId: z.string().uuid(),
  personId: z.string().uuid(),
  label: KeyLabelSchema,
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().optional(),
});

export const TotpKeySchema = KeyCommonSchema.extend({
  type: z.literal('totp'),
  /** The base32 secret, encrypted with KMS under an encryption context naming this person (base64). */
  encryptedSecret: z.string().min(1),
  /** The time step of the last accepted code: that code and every earlier one are refused. */
  lastUsedStep: z.number().int().min(0),
});

export const WebAuthnKeySchema = KeyCommonSchema.extend({
  type: z.literal('webauthn'),
  /** The credential id the authenticator chose (base64url), unique to this credential. */
  credentialId: base64url,
  /** COSE public key (base64url). Public: storing it in the clear is the point of WebAuthn. */
  publicKey: base64url,
  /** The authenticator's signature counter; a value that does not rise suggests a cloned key. */
  counter: z.number().int().min(0),
  transports: z.array(z.string().max(32)).max(10),
});

export const KeyCredentialSchema = z.discriminatedUnion('type', [TotpKeySchema, WebAuthnKeySchema]);

export type TotpKey = z.infer<typeof TotpKeySchema>;
export type WebAuthnKey = z.infer<typeof WebAuthnKeySchema>;
export type KeyCredential = z.infer<typeof KeyCredentialSchema>;

/** What the person (and the API) may see of a key: never its secret or credential material. */
export const KeyViewSchema = z
  .object({
    keyId: z.string().uuid(),
    type: z.enum(KEY_TYPES),
    label: z.string(),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().optional(),
  })
  .meta({ id: 'SecondFactorKey' });

export type KeyView = z.infer<typeof KeyViewSchema>;

export function keyView(key: KeyCredential): KeyView {
  return {
    keyId: key.keyId,
    type: key.type,
    label: key.label,
    createdAt: key.createdAt,
    ...(key.lastUsedAt ? { lastUsedAt: key.lastUsedAt } : {}),
  };
}

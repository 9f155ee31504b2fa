/**
 * The JSON forms of WebAuthn's options and responses (WebAuthn Level 3 "…JSON" dictionaries, as
 * @simplewebauthn/browser sends and expects them), as zod schemas: they validate requests, shape
 * answers (fields not listed here are dropped) and describe both in the OpenAPI document.
 */
import { z } from 'zod';

const base64url = z
  .string()
  .min(1)
  .max(8192)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be base64url');

const transports = z.array(z.string().max(32)).max(10);

const CredentialDescriptorSchema = z.object({
  id: base64url,
  // Always 'public-key' today; the WebAuthn JSON types leave it open for future credential types.
  type: z.string(),
  transports: transports.optional(),
});

const UserVerificationSchema = z.enum(['required', 'preferred', 'discouraged']);

export const RegistrationOptionsSchema = z
  .object({
    rp: z.object({ name: z.string(), id: z.string().optional() }),
    user: z.object({ id: base64url, name: z.string(), displayName: z.string() }),
    challenge: base64url,
    pubKeyCredParams: z.array(z.object({ alg: z.number().int(), type: z.literal('public-key') })),
    timeout: z.number().int().optional(),
    excludeCredentials: z.array(CredentialDescriptorSchema).optional(),
    authenticatorSelection: z
      .object({
        authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
        requireResidentKey: z.boolean().optional(),
        residentKey: z.enum(['discouraged', 'preferred', 'required']).optional(),
        userVerification: UserVerificationSchema.optional(),
      })
      .optional(),
    hints: z.array(z.string()).optional(),
    attestation: z.enum(['none', 'indirect', 'direct', 'enterprise']).optional(),
    extensions: z.object({ credProps: z.boolean().optional() }).optional(),
  })
  .meta({ id: 'WebAuthnRegistrationOptions' });

export const AuthenticationOptionsSchema = z
  .object({
    challenge: base64url,
    timeout: z.number().int().optional(),
    rpId: z.string().optional(),
    allowCredentials: z.array(CredentialDescriptorSchema).optional(),
    userVerification: UserVerificationSchema.optional(),
    hints: z.array(z.string()).optional(),
  })
  .meta({ id: 'WebAuthnAuthenticationOptions' });

/** Only the extension output Lantern might read; any other is dropped. */
const ClientExtensionResultsSchema = z.object({
  credProps: z.object({ rk: z.boolean().optional() }).optional(),
});

export const RegistrationResponseSchema = z
  .object({
    id: base64url,
    rawId: base64url,
    response: z.object({
      clientDataJSON: base64url,
      attestationObject: base64url,
      authenticatorData: base64url.optional(),
      transports: transports.optional(),
      publicKeyAlgorithm: z.number().int().optional(),
      publicKey: base64url.optional(),
    }),
    authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
    clientExtensionResults: ClientExtensionResultsSchema,
    type: z.literal('public-key'),
  })
  .meta({ id: 'WebAuthnRegistrationResponse' });

export const AuthenticationResponseSchema = z
  .object({
    id: base64url,
    rawId: base64url,
    response: z.object({
      clientDataJSON: base64url,
      authenticatorData: base64url,
      signature: base64url,
      userHandle: base64url.optional(),
    }),
    authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
    clientExtensionResults: ClientExtensionResultsSchema,
    type: z.literal('public-key'),
  })
  .meta({ id: 'WebAuthnAuthenticationResponse' });

export type RegistrationOptions = z.infer<typeof RegistrationOptionsSchema>;
export type AuthenticationOptions = z.infer<typeof AuthenticationOptionsSchema>;
export type RegistrationResponse = z.infer<typeof RegistrationResponseSchema>;
export type AuthenticationResponse = z.infer<typeof AuthenticationResponseSchema>;

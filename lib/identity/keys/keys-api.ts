/** Second-factor key endpoints: your keys, registering an authenticator app or a security key, elevating. */
import { z } from 'zod';
import { defineEndpoint } from '../../platform/http/endpoint';
import { SessionViewSchema } from '../auth-api';
import { KeyLabelSchema, KeyViewSchema } from './second-factor-key';
import {
  AuthenticationOptionsSchema,
  AuthenticationResponseSchema,
  RegistrationOptionsSchema,
  RegistrationResponseSchema,
} from './webauthn-json';

const staff = { kind: 'staff' } as const;
const tags = ['Keys'];

/** Six digits, optionally split in two as many apps show them ("123 456"). */
const TotpCodeSchema = z
  .string()
  .regex(/^\s*\d{3}\s?\d{3}\s*$/, 'enter the 6-digit code from your authenticator app');

export const listMyKeys = defineEndpoint({
  operationId: 'listMyKeys',
  method: 'GET',
  path: '/api/auth/keys',
  summary: 'Your second-factor keys (authenticator apps, security keys, passkeys); never their secrets',
  tags,
  access: staff,
  successStatus: 200,
  response: z.object({ items: z.array(KeyViewSchema) }).meta({ id: 'SecondFactorKeyList' }),
});

export const removeMyKey = defineEndpoint({
  operationId: 'removeMyKey',
  method: 'DELETE',
  path: '/api/auth/keys/{keyId}',
  summary: 'Remove one of your keys (needs an elevated session); removing the last one ends the elevation',
  tags,
  access: staff,
  params: z.object({ keyId: z.string().uuid() }),
  successStatus: 204,
  response: z.undefined(),
});

export const startTotpRegistration = defineEndpoint({
  operationId: 'startTotpRegistration',
  method: 'POST',
  path: '/api/auth/keys/totp',
  summary:
    'Start adding an authenticator app: a new secret to scan or type in, valid for 10 minutes ' +
    '(needs an elevated session if you already have a key)',
  tags,
  access: staff,
  successStatus: 201,
  response: z
    .object({
      registrationId: z.string().uuid(),
      /** base32, for typing into an app that cannot scan the QR code. */
      secret: z.string(),
      otpauthUri: z.string(),
      expiresAt: z.iso.datetime(),
    })
    .meta({ id: 'TotpRegistration' }),
});

export const confirmTotpRegistration = defineEndpoint({
  operationId: 'confirmTotpRegistration',
  method: 'POST',
  path: '/api/auth/keys/totp/confirm',
  summary: 'Finish adding an authenticator app with a code it shows, and name it',
  tags,
  access: staff,
  body: z
    .object({ registrationId: z.string().uuid(), code: TotpCodeSchema, label: KeyLabelSchema })
    .strict()
    .meta({ id: 'TotpRegistrationConfirmation' }),
  successStatus: 201,
  response: KeyViewSchema,
});

export const startWebAuthnRegistration = defineEndpoint({
  operationId: 'startWebAuthnRegistration',
  method: 'POST',
  path: '/api/auth/keys/webauthn/options',
  summary:
    'Start adding a security key or passkey: options for navigator.credentials.create() ' +
    '(needs an elevated session if you already have a key)',
  tags,
  access: staff,
  successStatus: 200,
  response: RegistrationOptionsSchema,
});

export const confirmWebAuthnRegistration = defineEndpoint({
  operationId: 'confirmWebAuthnRegistration',
  method: 'POST',
  path: '/api/auth/keys/webauthn/confirm',
  summary: "Finish adding a security key or passkey with the browser's response, and name it",
  tags,
  access: staff,
  body: z
    .object({ response: RegistrationResponseSchema, label: KeyLabelSchema })
    .strict()
    .meta({ id: 'WebAuthnRegistrationConfirmation' }),
  successStatus: 201,
  response: KeyViewSchema,
});

export const startWebAuthnElevation = defineEndpoint({
  operationId: 'startWebAuthnElevation',
  method: 'POST',
  path: '/api/auth/elevate/options',
  summary: 'A challenge for elevating this session with a security key or passkey',
  tags,
  access: staff,
  successStatus: 200,
  response: AuthenticationOptionsSchema,
  otherProblemStatuses: [409],
});

export const ElevateInputSchema = z
  .discriminatedUnion('method', [
    z.object({ method: z.literal('totp'), code: TotpCodeSchema }).strict(),
    z.object({ method: z.literal('webauthn'), response: AuthenticationResponseSchema }).strict(),
  ])
  .meta({ id: 'ElevateInput' });

export const elevate = defineEndpoint({
  operationId: 'elevate',
  method: 'POST',
  path: '/api/auth/elevate',
  summary: 'Elevate your access in this session with a code from your authenticator app or your security key',
  tags,
  access: staff,
  body: ElevateInputSchema,
  successStatus: 200,
  response: SessionViewSchema,
  otherProblemStatuses: [429],
});

export const KEY_ENDPOINTS = [
  listMyKeys,
  removeMyKey,
  startTotpRegistration,
  confirmTotpRegistration,
  startWebAuthnRegistration,
  confirmWebAuthnRegistration,
  startWebAuthnElevation,
  elevate,
] as const;

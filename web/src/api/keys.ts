/**
 * Second-factor keys and elevation, against lib/identity/keys/keys-api.ts: your keys, adding an
 * authenticator app or a security key / passkey, and "Elevate your access". WebAuthn options are
 * checked for the fields the browser needs before they are handed to @simplewebauthn/browser.
 */
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import { readJson } from './client';
import { isNonEmptyString, isRecord } from './json-shapes';
import { problemFromResponse, type Problem } from './problem';
import { send } from './send';
import { parseSessionView, type SessionView } from './session-view';

export type KeyType = 'totp' | 'webauthn';

export interface KeySummary {
  keyId: string;
  type: KeyType;
  label: string;
  createdAt: string;
  lastUsedAt?: string;
}

export interface TotpRegistration {
  registrationId: string;
  /** base32, to type into an app that cannot scan the QR code. */
  secret: string;
  otpauthUri: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; problem: Problem };

function unreadable(what: string, status: number): Problem {
  return {
    title: `${what} could not be read`,
    detail: `Lantern answered, but not with ${what.toLowerCase()}. Try again in a few minutes.`,
    status,
  };
}

/** Sends a request and reads a successful answer with `parse`; every failure becomes a Problem. */
async function request<T>(
  path: `/api/${string}`,
  init: Parameters<typeof send>[1],
  what: string,
  parse: (body: unknown) => T | undefined,
): Promise<Result<T>> {
  const sent = await send(path, init);
  if ('problem' in sent) return { ok: false, problem: sent.problem };
  const { response } = sent;
  if (!response.ok) return { ok: false, problem: await problemFromResponse(response) };
  const value = parse(response.status === 204 ? undefined : await readJson(response));
  return value === undefined
    ? { ok: false, problem: unreadable(what, response.status) }
    : { ok: true, value };
}

function parseKey(value: unknown): KeySummary | undefined {
  if (!isRecord(value)) return undefined;
  const { keyId, type, label, createdAt, lastUsedAt } = value;
  if (!isNonEmptyString(keyId) || (type !== 'totp' && type !== 'webauthn')) return undefined;
  if (typeof label !== 'string' || !isNonEmptyString(createdAt)) return undefined;
  const key: KeySummary = { keyId, type, label, createdAt };
  if (isNonEmptyString(lastUsedAt)) key.lastUsedAt = lastUsedAt;
  return key;
}

function parseKeyList(body: unknown): KeySummary[] | undefined {
  if (!isRecord(body) || !Array.isArray(body.items)) return undefined;
  const keys = body.items.map(parseKey);
  return keys.some((key) => key === undefined) ? undefined : (keys as KeySummary[]);
}

function parseTotpRegistration(body: unknown): TotpRegistration | undefined {
  if (!isRecord(body)) return undefined;
  const { registrationId, secret, otpauthUri } = body;
  if (!isNonEmptyString(registrationId) || !isNonEmptyString(secret)) return undefined;
  return isNonEmptyString(otpauthUri) && otpauthUri.startsWith('otpauth://totp/')
    ? { registrationId, secret, otpauthUri }
    : undefined;
}

function parseCreationOptions(body: unknown): PublicKeyCredentialCreationOptionsJSON | undefined {
  if (!isRecord(body) || !isNonEmptyString(body.challenge)) return undefined;
  if (!isRecord(body.rp) || !isRecord(body.user) || !Array.isArray(body.pubKeyCredParams)) return undefined;
  // The shape is the server library's own output, checked above for what the browser cannot do without.
  return body as unknown as PublicKeyCredentialCreationOptionsJSON;
}

function parseRequestOptions(body: unknown): PublicKeyCredentialRequestOptionsJSON | undefined {
  if (!isRecord(body) || !isNonEmptyString(body.challenge)) return undefined;
  if (body.allowCredentials !== undefined && !Array.isArray(body.allowCredentials)) return undefined;
  // As above: the server library's output, with the challenge checked.
  return body as unknown as PublicKeyCredentialRequestOptionsJSON;
}

const nothing = (): true => true;

export function listKeys(): Promise<Result<KeySummary[]>> {
  return request('/api/auth/keys', {}, 'Your keys', parseKeyList);
}

export function removeKey(keyId: string): Promise<Result<true>> {
  return request(`/api/auth/keys/${encodeURIComponent(keyId)}`, { method: 'DELETE' }, 'The answer', nothing);
}

export function startTotpRegistration(): Promise<Result<TotpRegistration>> {
  return request('/api/auth/keys/totp', { method: 'POST' }, 'The new key', parseTotpRegistration);
}

export function confirmTotpRegistration(input: {
  registrationId: string;
  code: string;
  label: string;
}): Promise<Result<KeySummary>> {
  return request('/api/auth/keys/totp/confirm', { method: 'POST', body: input }, 'The new key', parseKey);
}

export function startWebAuthnRegistration(): Promise<Result<PublicKeyCredentialCreationOptionsJSON>> {
  return request(
    '/api/auth/keys/webauthn/options',
    { method: 'POST' },
    'The security key request',
    parseCreationOptions,
  );
}

export function confirmWebAuthnRegistration(input: {
  response: RegistrationResponseJSON;
  label: string;
}): Promise<Result<KeySummary>> {
  return request('/api/auth/keys/webauthn/confirm', { method: 'POST', body: input }, 'The new key', parseKey);
}

export function startWebAuthnElevation(): Promise<Result<PublicKeyCredentialRequestOptionsJSON>> {
  return request(
    '/api/auth/elevate/options',
    { method: 'POST' },
    'The security key request',
    parseRequestOptions,
  );
}

export function elevateWithCode(code: string): Promise<Result<SessionView>> {
  return request(
    '/api/auth/elevate',
    { method: 'POST', body: { method: 'totp', code } },
    'Your session',
    parseSessionView,
  );
}

export function elevateWithKey(response: AuthenticationResponseJSON): Promise<Result<SessionView>> {
  return request(
    '/api/auth/elevate',
    { method: 'POST', body: { method: 'webauthn', response } },
    'Your session',
    parseSessionView,
  );
}

/**
 * Admin > MIS connection against /api/admin/mis/connectors (lib/mis/connector-api.ts): the school's
 * connector credentials, and the secret of a new or rotated one, which this one answer carries.
 */
import { getParsed, sendParsed, sendWithoutAnswer, type ApiResult } from './api-result';
import { itemsOf, optionalString } from './json-readers';
import { isNonEmptyString, isRecord } from './json-shapes';

export interface ConnectorCredential {
  credentialId: string;
  label: string;
  createdAt: string;
  createdByName: string;
  rotatedAt?: string;
  lastUsedAt?: string;
}

export interface IssuedConnectorCredential {
  credential: ConnectorCredential;
  secret: string;
  schoolId: string;
  pushPath: string;
}

const BASE = '/api/admin/mis/connectors';

function parseCredential(value: unknown): ConnectorCredential | undefined {
  if (!isRecord(value)) return undefined;
  const { credentialId, label, createdAt, createdByName } = value;
  if (!isNonEmptyString(credentialId) || typeof label !== 'string' || !isNonEmptyString(createdAt)) {
    return undefined;
  }
  if (typeof createdByName !== 'string') return undefined;
  const rotatedAt = optionalString(value.rotatedAt);
  const lastUsedAt = optionalString(value.lastUsedAt);
  return {
    credentialId,
    label,
    createdAt,
    createdByName,
    ...(rotatedAt ? { rotatedAt } : {}),
    ...(lastUsedAt ? { lastUsedAt } : {}),
  };
}

function parseIssued(value: unknown): IssuedConnectorCredential | undefined {
  if (!isRecord(value)) return undefined;
  const credential = parseCredential(value.credential);
  const { secret, schoolId, pushPath } = value;
  if (
    !credential ||
    !isNonEmptyString(secret) ||
    !isNonEmptyString(schoolId) ||
    !isNonEmptyString(pushPath)
  ) {
    return undefined;
  }
  return { credential, secret, schoolId, pushPath };
}

export function listConnectorCredentials(signal?: AbortSignal): Promise<ApiResult<ConnectorCredential[]>> {
  return getParsed(BASE, (body) => itemsOf(body, parseCredential), 'list of connector credentials', signal);
}

export function createConnectorCredential(label: string): Promise<ApiResult<IssuedConnectorCredential>> {
  return sendParsed(BASE, 'POST', { label }, parseIssued, 'new connector credential');
}

export function rotateConnectorCredential(
  credentialId: string,
): Promise<ApiResult<IssuedConnectorCredential>> {
  return sendParsed(
    `${BASE}/${encodeURIComponent(credentialId)}/rotate`,
    'POST',
    undefined,
    parseIssued,
    'new connector secret',
  );
}

export function revokeConnectorCredential(credentialId: string): Promise<ApiResult<true>> {
  return sendWithoutAnswer(`${BASE}/${encodeURIComponent(credentialId)}`, 'DELETE');
}

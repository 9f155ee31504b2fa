/**
 * Admin > MIS connection: the school's MIS connector credentials (MIS-1). Listing, creating, rotating
 * and revoking all need `admin.imports` (so an elevated session). A created or rotated secret is in
 * that one response only.
 */
import { z } from 'zod';
import { defineEndpoint } from '../platform/http/endpoint';
import {
  ConnectorCredentialIdParams,
  ConnectorCredentialViewSchema,
  IssuedConnectorCredentialSchema,
  NewConnectorCredentialSchema,
} from './connector-credential';

const imports = { kind: 'staff', permission: 'admin.imports' } as const;
const tags = ['Admin', 'MIS'];

export const listConnectorCredentials = defineEndpoint({
  operationId: 'listConnectorCredentials',
  method: 'GET',
  path: '/api/admin/mis/connectors',
  summary: "The school's MIS connector credentials, oldest first (never their secrets)",
  tags,
  access: imports,
  successStatus: 200,
  response: z
    .object({ items: z.array(ConnectorCredentialViewSchema) })
    .meta({ id: 'ConnectorCredentialList' }),
});

export const createConnectorCredential = defineEndpoint({
  operationId: 'createConnectorCredential',
  method: 'POST',
  path: '/api/admin/mis/connectors',
  summary: 'Create a connector credential; its secret is shown in this response only',
  tags,
  access: imports,
  body: NewConnectorCredentialSchema,
  successStatus: 201,
  response: IssuedConnectorCredentialSchema,
  otherProblemStatuses: [409],
});

export const rotateConnectorCredential = defineEndpoint({
  operationId: 'rotateConnectorCredential',
  method: 'POST',
  path: '/api/admin/mis/connectors/{credentialId}/rotate',
  summary: 'Replace a credential’s secret (the old one stops working at once); shown in this response only',
  tags,
  access: imports,
  params: ConnectorCredentialIdParams,
  successStatus: 200,
  response: IssuedConnectorCredentialSchema,
});

export const revokeConnectorCredential = defineEndpoint({
  operationId: 'revokeConnectorCredential',
  method: 'DELETE',
  path: '/api/admin/mis/connectors/{credentialId}',
  summary: 'Revoke a credential: the next push with its secret is refused',
  tags,
  access: imports,
  params: ConnectorCredentialIdParams,
  successStatus: 204,
  response: z.undefined(),
});

export const CONNECTOR_ENDPOINTS = [
  listConnectorCredentials,
  createConnectorCredential,
  rotateConnectorCredential,
  revokeConnectorCredential,
] as const;

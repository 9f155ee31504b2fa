/** Admin > MIS connection (lib/mis/connector-api.ts), bound for the admin area. */
import { adminProblems } from '../../lib/admin/admin-problems';
import { auditActorOf } from '../../lib/audit/audit-actor';
import {
  createConnectorCredential,
  listConnectorCredentials,
  revokeConnectorCredential,
  rotateConnectorCredential,
} from '../../lib/mis/connector-api';
import type { ConnectorCredentialService } from '../../lib/mis/connector-credential-service';
import { staffPrincipal } from '../../lib/platform/http/access';
import {
  implement,
  type BoundEndpoint,
  type EndpointContract,
  type ValidatedRequest,
} from '../../lib/platform/http/endpoint';

/** The acting admin and their school, from the session only: another school's credential is not found. */
function actor<C extends EndpointContract>(request: ValidatedRequest<C>) {
  return auditActorOf(staffPrincipal(request.principal), request);
}

export function connectorEndpoints(service: ConnectorCredentialService): BoundEndpoint[] {
  return adminProblems([
    implement(listConnectorCredentials, async (request) => ({
      body: { items: await service.list(staffPrincipal(request.principal).schoolId) },
    })),
    implement(createConnectorCredential, async (request) => ({
      body: await service.create(actor(request), request.body.label),
    })),
    implement(rotateConnectorCredential, async (request) => ({
      body: await service.rotate(actor(request), request.params.credentialId),
    })),
    implement(revokeConnectorCredential, async (request) => {
      await service.revoke(actor(request), request.params.credentialId);
      return { body: undefined };
    }),
  ]);
}

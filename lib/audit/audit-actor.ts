/** The audit actor of an authenticated staff or MIS connector request, or of the MIS import itself. */
import type { ConnectorPrincipal, StaffPrincipal } from '../platform/http/endpoint';
import type { AuditActor } from './audit-event';

export function auditActorOf(
  principal: StaffPrincipal,
  request: { readonly sourceIp: string; readonly userAgent: string; readonly requestId: string },
): AuditActor {
  return {
    schoolId: principal.schoolId,
    personId: principal.personId,
    actorName: principal.displayName,
    sourceIp: request.sourceIp,
    userAgent: request.userAgent,
    requestId: request.requestId,
  };
}

/**
 * The audit actor of an MIS connector's request: `connector:<credentialId>`, named by its label, so a
 * push is audited at school level and its trail is one GSI2 Query like a person's.
 */
export function auditActorOfConnector(
  principal: ConnectorPrincipal,
  request: { readonly sourceIp: string; readonly userAgent: string; readonly requestId: string },
): AuditActor {
  return {
    schoolId: principal.schoolId,
    personId: `connector:${principal.credentialId}`,
    actorName: `MIS connector "${principal.label}"`,
    sourceIp: request.sourceIp,
    userAgent: request.userAgent,
    requestId: request.requestId,
  };
}

/**
 * The audit actor of the MIS import acting by itself (the nightly schedule or a run an admin started):
 * `system:mis-import`, so what it changed is one GSI2 Query like a person's trail, and no person is
 * named who did not act.
 */
export function misImportActor(schoolId: string, requestId: string): AuditActor {
  return {
    schoolId,
    personId: 'system:mis-import',
    actorName: 'MIS import',
    sourceIp: 'MIS import',
    userAgent: 'Lantern MIS import',
    requestId,
  };
}

/** The audit actor of an authenticated staff request. */
import type { StaffPrincipal } from '../platform/http/endpoint';
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

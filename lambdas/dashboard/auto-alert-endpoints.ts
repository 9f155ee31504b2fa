/**
 * The caller's own automatic alert rules (lib/alerts/auto-alerts-api.ts), bound for the dashboard area.
 * Refusals become problem+json through the admin mapping (404, 400 naming the field).
 */
import { adminProblems } from '../../lib/admin/admin-problems';
import type { AutoAlertService } from '../../lib/alerts/auto-alert-service';
import { addMyAutoAlert, listMyAutoAlerts, removeMyAutoAlert } from '../../lib/alerts/auto-alerts-api';
import { auditActorOf } from '../../lib/audit/audit-actor';
import { staffPrincipal } from '../../lib/platform/http/access';
import {
  implement,
  type BoundEndpoint,
  type EndpointContract,
  type ValidatedRequest,
} from '../../lib/platform/http/endpoint';

function actor<C extends EndpointContract>(request: ValidatedRequest<C>) {
  return auditActorOf(staffPrincipal(request.principal), request);
}

export function ownAutoAlertEndpoints(service: AutoAlertService): BoundEndpoint[] {
  return adminProblems([
    implement(listMyAutoAlerts, async (request) => {
      const who = actor(request);
      return { body: { items: await service.list(who.schoolId, who.personId) } };
    }),
    implement(addMyAutoAlert, async (request) => {
      const who = actor(request);
      const added = await service.add(who, who.personId, request.body.target);
      return { status: added.created ? 201 : 200, body: added.rule };
    }),
    implement(removeMyAutoAlert, async (request) => {
      const who = actor(request);
      await service.remove(who, who.personId, request.params.ruleId);
      return { body: undefined };
    }),
  ]);
}

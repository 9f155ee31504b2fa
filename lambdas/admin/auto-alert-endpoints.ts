/**
 * An admin's view of anyone's automatic alert rules and clearing a user's dashboard alerts between
 * dates (lib/alerts/auto-alerts-api.ts), bound for the admin area.
 */
import { adminProblems } from '../../lib/admin/admin-problems';
import type { AutoAlertService } from '../../lib/alerts/auto-alert-service';
import {
  addUserAutoAlert,
  clearUserAlerts,
  listUserAutoAlerts,
  removeUserAutoAlert,
} from '../../lib/alerts/auto-alerts-api';
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

export function adminAutoAlertEndpoints(service: AutoAlertService): BoundEndpoint[] {
  return adminProblems([
    implement(listUserAutoAlerts, async (request) => ({
      body: { items: await service.list(actor(request).schoolId, request.params.personId) },
    })),
    implement(addUserAutoAlert, async (request) => {
      const added = await service.add(actor(request), request.params.personId, request.body.target);
      return { status: added.created ? 201 : 200, body: added.rule };
    }),
    implement(removeUserAutoAlert, async (request) => {
      await service.remove(actor(request), request.params.personId, request.params.ruleId);
      return { body: undefined };
    }),
    implement(clearUserAlerts, async (request) => ({
      body: {
        cleared: await service.clearAlerts(
          actor(request),
          request.params.personId,
          request.body.from,
          request.body.to,
        ),
      },
    })),
  ]);
}

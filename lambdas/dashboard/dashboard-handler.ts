/** Dashboard API area: the signed-in person's own dashboard. */
import { auditActorOf } from '../../lib/audit/audit-actor';
import { getDashboard } from '../../lib/dashboard/dashboard-api';
import { dashboardService } from '../../lib/dashboard/dashboard-services';
import { createApiContext } from '../../lib/platform/api-context';
import { createApiHandler } from '../../lib/platform/http/api-handler';
import { staffPrincipal } from '../../lib/platform/http/access';
import { implement } from '../../lib/platform/http/endpoint';

const context = createApiContext();
const dashboard = dashboardService(context);

export const handler = createApiHandler(
  [
    implement(getDashboard, async (request) => {
      const principal = staffPrincipal(request.principal);
      return { body: await dashboard.read(auditActorOf(principal, request), principal.access) };
    }),
  ],
  context.handlerOptions,
);

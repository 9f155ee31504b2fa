/** Dashboard API area: the signed-in person's own dashboard. */
import { auditActorOf } from '../../lib/audit/audit-actor';
import { autoAlertService } from '../../lib/alerts/auto-alert-services';
import { getDashboard } from '../../lib/dashboard/dashboard-api';
import { dashboardService } from '../../lib/dashboard/dashboard-services';
import { createApiContext } from '../../lib/platform/api-context';
import { createApiHandler } from '../../lib/platform/http/api-handler';
import { staffPrincipal } from '../../lib/platform/http/access';
import { implement } from '../../lib/platform/http/endpoint';
import { trainingService } from '../../lib/training/training-services';
import { ownAutoAlertEndpoints } from './auto-alert-endpoints';
import { trainingFlagEndpoint } from './training-flag-endpoint';

const context = createApiContext();
const dashboard = dashboardService(context);

export const handler = createApiHandler(
  [
    implement(getDashboard, async (request) => {
      const principal = staffPrincipal(request.principal);
      return { body: await dashboard.read(auditActorOf(principal, request), principal.access) };
    }),
    ...ownAutoAlertEndpoints(autoAlertService(context)),
    trainingFlagEndpoint(trainingService(context)),
  ],
  context.handlerOptions,
);

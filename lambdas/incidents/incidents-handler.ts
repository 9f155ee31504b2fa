/** Incidents API area: incidents, actions, alerts read, chronology and its overview, staff directory. */
import { auditActorOf } from '../../lib/audit/audit-actor';
import {
  deleteAction,
  deleteIncident,
  editAction,
  editIncident,
  getIncidentHistory,
  mergeIncident,
  pinIncident,
  restoreAction,
  restoreIncident,
  splitAction,
} from '../../lib/incidents/incident-edit-api';
import { incidentProblems } from '../../lib/incidents/incident-problems';
import { incidentServices } from '../../lib/incidents/incident-services';
import {
  addAction,
  addIncident,
  getChronology,
  getChronologyOverview,
  getIncident,
  markIncidentRead,
  printIncident,
} from '../../lib/incidents/incidents-api';
import type { Viewer } from '../../lib/incidents/viewer';
import { createApiContext } from '../../lib/platform/api-context';
import { staffPrincipal } from '../../lib/platform/http/access';
import { createApiHandler } from '../../lib/platform/http/api-handler';
import { implement, type EndpointContract, type ValidatedRequest } from '../../lib/platform/http/endpoint';
import { getStaffDirectory } from '../../lib/staff/staff-api';

const context = createApiContext();
const services = incidentServices(context);

/** The caller, from the session only: their audit identity and what they may do. */
function viewer<C extends EndpointContract>(request: ValidatedRequest<C>): Viewer {
  const principal = staffPrincipal(request.principal);
  return { actor: auditActorOf(principal, request), access: principal.access };
}

export const handler = createApiHandler(
  incidentProblems([
    implement(addIncident, async (request) => {
      const added = await services.incidents.add(viewer(request), request.body);
      return { status: added.created ? 201 : 200, body: added.receipt };
    }),
    implement(getIncident, async (request) => ({
      body: await services.reader.read(viewer(request), request.params.incidentId, request.query.pupilId),
    })),
    implement(markIncidentRead, async (request) => ({
      body: await services.reader.markRead(viewer(request), request.params.incidentId),
    })),
    implement(addAction, async (request) => {
      const added = await services.actions.add(viewer(request), request.params.incidentId, request.body);
      return { status: added.created ? 201 : 200, body: added.action };
    }),
    implement(getChronology, async (request) => ({
      body: await services.chronology.page(
        viewer(request),
        request.params.pupilId,
        request.query.limit,
        request.query.cursor,
      ),
    })),
    implement(getChronologyOverview, async (request) => ({
      body: await services.chronology.overview(viewer(request), request.params.pupilId),
    })),
    implement(printIncident, async (request) => ({
      body: await services.printer.print(viewer(request), request.params.incidentId, request.body.pupilId),
    })),
    implement(editIncident, async (request) => ({
      body: await services.edits.edit(viewer(request), request.params.incidentId, request.body),
    })),
    implement(deleteIncident, async (request) => ({
      body: await services.edits.delete(viewer(request), request.params.incidentId, request.body),
    })),
    implement(restoreIncident, async (request) => ({
      body: await services.edits.restore(viewer(request), request.params.incidentId, request.body),
    })),
    implement(getIncidentHistory, async (request) => ({
      body: await services.history.history(viewer(request), request.params.incidentId),
    })),
    implement(pinIncident, async (request) => ({
      body: await services.pins.pin(viewer(request), request.params.incidentId, request.body),
    })),
    implement(mergeIncident, async (request) => ({
      body: await services.merges.merge(viewer(request), request.params.incidentId, request.body),
    })),
    implement(editAction, async (request) => ({
      body: await services.actionEdits.edit(
        viewer(request),
        request.params.incidentId,
        request.params.actionId,
        request.body,
      ),
    })),
    implement(deleteAction, async (request) => ({
      body: await services.actionEdits.delete(
        viewer(request),
        request.params.incidentId,
        request.params.actionId,
        request.body,
      ),
    })),
    implement(restoreAction, async (request) => ({
      body: await services.actionEdits.restore(
        viewer(request),
        request.params.incidentId,
        request.params.actionId,
        request.body,
      ),
    })),
    implement(splitAction, async (request) => {
      const split = await services.splits.split(
        viewer(request),
        request.params.incidentId,
        request.params.actionId,
        request.body,
      );
      return { status: split.created ? 201 : 200, body: split.receipt };
    }),
    implement(getStaffDirectory, async (request) => ({
      body: await services.staff.list(staffPrincipal(request.principal).schoolId),
    })),
  ]),
  context.handlerOptions,
);

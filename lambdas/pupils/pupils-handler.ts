/** Pupils and monitoring API area: search, class registers, records, changes by hand, monitoring. */
import { getPupilAttendance } from '../../lib/attendance/attendance-api';
import { auditActorOf } from '../../lib/audit/audit-actor';
import { bulkMonitoring, changeMonitoring, getMonitoringHistory } from '../../lib/monitoring/monitoring-api';
import { createApiContext } from '../../lib/platform/api-context';
import { createApiHandler } from '../../lib/platform/http/api-handler';
import { staffPrincipal } from '../../lib/platform/http/access';
import { implement, type EndpointContract, type ValidatedRequest } from '../../lib/platform/http/endpoint';
import { pupilProblems } from '../../lib/pupils/pupil-problems';
import { pupilServices } from '../../lib/pupils/pupil-services';
import {
  addContact,
  addLink,
  addPupil,
  archivePupil,
  deleteContact,
  deleteLink,
  getPupil,
  getPupilFilters,
  listPupils,
  lookupPupils,
  unarchivePupil,
  updateContact,
  updatePupil,
} from '../../lib/pupils/pupils-api';
import type { Viewer } from '../../lib/pupils/viewer';

const context = createApiContext();
const pupils = pupilServices(context);

/** What the caller may do and who they are for the audit log, from the session only. */
function viewer<C extends EndpointContract>(request: ValidatedRequest<C>): Viewer {
  const principal = staffPrincipal(request.principal);
  return { access: principal.access, actor: auditActorOf(principal, request) };
}

export const handler = createApiHandler(
  pupilProblems([
    implement(listPupils, async (request) => ({
      body: await pupils.search.list(viewer(request), request.query),
    })),
    implement(lookupPupils, async (request) => ({
      body: { items: await pupils.search.lookup(viewer(request), request.query.q) },
    })),
    implement(getPupilFilters, async (request) => ({ body: await pupils.search.filters(viewer(request)) })),
    implement(addPupil, async (request) => ({
      body: await pupils.admin.create(viewer(request), request.body),
    })),
    implement(getPupil, async (request) => ({
      body: await pupils.records.read(viewer(request), request.params.pupilId),
    })),
    implement(updatePupil, async (request) => ({
      body: await pupils.admin.update(viewer(request), request.params.pupilId, request.body),
    })),
    implement(archivePupil, async (request) => ({
      body: await pupils.admin.setArchived(
        viewer(request),
        request.params.pupilId,
        request.body.version,
        true,
      ),
    })),
    implement(unarchivePupil, async (request) => ({
      body: await pupils.admin.setArchived(
        viewer(request),
        request.params.pupilId,
        request.body.version,
        false,
      ),
    })),
    implement(addContact, async (request) => ({
      body: await pupils.relations.addContact(viewer(request), request.params.pupilId, request.body),
    })),
    implement(updateContact, async (request) => ({
      body: await pupils.relations.updateContact(
        viewer(request),
        request.params.pupilId,
        request.params.contactId,
        request.body,
      ),
    })),
    implement(deleteContact, async (request) => {
      await pupils.relations.deleteContact(
        viewer(request),
        request.params.pupilId,
        request.params.contactId,
        request.query.version,
      );
      return { body: undefined };
    }),
    implement(addLink, async (request) => ({
      body: await pupils.relations.addLink(viewer(request), request.params.pupilId, request.body),
    })),
    implement(deleteLink, async (request) => {
      await pupils.relations.deleteLink(viewer(request), request.params.pupilId, request.params.otherPupilId);
      return { body: undefined };
    }),
    implement(getMonitoringHistory, async (request) => ({
      body: await pupils.monitoring.history(viewer(request), request.params.pupilId),
    })),
    implement(changeMonitoring, async (request) => ({
      body: await pupils.monitoring.change(viewer(request), request.params.pupilId, request.body),
    })),
    implement(getPupilAttendance, async (request) => ({
      body: await pupils.attendance.read(viewer(request), request.params.pupilId, request.query.months),
    })),
    implement(bulkMonitoring, async (request) => ({
      body: { results: await pupils.monitoring.bulk(viewer(request), request.body) },
    })),
  ]),
  context.handlerOptions,
);

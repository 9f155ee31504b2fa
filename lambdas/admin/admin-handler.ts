/** Admin, audit and access API area: users, user groups, alert groups, classes, settings, MIS connector credentials, audit reports, own access. */
import { describeAccess, getMyAccess } from '../../lib/access/access-api';
import {
  addUser,
  createAlertGroup,
  createClassGroup,
  createUserGroup,
  deactivateUser,
  deleteAlertGroup,
  deleteUserGroup,
  getSchoolSettings,
  getUser,
  getUserGroup,
  getUserSecurityLog,
  listAlertGroups,
  listClassGroups,
  listUserGroups,
  listUsers,
  reactivateUser,
  removeUserKeys,
  sendUserPasswordLink,
  unlockUser,
  updateAlertGroup,
  updateClassAccess,
  updateSchoolSettings,
  updateUser,
  updateUserGroup,
} from '../../lib/admin/admin-api';
import { adminServices } from '../../lib/admin/admin-services';
import { getPupilAudit, getUserAudit } from '../../lib/audit/audit-api';
import { auditActorOf } from '../../lib/audit/audit-actor';
import { createApiContext } from '../../lib/platform/api-context';
import { createApiHandler } from '../../lib/platform/http/api-handler';
import { staffPrincipal } from '../../lib/platform/http/access';
import { implement, type EndpointContract, type ValidatedRequest } from '../../lib/platform/http/endpoint';
import { adminProblems } from '../../lib/admin/admin-problems';
import { autoAlertService } from '../../lib/alerts/auto-alert-services';
import { trainingService } from '../../lib/training/training-services';
import { calendarService } from '../../lib/calendar/calendar-services';
import { adminAutoAlertEndpoints } from './auto-alert-endpoints';
import { calendarEndpoints } from './calendar-endpoints';
import { connectorEndpoints } from './connector-endpoints';
import { misStaffEndpoints } from './mis-staff-endpoints';
import { trainingEndpoints } from './training-endpoints';

const context = createApiContext();
const admin = adminServices(context);

/** The acting admin (for the audit log) and their school, from the session only. */
function actor<C extends EndpointContract>(request: ValidatedRequest<C>) {
  return auditActorOf(staffPrincipal(request.principal), request);
}

function schoolOf<C extends EndpointContract>(request: ValidatedRequest<C>): string {
  return staffPrincipal(request.principal).schoolId;
}

export const handler = createApiHandler(
  adminProblems([
    implement(getMyAccess, (request) =>
      Promise.resolve({ body: describeAccess(staffPrincipal(request.principal).access) }),
    ),
    implement(listUsers, async (request) => ({
      body: { items: await admin.users.list(schoolOf(request), request.query.status) },
    })),
    implement(addUser, async (request) => ({ body: await admin.users.add(actor(request), request.body) })),
    implement(getUser, async (request) => ({
      body: await admin.users.get(schoolOf(request), request.params.personId),
    })),
    implement(updateUser, async (request) => ({
      body: await admin.users.update(actor(request), request.params.personId, request.body),
    })),
    implement(deactivateUser, async (request) => ({
      body: await admin.users.deactivate(actor(request), request.params.personId),
    })),
    implement(reactivateUser, async (request) => ({
      body: await admin.users.reactivate(actor(request), request.params.personId, request.body.groupId),
    })),
    implement(unlockUser, async (request) => ({
      body: await admin.users.unlock(actor(request), request.params.personId),
    })),
    implement(sendUserPasswordLink, async (request) => {
      await admin.users.sendPasswordLink(actor(request), request.params.personId);
      return {
        body: { message: 'A link to set a password is on its way. It works until midnight tonight.' },
      };
    }),
    implement(removeUserKeys, async (request) => ({
      body: { removed: await admin.users.removeKeys(actor(request), request.params.personId) },
    })),
    implement(getUserSecurityLog, async (request) => ({
      body: {
        items: await admin.users.securityLog(actor(request), request.params.personId, request.query.limit),
      },
    })),
    implement(listUserGroups, async (request) => ({
      body: {
        items: await admin.userGroups.list(schoolOf(request)),
        systemPermissions: admin.permissionCatalogue,
      },
    })),
    implement(createUserGroup, async (request) => ({
      body: await admin.userGroups.create(actor(request), request.body),
    })),
    implement(getUserGroup, async (request) => ({
      body: await admin.userGroups.get(schoolOf(request), request.params.groupId),
    })),
    implement(updateUserGroup, async (request) => ({
      body: await admin.userGroups.update(actor(request), request.params.groupId, request.body),
    })),
    implement(deleteUserGroup, async (request) => {
      await admin.userGroups.delete(actor(request), request.params.groupId);
      return { body: undefined };
    }),
    implement(listAlertGroups, async (request) => ({
      body: { items: await admin.alertGroups.list(schoolOf(request)) },
    })),
    implement(createAlertGroup, async (request) => ({
      body: await admin.alertGroups.create(actor(request), request.body),
    })),
    implement(updateAlertGroup, async (request) => ({
      body: await admin.alertGroups.update(actor(request), request.params.alertGroupId, request.body),
    })),
    implement(deleteAlertGroup, async (request) => {
      await admin.alertGroups.delete(actor(request), request.params.alertGroupId);
      return { body: undefined };
    }),
    implement(listClassGroups, async (request) => {
      const schoolId = schoolOf(request);
      const [items, settings] = await Promise.all([
        admin.classes.list(schoolId),
        admin.settings.get(schoolId),
      ]);
      return { body: { items, classRestrictionsEnabled: settings.classRestrictionsEnabled } };
    }),
    implement(createClassGroup, async (request) => ({
      body: await admin.classes.create(actor(request), request.body),
    })),
    implement(updateClassAccess, async (request) => ({
      body: await admin.classes.updateAccess(actor(request), request.params.classId, request.body),
    })),
    implement(getSchoolSettings, async (request) => ({ body: await admin.settings.get(schoolOf(request)) })),
    implement(updateSchoolSettings, async (request) => ({
      body: await admin.settings.update(actor(request), request.body),
    })),
    implement(getPupilAudit, async (request) => ({
      body: await admin.pupilAudit.read(
        actor(request),
        staffPrincipal(request.principal).access,
        request.params.pupilId,
        request.query.limit,
        request.query.cursor,
      ),
    })),
    implement(getUserAudit, async (request) => {
      const who = actor(request);
      await admin.users.get(who.schoolId, request.params.personId);
      const page = await admin.audit.forActor(
        who.schoolId,
        request.params.personId,
        request.query.limit,
        request.query.cursor,
      );
      await admin.audit.record(who, {
        action: 'user.audit.read',
        resourceType: 'user',
        resourceId: request.params.personId,
      });
      return { body: page };
    }),
    ...adminAutoAlertEndpoints(autoAlertService(context)),
    ...trainingEndpoints(trainingService(context)),
    ...connectorEndpoints(context.connectors),
    ...misStaffEndpoints(admin.misStaff),
    ...calendarEndpoints(calendarService(context)),
  ]),
  context.handlerOptions,
);

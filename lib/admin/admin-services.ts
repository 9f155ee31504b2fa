/** Wires the admin services from the API context. */
import type { AuditLog } from '../audit/audit-log';
import { KeyRepository } from '../identity/keys/key-repository';
import { MisStaffDirectory } from '../mis/mis-staff-directory';
import { MisStaffRepository } from '../mis/staff-import';
import type { ApiContext } from '../platform/api-context';
import { PupilRepository } from '../pupils/pupil-repository';
import { AlertGroupService } from './alert-group-service';
import { ClassAccessService } from './class-access-service';
import { keyDirectory } from './key-directory';
import { PupilAuditReport } from './pupil-audit-report';
import { SettingsService } from './settings-service';
import { UserAdminService } from './user-admin-service';
import { systemPermissionCatalogue, UserGroupService } from './user-group-service';

export interface AdminServices {
  readonly users: UserAdminService;
  readonly userGroups: UserGroupService;
  readonly alertGroups: AlertGroupService;
  readonly classes: ClassAccessService;
  readonly settings: SettingsService;
  readonly audit: AuditLog;
  readonly pupilAudit: PupilAuditReport;
  readonly permissionCatalogue: ReturnType<typeof systemPermissionCatalogue>;
  /** MIS staff offered by Add a user (IAM-5). */
  readonly misStaff: MisStaffDirectory;
}

export function adminServices(context: ApiContext): AdminServices {
  const { access, identity, passwordLinks, clients, environment } = context;
  const misStaff = new MisStaffRepository(clients.dynamo, environment.TABLE_NAME);
  return {
    users: new UserAdminService({
      identity,
      misStaff,
      groups: access.groups,
      writer: access.writer,
      settings: access.settings,
      keys: keyDirectory(new KeyRepository(clients.dynamo, environment.TABLE_NAME)),
      passwordLinks,
      audit: access.audit,
    }),
    userGroups: new UserGroupService(access.groups, access.audit),
    alertGroups: new AlertGroupService(access.alertGroups, identity.memberships, access.audit),
    classes: new ClassAccessService(access.classes, access.groups, identity.memberships, access.audit),
    settings: new SettingsService(access.settings, access.audit),
    audit: access.audit,
    pupilAudit: new PupilAuditReport(
      access.audit,
      new PupilRepository(clients.dynamo, environment.TABLE_NAME),
    ),
    permissionCatalogue: systemPermissionCatalogue(),
    misStaff: new MisStaffDirectory({ staff: misStaff, memberships: identity.memberships }),
  };
}

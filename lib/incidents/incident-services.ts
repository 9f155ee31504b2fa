/** Wires the incident, action, chronology, alert and staff-directory services from the API context. */
import { AlertDelivery } from '../alerts/alert-delivery';
import { AlertInbox } from '../alerts/alert-inbox';
import { AlertOutboxRepository } from '../alerts/alert-outbox-repository';
import { AutoAlertRuleRepository } from '../alerts/auto-alert-repository';
import { AgencyRepository } from '../categories/agency-repository';
import { CategoryRepository } from '../categories/category-repository';
import { attachmentWrites } from '../documents/attachment-writes';
import { ExportStore } from '../documents/export-store';
import { DocumentRepository } from '../documents/document-repository';
import { DocumentSharing } from '../documents/document-sharing';
import { VaultObjects } from '../documents/vault-objects';
import { MailService } from '../mail/mail-service';
import type { ApiContext } from '../platform/api-context';
import { PupilRepository } from '../pupils/pupil-repository';
import { SchoolRepository } from '../schools/school-repository';
import { StaffDirectoryService } from '../staff/staff-directory';
import { ActionEditService } from './action-edit-service';
import { ActionService } from './action-service';
import { ActionSplitService } from './action-split-service';
import { ChronologyService } from './chronology-service';
import { IncidentEditService } from './incident-edit-service';
import { IncidentHistoryService } from './incident-history-service';
import { IncidentMergeService } from './incident-merge-service';
import { IncidentPrintService } from './incident-print-service';
import { IncidentReadService } from './incident-read-service';
import { IncidentRepository } from './incident-repository';
import { IncidentService, type IncidentWriteDependencies } from './incident-service';
import { PinService } from './pin-service';
import { loadSchoolReference } from './school-reference';

export interface IncidentServices {
  readonly incidents: IncidentService;
  readonly actions: ActionService;
  readonly reader: IncidentReadService;
  readonly chronology: ChronologyService;
  readonly printer: IncidentPrintService;
  readonly staff: StaffDirectoryService;
  /** REC-6: changing incidents and actions, their history, pins, merging and splitting. */
  readonly edits: IncidentEditService;
  readonly actionEdits: ActionEditService;
  readonly history: IncidentHistoryService;
  readonly pins: PinService;
  readonly merges: IncidentMergeService;
  readonly splits: ActionSplitService;
}

export function incidentServices(context: ApiContext, now: () => Date = () => new Date()): IncidentServices {
  const { clients, environment, identity, access } = context;
  const dynamo = clients.dynamo;
  const tableName = environment.TABLE_NAME;
  const incidents = new IncidentRepository(dynamo, tableName);
  const pupils = new PupilRepository(dynamo, tableName);
  const categories = new CategoryRepository(dynamo, tableName);
  const outbox = new AlertOutboxRepository(dynamo, tableName);
  const inbox = new AlertInbox(dynamo, tableName);
  const referenceSources = {
    categories,
    agencies: new AgencyRepository(dynamo, tableName),
    memberships: identity.memberships,
    alertGroups: access.alertGroups,
    settings: access.settings,
    schools: new SchoolRepository(dynamo, tableName),
    autoAlertRules: new AutoAlertRuleRepository(dynamo, tableName),
    userGroups: access.groups,
    classGroups: access.classes,
  };
  const writes: IncidentWriteDependencies = {
    dynamo,
    tableName,
    incidents,
    pupils,
    reference: (schoolId) => loadSchoolReference(referenceSources, schoolId),
    keyHolder: (personId) => identity.keys.hasAny(personId),
    categoryCheck: (schoolId, categoryId) => categories.categoryCheck(schoolId, categoryId),
    attachments: (target, documentIds) => attachmentWrites(tableName, target, documentIds),
    sharing: new DocumentSharing(
      new DocumentRepository(dynamo, tableName),
      new VaultObjects(clients.s3, environment.VAULT_BUCKET, environment.VAULT_KEY_ID),
      tableName,
    ),
    outbox,
    inbox,
    delivery: new AlertDelivery({
      inbox,
      outbox,
      mail: new MailService(clients.ses, environment.MAIL_FROM),
      appBaseUrl: environment.APP_BASE_URL,
    }),
    audit: access.audit,
    now,
  };
  return {
    incidents: new IncidentService(writes),
    actions: new ActionService(writes),
    reader: new IncidentReadService(incidents, pupils, inbox, access.audit),
    chronology: new ChronologyService(incidents, pupils, access.audit),
    edits: new IncidentEditService(writes),
    actionEdits: new ActionEditService(writes),
    history: new IncidentHistoryService(writes),
    pins: new PinService(writes),
    merges: new IncidentMergeService(writes),
    splits: new ActionSplitService(writes),
    printer: new IncidentPrintService({
      incidents,
      pupils,
      categories,
      agencies: referenceSources.agencies,
      schools: referenceSources.schools,
      exports: new ExportStore(clients.s3, environment.VAULT_BUCKET, environment.VAULT_KEY_ID, now),
      audit: access.audit,
      now,
    }),
    staff: new StaffDirectoryService({
      memberships: identity.memberships,
      alertGroups: access.alertGroups,
      settings: access.settings,
      keyHolders: async (personIds) => {
        // One single-item Query per person, in parallel.
        const flags = await Promise.all(
          personIds.map(async (personId) => [personId, await identity.keys.hasAny(personId)] as const),
        );
        return new Set(flags.filter(([, has]) => has).map(([personId]) => personId));
      },
    }),
  };
}

/** Composition of the document vault for the documents API area: repositories, S3 and the service. */
import { AuditLog } from '../audit/audit-log';
import { MailService } from '../mail/mail-service';
import type { ApiContext } from '../platform/api-context';
import { loadEnvironment } from '../platform/environment';
import { PupilRepository } from '../pupils/pupil-repository';
import { DocumentAlerts } from './document-alerts';
import { DocumentRepository } from './document-repository';
import { DEFAULT_DOCUMENT_LIMITS, DocumentService } from './document-service';
import { DocumentsEnvironmentSchema } from './documents-environment';
import { ExportStore } from './export-store';
import { VaultObjects } from './vault-objects';

export interface DocumentServices {
  readonly documents: DocumentService;
  readonly alerts: DocumentAlerts;
  readonly repository: DocumentRepository;
  readonly objects: VaultObjects;
  readonly exports: ExportStore;
  readonly audit: AuditLog;
}

export function documentServices(context: ApiContext): DocumentServices {
  const { environment, clients } = context;
  const { VAULT_MAX_UPLOAD_BYTES } = loadEnvironment(DocumentsEnvironmentSchema);
  const repository = new DocumentRepository(clients.dynamo, environment.TABLE_NAME);
  const objects = new VaultObjects(clients.s3, environment.VAULT_BUCKET, environment.VAULT_KEY_ID);
  const exports = new ExportStore(clients.s3, environment.VAULT_BUCKET, environment.VAULT_KEY_ID);
  const audit = new AuditLog(clients.dynamo, environment.TABLE_NAME);
  const pupils = new PupilRepository(clients.dynamo, environment.TABLE_NAME);
  const documents = new DocumentService({
    repository,
    objects,
    exports,
    pupils,
    audit,
    limits: { ...DEFAULT_DOCUMENT_LIMITS, maxUploadBytes: VAULT_MAX_UPLOAD_BYTES },
  });
  const alerts = new DocumentAlerts({
    dynamo: clients.dynamo,
    tableName: environment.TABLE_NAME,
    documents,
    repository,
    pupils,
    memberships: context.identity.memberships,
    alertGroups: context.access.alertGroups,
    mail: new MailService(clients.ses, environment.MAIL_FROM),
    audit,
    appBaseUrl: environment.APP_BASE_URL,
  });
  return { documents, alerts, repository, objects, exports, audit };
}

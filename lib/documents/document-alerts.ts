/**
 * "Alert users" to a vault document (REC-9): an ALERT entry on each recipient's dashboard with the
 * subject DOC-<documentId> (lib/dashboard reads it and links to the pupil's vault), and one mail each
 * that says who added a document and nothing more: no file name and no pupil name leave Lantern.
 * Recipients are resolved by the alerts module's own rule (named people and alert-group members who
 * are active here, each once).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll } from '../data/batch-write';
import type { AlertGroup } from '../access/alert-group';
import { resolveRecipients, type AlertRequest } from '../alerts/alert-recipients';
import type { AlertRecipient } from '../alerts/alert-outbox';
import { DOCUMENT_SUBJECT_PREFIX } from '../dashboard/dashboard-entries';
import { dashboardLinks } from '../dashboard/dashboard-links';
import { dashboardKeys } from '../data/keys';
import type { Membership } from '../identity/identity';
import type { MailService, OutgoingMail } from '../mail/mail-service';
import { problems } from '../platform/http/problem';
import { displayNameOf, type Pupil } from '../pupils/pupil';
import type { VaultDocument } from './document';
import { DocumentNotFoundError } from './document-errors';
import type { DocumentRepository } from './document-repository';
import type { AuditRecorder, DocumentService, DocumentViewer } from './document-service';
import { documentView } from './document-visibility';

/** BatchWriteItem's limit. */

export interface DocumentAlertDependencies {
  readonly dynamo: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly documents: DocumentService;
  readonly repository: DocumentRepository;
  readonly pupils: { get(schoolId: string, pupilId: string): Promise<Pupil | undefined> };
  readonly memberships: { listForSchool(schoolId: string): Promise<Membership[]> };
  readonly alertGroups: { list(schoolId: string): Promise<AlertGroup[]> };
  readonly mail: MailService;
  readonly audit: AuditRecorder;
  readonly appBaseUrl: string;
  readonly now?: () => Date;
}

export function documentAlertMail(alertedBy: string, recipient: AlertRecipient, link: string): OutgoingMail {
  const subject = `${alertedBy} alerted you to a document in Lantern`;
  return {
    to: recipient.email,
    subject,
    text: [
      `Hello ${recipient.name},`,
      '',
      `${alertedBy} has added a document to a pupil's record and alerted you to it.`,
      '',
      'Sign in to Lantern to see it:',
      link,
      '',
      'This email says nothing more on purpose: the document stays in Lantern, where only the people allowed to see it can.',
    ].join('\n'),
  };
}

export class DocumentAlerts {
  private readonly now: () => Date;

  constructor(private readonly deps: DocumentAlertDependencies) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Alerts the named staff and alert groups; answers how many people were alerted. */
  async alert(
    viewer: DocumentViewer,
    pupilId: string,
    documentId: string,
    request: AlertRequest,
  ): Promise<number> {
    const schoolId = viewer.actor.schoolId;
    const [pupil, document, members, alertGroups] = await Promise.all([
      this.deps.pupils.get(schoolId, pupilId),
      this.deps.repository.get(schoolId, pupilId, documentId),
      this.deps.memberships.listForSchool(schoolId),
      this.deps.alertGroups.list(schoolId),
    ]);
    const facts = this.deps.documents.visiblePupil(viewer, pupil);
    if (!pupil || !document || documentView(viewer.access, facts, document) !== 'visible') {
      throw new DocumentNotFoundError('document');
    }
    const { recipients, errors } = resolveRecipients(
      request,
      new Map(members.map((member) => [member.personId, member])),
      new Map(alertGroups.map((group) => [group.alertGroupId, group])),
      'body',
    );
    if (errors.length > 0) throw problems.validation(errors);
    if (recipients.length === 0) {
      throw problems.validation([
        { field: 'body.personIds', reason: 'choose at least one person or alert group' },
      ]);
    }

    const alertedBy = { personId: viewer.actor.personId, name: viewer.actor.actorName };
    await Promise.all([
      this.putDashboardAlerts(pupil, document, recipients, alertedBy),
      this.deps.audit.record(viewer.actor, {
        action: 'document.alert',
        resourceType: 'document',
        resourceId: documentId,
        pupilId,
        detail: `${recipients.length} recipients`,
      }),
    ]);
    const link = `${this.deps.appBaseUrl.replace(/\/+$/, '')}${dashboardLinks.vault(pupilId)}`;
    for (const recipient of recipients) {
      await this.deps.mail.send(documentAlertMail(alertedBy.name, recipient, link));
    }
    return recipients.length;
  }

  /** One unread alert per person and document (a repeat alert replaces it), written in batches. */
  private async putDashboardAlerts(
    pupil: Pupil,
    document: VaultDocument,
    recipients: readonly AlertRecipient[],
    alertedBy: { personId: string; name: string },
  ): Promise<void> {
    const alertedAt = this.now().toISOString();
    const subject = `${DOCUMENT_SUBJECT_PREFIX}${document.documentId}`;
    await batchWriteAll(
      this.deps.dynamo,
      this.deps.tableName,
      recipients.map((recipient) => ({
        PutRequest: {
          Item: {
            ...dashboardKeys.alert(document.schoolId, recipient.personId, subject),
            itemType: 'DashboardEntry',
            kind: 'ALERT',
            personId: recipient.personId,
            documentId: document.documentId,
            pupilId: pupil.pupilId,
            pupilDisplayName: displayNameOf(pupil),
            categoryIds: document.categoryIds,
            alertedBy,
            alertedAt,
          },
        },
      })),
    );
  }
}

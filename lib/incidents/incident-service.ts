/**
 * Adding an incident (REC-3, BYD-4, BYD-5). One parallel round of reads (the id, the pupils, the
 * school's reference data, whether the assignee holds a key), the checks, the next number, then ONE
 * TransactWrite: the Incident, its number, each pupil's copy, the category uses and checks, monitoring
 * for each monitored pupil, the assignee's and recorder's dashboard entries and the alert outbox.
 * After the commit the alerts are delivered (or left to the sweeper) and the change is audited.
 *
 * Retries are safe: the client's incidentId makes a repeat of the same request return the stored
 * incident (and finish its alerts), and a different request under a used id is refused.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { alertOutboxWrite, outboxHasWork, type AlertOutbox } from '../alerts/alert-outbox';
import type { AlertDelivery } from '../alerts/alert-delivery';
import type { AlertInbox } from '../alerts/alert-inbox';
import type { AlertOutboxRepository } from '../alerts/alert-outbox-repository';
import { recipientOf } from '../alerts/alert-recipients';
import type { AuditLog } from '../audit/audit-log';
import type { AttachmentTarget } from '../documents/attachment-writes';
import type { PreparedShares, ShareRequest } from '../documents/document-sharing';
import { DocumentConflictError } from '../documents/document-errors';
import { startMonitoringWrites } from '../monitoring/monitoring-writes';
import { MAX_TRANSACTION_ITEMS, type TransactWriteItem } from '../pupils/transact-write-item';
import { assignedPut, historyPut, type DashboardSubject } from './dashboard-items';
import { IncidentConflictError, IncidentFieldsError } from './incident-errors';
import { categoryUsePut, copyPut, incidentNumberPut, incidentPut } from './incident-items';
import { allCategoryIds, copyFor, draftIncident, schoolDate } from './incident-records';
import type { IncidentRepository, Stored } from './incident-repository';
import type { IncidentReceipt } from './incident-views';
import type { Incident, NewIncident } from './incident';
import { labelled, TransactionRefusedError, writeLabelled, type LabelledWrite } from './labelled-transaction';
import { checkNewIncident, type CheckedIncident } from './new-incident-checks';
import { requestFingerprint } from './request-fingerprint';
import { categoryNames, type SchoolReference } from './school-reference';
import { trainingEntryPut } from '../training/training-entry';
import { staffRefOf, type PupilReader, type Viewer } from './viewer';

export interface IncidentWriteDependencies {
  readonly dynamo: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly incidents: IncidentRepository;
  readonly pupils: PupilReader;
  readonly reference: (schoolId: string) => Promise<SchoolReference>;
  /** Whether the person holds at least one second-factor key. */
  readonly keyHolder: (personId: string) => Promise<boolean>;
  /** The categories admin's ConditionCheck that a category is still open for new records. */
  readonly categoryCheck: (schoolId: string, categoryId: string) => TransactWriteItem;
  /** The documents vault's conditional Updates that attach uploads to the record. */
  readonly attachments: (target: AttachmentTarget, documentIds: readonly string[]) => TransactWriteItem[];
  /** Copies attached files into linked pupils' vaults (before the transaction; discarded if it fails). */
  readonly sharing: {
    prepare(request: ShareRequest): Promise<PreparedShares>;
    discard(prepared: PreparedShares): Promise<void>;
  };
  readonly outbox: AlertOutboxRepository;
  readonly inbox: AlertInbox;
  readonly delivery: AlertDelivery;
  readonly audit: AuditLog;
  readonly now: () => Date;
}

export interface AddedIncident {
  readonly receipt: IncidentReceipt;
  /** False when this was a repeat of a request already done. */
  readonly created: boolean;
}

/** Labels of the transaction's items, for telling which condition refused it. */
const LABEL = {
  incident: 'incident',
  attachment: 'attachment',
  category: (categoryId: string) => `category:${categoryId}`,
  monitoring: (pupilId: string) => `monitoring:${pupilId}`,
} as const;

function receiptOf(incident: Incident): IncidentReceipt {
  return {
    incidentId: incident.incidentId,
    number: incident.number,
    pupilId: incident.pupilId,
    occurredAt: incident.occurredAt,
    recordedAt: incident.recordedAt,
  };
}

export class IncidentService {
  constructor(private readonly deps: IncidentWriteDependencies) {}

  async add(viewer: Viewer, input: NewIncident): Promise<AddedIncident> {
    return this.attempt(viewer, input, requestFingerprint(input), true);
  }

  private async attempt(
    viewer: Viewer,
    input: NewIncident,
    requestHash: string,
    mayRetry: boolean,
  ): Promise<AddedIncident> {
    const { deps } = this;
    const schoolId = viewer.actor.schoolId;
    const [existing, pupils, reference, assigneeHasKey] = await Promise.all([
      deps.incidents.getIncident(schoolId, input.incidentId),
      deps.pupils.getMany(schoolId, [input.pupilId, ...input.linkedPupils.map((link) => link.pupilId)]),
      deps.reference(schoolId),
      input.assignedTo === undefined ? Promise.resolve(false) : deps.keyHolder(input.assignedTo),
    ]);
    if (existing) return this.repeat(viewer, existing, requestHash);

    const now = deps.now();
    const checked = checkNewIncident(input, {
      profile: viewer.access,
      now,
      reference,
      pupils: new Map(pupils.map((pupil) => [pupil.pupilId, pupil])),
      assigneeHasKey,
    });
    const recordedAt = now.toISOString();
    const draft = (number: number) =>
      draftIncident(input, checked, {
        schoolId,
        number,
        recorder: staffRefOf(viewer),
        recordedAt,
        training: reference.settings.trainingMode,
      });
    // Sized with a provisional number first, so an incident too big for one transaction is refused
    // before the counter moves (a refusal writes nothing).
    const provisional = draft(1);
    const provisionalOutbox = this.outboxFor(provisional, checked, reference);
    const sharedCount = this.shareTargets(input, provisional).length * input.documentIds.length;
    if (
      this.writes(provisional, checked, reference, requestHash, provisionalOutbox).length + sharedCount >
      MAX_TRANSACTION_ITEMS
    ) {
      throw new IncidentFieldsError('invalid', [
        {
          field: 'body.linkedPupils',
          reason: 'too many pupils and categories for one incident: link fewer pupils',
        },
      ]);
    }

    const incident = draft(await deps.incidents.nextNumber(schoolId));
    const outbox = this.outboxFor(incident, checked, reference);
    const shares = await this.prepareShares(input, incident);
    try {
      await writeLabelled(deps.dynamo, [
        ...this.writes(incident, checked, reference, requestHash, outbox),
        ...labelled('shared', shares?.writes ?? []),
      ]);
    } catch (error) {
      if (shares) await deps.sharing.discard(shares);
      if (!(error instanceof TransactionRefusedError)) throw error;
      return this.refused(viewer, input, requestHash, error, mayRetry);
    }

    await Promise.all([
      ...incident.pupils.map((pupil) =>
        deps.audit.record(viewer.actor, {
          action: 'incident.create',
          resourceType: 'incident',
          resourceId: incident.incidentId,
          pupilId: pupil.pupilId,
          detail: `incident ${incident.number}, ${pupil.role}`,
        }),
      ),
      outbox ? deps.delivery.deliverOrLeave(outbox) : Promise.resolve(true),
    ]);
    return { receipt: receiptOf(incident), created: true };
  }

  /** The same request again (a retry): the stored incident, with any alerts still owed delivered now. */
  private async repeat(
    viewer: Viewer,
    stored: Stored<Incident>,
    requestHash: string,
  ): Promise<AddedIncident> {
    if (stored.recordedBy.personId !== viewer.actor.personId || stored.requestHash !== requestHash) {
      throw new IncidentConflictError(
        'This incident id was already used for a different incident. Start a new incident form.',
        'body.incidentId',
      );
    }
    const pending = await this.deps.outbox.get(stored.schoolId, stored.incidentId, { kind: 'incident' });
    if (pending) await this.deps.delivery.deliverOrLeave(pending);
    return { receipt: receiptOf(stored), created: false };
  }

  private async refused(
    viewer: Viewer,
    input: NewIncident,
    requestHash: string,
    refusal: TransactionRefusedError,
    mayRetry: boolean,
  ): Promise<AddedIncident> {
    if (refusal.refusedBy(LABEL.incident).length > 0) {
      // The same id was committed meanwhile (a concurrent retry): answer as a repeat would.
      const stored = await this.deps.incidents.getIncident(viewer.actor.schoolId, input.incidentId);
      if (stored) return this.repeat(viewer, stored, requestHash);
    }
    if (refusal.refusedBy(LABEL.attachment).length > 0) {
      throw new IncidentFieldsError('invalid', [
        { field: 'body.documentIds', reason: 'must be your own uploads for this pupil, not yet attached' },
      ]);
    }
    const closed = refusal.refusedBy('category:').map((label) => label.slice('category:'.length));
    if (closed.length > 0) {
      const fields = [
        ...input.categoryIds.map((id, index) => ({ id, field: `body.categoryIds.${index}` })),
        ...input.linkedPupils.flatMap((link, linkIndex) =>
          link.categoryIds.map((id, index) => ({
            id,
            field: `body.linkedPupils.${linkIndex}.categoryIds.${index}`,
          })),
        ),
      ];
      throw new IncidentFieldsError(
        'invalid',
        fields
          .filter(({ id }) => closed.includes(id))
          .map(({ field }) => ({ field, reason: 'was disabled or merged just now' })),
      );
    }
    // Monitoring of one of the pupils changed between the read and the write: read again, once.
    if (mayRetry && refusal.refusedBy('monitoring:').length > 0) {
      return this.attempt(viewer, input, requestHash, false);
    }
    throw refusal;
  }

  /** Linked pupils who get copies of the attached files, each with their own categories. */
  private shareTargets(input: NewIncident, incident: Incident): Incident['pupils'] {
    if (!input.shareDocumentsWithLinked || input.documentIds.length === 0) return [];
    return incident.pupils.slice(1);
  }

  private async prepareShares(input: NewIncident, incident: Incident): Promise<PreparedShares | undefined> {
    const targets = this.shareTargets(input, incident);
    if (targets.length === 0) return undefined;
    try {
      return await this.deps.sharing.prepare({
        schoolId: incident.schoolId,
        fromPupilId: incident.pupilId,
        uploaderPersonId: incident.recordedBy.personId,
        documentIds: input.documentIds,
        incidentId: incident.incidentId,
        training: incident.training,
        targets: targets.map(({ pupilId, categoryIds }) => ({ pupilId, categoryIds })),
        sharedAt: incident.recordedAt,
      });
    } catch (error) {
      if (error instanceof DocumentConflictError) {
        throw new IncidentFieldsError('invalid', [{ field: 'body.documentIds', reason: error.message }]);
      }
      throw error;
    }
  }

  private outboxFor(
    incident: Incident,
    checked: CheckedIncident,
    reference: SchoolReference,
  ): AlertOutbox | undefined {
    const subject = incident.pupils[0]!;
    const assignee = checked.assignee && incident.status === 'active' ? checked.assignee : undefined;
    const outbox: AlertOutbox = {
      schoolId: incident.schoolId,
      incidentId: incident.incidentId,
      event: { kind: 'incident' },
      pupilId: subject.pupilId,
      pupilDisplayName: subject.displayName,
      categoryIds: subject.categoryIds,
      categoryNames: categoryNames(reference, subject.categoryIds),
      alertedBy: incident.recordedBy,
      createdAt: incident.recordedAt,
      recipients: checked.recipients,
      ...(assignee ? { assignee: recipientOf(assignee) } : {}),
    };
    return outboxHasWork(outbox) ? outbox : undefined;
  }

  private writes(
    incident: Incident,
    checked: CheckedIncident,
    reference: SchoolReference,
    requestHash: string,
    outbox?: AlertOutbox,
  ): LabelledWrite[] {
    const { tableName, categoryCheck } = this.deps;
    const { schoolId, incidentId, recordedAt } = incident;
    const subject = incident.pupils[0]!;
    const categories = allCategoryIds(incident);
    const monitored = [
      { pupil: checked.subject, categoryIds: subject.categoryIds },
      ...checked.linked
        .filter(({ input }) => input.monitor)
        .map(({ pupil, input }) => ({ pupil, categoryIds: input.categoryIds })),
    ];
    const dashboardSubject: DashboardSubject = {
      schoolId,
      incidentId,
      number: incident.number,
      pupilId: subject.pupilId,
      pupilDisplayName: subject.displayName,
      categoryIds: subject.categoryIds,
    };
    const attached = this.deps.attachments(
      {
        schoolId,
        pupilId: subject.pupilId,
        uploaderPersonId: incident.recordedBy.personId,
        incidentId,
        categoryIds: subject.categoryIds,
        training: incident.training,
      },
      incident.documentIds,
    );
    return [
      { label: LABEL.incident, item: incidentPut(tableName, incident, { requestHash }) },
      ...labelled(LABEL.attachment, attached),
      { label: 'number', item: incidentNumberPut(tableName, incident) },
      ...incident.pupils.map((pupil) => ({
        label: 'copy',
        item: copyPut(tableName, copyFor(incident, pupil.pupilId)),
      })),
      ...categories.flatMap((categoryId) => [
        {
          label: 'category-use',
          item: categoryUsePut(tableName, schoolId, categoryId, incidentId, recordedAt),
        },
        { label: LABEL.category(categoryId), item: categoryCheck(schoolId, categoryId) },
      ]),
      ...monitored.flatMap(({ pupil, categoryIds }) =>
        labelled(
          LABEL.monitoring(pupil.pupilId),
          startMonitoringWrites({
            tableName,
            pupil,
            categoryIds,
            since: schoolDate(reference.timeZone, incident.occurredAt),
            at: recordedAt,
            startedBy: incident.recordedBy.personId,
            reason: 'incident',
            incidentId,
          }).items,
        ),
      ),
      ...(incident.assignedTo && incident.status === 'active'
        ? [
            {
              label: 'assigned',
              item: assignedPut(
                tableName,
                dashboardSubject,
                incident.assignedTo,
                incident.recordedBy,
                recordedAt,
              ),
            },
          ]
        : []),
      {
        label: 'history',
        item: historyPut(tableName, dashboardSubject, incident.recordedBy, { at: recordedAt }),
      },
      ...(outbox ? [{ label: 'outbox', item: alertOutboxWrite(tableName, outbox) }] : []),
      ...(incident.training
        ? [
            {
              label: 'training',
              item: trainingEntryPut(tableName, {
                schoolId,
                incidentId,
                number: incident.number,
                pupilId: subject.pupilId,
                recordedAt,
                recordedBy: incident.recordedBy,
              }),
            },
          ]
        : []),
    ];
  }
}

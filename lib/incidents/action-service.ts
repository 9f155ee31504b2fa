/**
 * Adding an action to an incident (REC-4, BYD-5). The recorder must be able to see the incident (a key
 * holder with its categories, or anyone through an unread alert to it). The action goes on the copy it
 * was added from and on the subject's copy, or on every involved pupil's copy when copied to linked
 * pupils; extra categories join the incident for exactly those pupils (and start their monitoring); a
 * referral decision is recorded on the incident. The incident's earlier version is kept when it changes.
 * Everything is ONE TransactWrite; alerts are delivered after it, as for incidents.
 */
import { alertOutboxWrite, outboxHasWork, type AlertOutbox } from '../alerts/alert-outbox';
import { recipientOf, resolveRecipients } from '../alerts/alert-recipients';
import { automaticRecipients } from '../alerts/auto-alert-matching';
import { startMonitoringWrites } from '../monitoring/monitoring-writes';
import type { Pupil } from '../pupils/pupil';
import { MAX_TRANSACTION_ITEMS } from '../pupils/transact-write-item';
import { trainingEntryPut } from '../training/training-entry';
import type { ChronologyAction } from './chronology-entry';
import { historyPut } from './dashboard-items';
import { incidentAccess } from './incident-access';
import {
  FieldRefusals,
  IncidentConflictError,
  IncidentFieldsError,
  IncidentNotFoundError,
} from './incident-errors';
import {
  actionCopyFor,
  actionCopyPut,
  actionPut,
  categoryUsePut,
  copyPut,
  incidentPut,
  incidentUnchanged,
  incidentVersionPut,
} from './incident-items';
import { allCategoryIds, copyFor, schoolDate, utc } from './incident-records';
import type { Stored } from './incident-repository';
import type { Action, Incident, NewAction } from './incident';
import type { IncidentWriteDependencies } from './incident-service';
import { TransactionRefusedError, labelled, writeLabelled, type LabelledWrite } from './labelled-transaction';
import { checkAgencies, checkCategories, checkFiles, checkNotInFuture, checkReferral } from './record-checks';
import { requestFingerprint } from './request-fingerprint';
import { categoryNames, type SchoolReference } from './school-reference';
import { staffRefOf, type Viewer } from './viewer';

export interface AddedAction {
  /** The action as it shows on the copy it was added from. */
  readonly action: ChronologyAction;
  readonly created: boolean;
}

interface PlannedAction {
  readonly action: Action;
  /** The pupil whose copy the action was added from (attached files go to their vault). */
  readonly shownOn: string;
  /** The incident after the action, when the action changes it (categories, referral, alerted people). */
  readonly next?: Incident;
  readonly outbox?: AlertOutbox;
  /** Pupils gaining categories, with the categories each gains. */
  readonly gains: ReadonlyMap<string, readonly string[]>;
}

export class ActionService {
  constructor(private readonly deps: IncidentWriteDependencies) {}

  async add(viewer: Viewer, incidentId: string, input: NewAction): Promise<AddedAction> {
    return this.attempt(viewer, incidentId, input, requestFingerprint({ incidentId, ...input }), true);
  }

  private async attempt(
    viewer: Viewer,
    incidentId: string,
    input: NewAction,
    requestHash: string,
    mayRetry: boolean,
  ): Promise<AddedAction> {
    const { deps } = this;
    const { schoolId, personId } = viewer.actor;
    const [incident, existing, pupil, alert, reference] = await Promise.all([
      deps.incidents.getIncident(schoolId, incidentId),
      deps.incidents.getAction(schoolId, incidentId, input.actionId),
      deps.pupils.get(schoolId, input.pupilId),
      deps.inbox.get(schoolId, personId, incidentId),
      deps.reference(schoolId),
    ]);
    const own = incident?.pupils.find((entry) => entry.pupilId === input.pupilId);
    if (!incident || incident.deleted || !pupil || !own) throw new IncidentNotFoundError();
    if (!incidentAccess(viewer, pupil, own.categoryIds, alert).visible) throw new IncidentNotFoundError();
    if (existing) return this.repeat(viewer, existing, requestHash, input.pupilId);

    const plan = this.plan(viewer, incident, input, reference, pupil.classIds);
    const gainers = [...plan.gains.keys()];
    const pupils = gainers.length > 0 ? await deps.pupils.getMany(schoolId, gainers) : [];
    const writes = this.writes(incident, plan, pupils, requestHash, reference.timeZone);
    if (writes.length > MAX_TRANSACTION_ITEMS) {
      throw new IncidentFieldsError('invalid', [
        {
          field: 'body.copyToLinkedPupils',
          reason: 'this incident has too many linked pupils to copy an action with new categories to all',
        },
      ]);
    }
    try {
      await writeLabelled(deps.dynamo, writes);
    } catch (error) {
      if (!(error instanceof TransactionRefusedError)) throw error;
      if (error.refusedBy('action').length > 0) {
        const stored = await deps.incidents.getAction(schoolId, incidentId, input.actionId);
        if (stored) return this.repeat(viewer, stored, requestHash, input.pupilId);
      }
      if (error.refusedBy('attachment').length > 0) {
        throw new IncidentFieldsError('invalid', [
          { field: 'body.documentIds', reason: 'must be your own uploads for this pupil, not yet attached' },
        ]);
      }
      const closed = error.refusedBy('category:').map((label) => label.slice('category:'.length));
      if (closed.length > 0) {
        throw new IncidentFieldsError(
          'invalid',
          input.categoryIds
            .map((id, index) => ({ id, field: `body.categoryIds.${index}` }))
            .filter(({ id }) => closed.includes(id))
            .map(({ field }) => ({ field, reason: 'was disabled or merged just now' })),
        );
      }
      // The incident or a pupil's monitoring changed between the read and the write: read again, once.
      if (mayRetry) return this.attempt(viewer, incidentId, input, requestHash, false);
      throw new IncidentConflictError('The incident changed while the action was being added. Try again.');
    }

    await Promise.all([
      ...plan.action.pupilIds.map((pupilId) =>
        deps.audit.record(viewer.actor, {
          action: 'action.create',
          resourceType: 'action',
          resourceId: plan.action.actionId,
          pupilId,
          detail: `on incident ${incident.number}`,
        }),
      ),
      plan.outbox ? deps.delivery.deliverOrLeave(plan.outbox) : Promise.resolve(true),
    ]);
    return { action: actionCopyFor(plan.action, input.pupilId), created: true };
  }

  private async repeat(
    viewer: Viewer,
    stored: Stored<Action>,
    requestHash: string,
    pupilId: string,
  ): Promise<AddedAction> {
    if (stored.recordedBy.personId !== viewer.actor.personId || stored.requestHash !== requestHash) {
      throw new IncidentConflictError(
        'This action id was already used for a different action. Start a new action form.',
        'body.actionId',
      );
    }
    const pending = await this.deps.outbox.get(stored.schoolId, stored.incidentId, {
      kind: 'action',
      actionId: stored.actionId,
    });
    if (pending) await this.deps.delivery.deliverOrLeave(pending);
    return { action: actionCopyFor(stored, pupilId), created: false };
  }

  /** Checks the action against the school's data and works out everything it changes. */
  private plan(
    viewer: Viewer,
    incident: Incident,
    input: NewAction,
    reference: SchoolReference,
    /** The classes of the pupil the action is added from, for class alert rules. */
    classIds: readonly string[],
  ): PlannedAction {
    const refusals = new FieldRefusals();
    checkCategories(input.categoryIds, 'body.categoryIds', reference, viewer.access, refusals);
    checkAgencies(input.agencyIds, 'body.agencyIds', reference, refusals);
    checkReferral(input.referral, 'body.referral', reference, refusals);
    const now = this.deps.now();
    checkNotInFuture(input.occurredAt, now, 'body.occurredAt', refusals);
    checkFiles(input.documentIds, viewer.access, refusals);
    const named = resolveRecipients(input.alerts, reference.members, reference.alertGroups, 'body.alerts');
    refusals.addAll('invalid', named.errors);
    refusals.throwIfAny();

    const recorder = staffRefOf(viewer);
    const recordedAt = now.toISOString();
    const recipients = new Map(named.recipients.map((recipient) => [recipient.personId, recipient]));
    if (input.alertIncidentRecipients) {
      for (const personId of incident.alertedPersonIds) {
        const member = reference.members.get(personId);
        if (member?.status === 'active') recipients.set(personId, recipientOf(member));
      }
    }
    const receivers = input.copyToLinkedPupils
      ? incident.pupils.map((entry) => entry.pupilId)
      : [...new Set([incident.pupilId, input.pupilId])];
    const gains = new Map<string, string[]>();
    const pupils = incident.pupils.map((entry) => {
      if (!receivers.includes(entry.pupilId)) return entry;
      const gained = input.categoryIds.filter((categoryId) => !entry.categoryIds.includes(categoryId));
      if (gained.length === 0) return entry;
      gains.set(entry.pupilId, gained);
      return { ...entry, categoryIds: [...entry.categoryIds, ...gained] };
    });
    // Automatic alerts (REC-5) about the copy the action is added from, with its categories after it.
    const shownCategories = [
      ...new Set([
        ...(incident.pupils.find((entry) => entry.pupilId === input.pupilId)?.categoryIds ?? []),
        ...input.categoryIds,
      ]),
    ];
    const automatic = automaticRecipients(
      { pupilId: input.pupilId, classIds, categoryIds: shownCategories },
      {
        rules: reference.autoAlertRules ?? [],
        members: reference.members,
        userGroups: reference.userGroups ?? new Map(),
        categories: reference.categories,
        settings: reference.settings,
        // Without the classes, class restrictions (when on) let nobody be alerted: it fails closed.
        classGroups: reference.classGroups ?? [],
      },
      viewer.actor.personId,
    );
    for (const recipient of automatic) {
      if (!recipients.has(recipient.personId)) recipients.set(recipient.personId, recipient);
    }
    const alerted = [...new Set([...incident.alertedPersonIds, ...recipients.keys()])];
    const changes =
      gains.size > 0 || input.referral !== undefined || alerted.length > incident.alertedPersonIds.length;
    const next: Incident | undefined = changes
      ? {
          ...incident,
          pupils,
          ...(input.referral
            ? { referral: { ...input.referral, decidedAt: recordedAt, decidedBy: recorder } }
            : {}),
          alertedPersonIds: alerted,
          version: incident.version + 1,
          updatedAt: recordedAt,
          updatedBy: recorder,
          // The history says why each version exists; this one came from the action.
          changeReason: 'An action was added',
        }
      : undefined;
    const action: Action = {
      actionId: input.actionId,
      incidentId: incident.incidentId,
      schoolId: incident.schoolId,
      text: input.text,
      categoryIds: input.categoryIds,
      agencyIds: input.agencyIds,
      occurredAt: utc(input.occurredAt),
      recordedAt,
      recordedBy: recorder,
      pupilIds: receivers,
      documentIds: input.documentIds,
      // Training mode (REC-11) marks what is recorded while it is on, even on an ordinary incident.
      training: reference.settings.trainingMode,
      version: 1,
      updatedAt: recordedAt,
      updatedBy: recorder,
    };
    const shownOn = (next ?? incident).pupils.find((entry) => entry.pupilId === input.pupilId)!;
    const outbox: AlertOutbox = {
      schoolId: incident.schoolId,
      incidentId: incident.incidentId,
      event: { kind: 'action', actionId: action.actionId },
      pupilId: shownOn.pupilId,
      pupilDisplayName: shownOn.displayName,
      categoryIds: shownOn.categoryIds,
      categoryNames: categoryNames(reference, shownOn.categoryIds),
      alertedBy: recorder,
      createdAt: recordedAt,
      recipients: [...recipients.values()],
    };
    return {
      action,
      shownOn: input.pupilId,
      ...(next ? { next } : {}),
      ...(outboxHasWork(outbox) ? { outbox } : {}),
      gains,
    };
  }

  private writes(
    incident: Stored<Incident>,
    plan: PlannedAction,
    pupils: readonly Pupil[],
    requestHash: string,
    timeZone: string,
  ): LabelledWrite[] {
    const { tableName, categoryCheck } = this.deps;
    const { action, next } = plan;
    const { schoolId, incidentId } = incident;
    const newCategories = next
      ? allCategoryIds(next).filter((categoryId) => !allCategoryIds(incident).includes(categoryId))
      : [];
    const subject = (next ?? incident).pupils[0]!;
    const shownOn = (next ?? incident).pupils.find((entry) => entry.pupilId === plan.shownOn)!;
    const attached = this.deps.attachments(
      {
        schoolId,
        pupilId: shownOn.pupilId,
        uploaderPersonId: action.recordedBy.personId,
        incidentId,
        actionId: action.actionId,
        categoryIds: shownOn.categoryIds,
        training: action.training,
      },
      action.documentIds,
    );
    return [
      { label: 'action', item: actionPut(tableName, action, { requestHash }) },
      ...labelled('attachment', attached),
      ...action.pupilIds.map((pupilId) => ({
        label: 'action-copy',
        item: actionCopyPut(tableName, actionCopyFor(action, pupilId), incident.occurredAt),
      })),
      ...(next
        ? [
            {
              label: 'incident',
              item: incidentPut(tableName, next, { requestHash: incident.requestHash }, incident.version),
            },
            { label: 'incident-version', item: incidentVersionPut(tableName, incident) },
            ...next.pupils.map((entry) => ({
              label: 'incident',
              item: copyPut(tableName, copyFor(next, entry.pupilId), incident.version),
            })),
          ]
        : [{ label: 'incident', item: incidentUnchanged(tableName, incident) }]),
      ...newCategories.map((categoryId) => ({
        label: 'category-use',
        item: categoryUsePut(tableName, schoolId, categoryId, incidentId, action.recordedAt),
      })),
      ...action.categoryIds.map((categoryId) => ({
        label: `category:${categoryId}`,
        item: categoryCheck(schoolId, categoryId),
      })),
      ...pupils.flatMap((pupil) =>
        labelled(
          `monitoring:${pupil.pupilId}`,
          startMonitoringWrites({
            tableName,
            pupil,
            categoryIds: plan.gains.get(pupil.pupilId) ?? [],
            since: schoolDate(timeZone, action.occurredAt),
            at: action.recordedAt,
            startedBy: action.recordedBy.personId,
            reason: 'incident',
            incidentId,
          }).items,
        ),
      ),
      {
        label: 'history',
        item: historyPut(
          tableName,
          {
            schoolId,
            incidentId,
            number: incident.number,
            pupilId: subject.pupilId,
            pupilDisplayName: subject.displayName,
            categoryIds: subject.categoryIds,
          },
          action.recordedBy,
          { at: action.recordedAt, actionId: action.actionId },
        ),
      },
      ...(plan.outbox ? [{ label: 'outbox', item: alertOutboxWrite(tableName, plan.outbox) }] : []),
      ...(action.training
        ? [
            {
              label: 'training',
              item: trainingEntryPut(tableName, {
                schoolId,
                incidentId,
                actionId: action.actionId,
                number: incident.number,
                pupilId: plan.shownOn,
                recordedAt: action.recordedAt,
                recordedBy: action.recordedBy,
              }),
            },
          ]
        : []),
    ];
  }
}

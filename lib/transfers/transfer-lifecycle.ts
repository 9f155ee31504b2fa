/**
 * The people's side of the lifecycle (TRF-2, TRF-3, BYD-1, BYD-2): the new school requests or dismisses
 * or cancels and confirms receipt; the previous school authorises or rejects. Each decision is checked
 * against the school's side and the transfer's status, recorded in DynamoDB (conditional on the version
 * read, so one of two racing clicks wins and the other is told what happened), and only then handed to
 * the waiting state machine as a task-token callback. The wait re-reads the record whenever it starts,
 * so a callback that misses its token is never a lost decision.
 */
import type { AuditActor } from '../audit/audit-event';
import type { AuditLog } from '../audit/audit-log';
import { StaleItemError } from '../data/school-collection';
import type { StaffRef } from '../incidents/incident';
import type { Pupil } from '../pupils/pupil';
import { TransferConflictError, TransferNotFoundError } from './transfer-errors';
import type { TransferMailKind, TransferNotifier } from './transfer-notifier';
import type { TransferListing, TransferRepository, TransferStage } from './transfer-repository';
import {
  directionFor,
  type SettingsAtAuthorisation,
  type Transfer,
  type TransferClock,
  type TransferDirection,
  type TransferSettings,
  type TransferStatus,
} from './transfer';

export type TransferDecision = 'request' | 'dismiss' | 'cancel' | 'authorise' | 'reject';

interface DecisionRule {
  /** The side that may take it. */
  readonly by: TransferDirection;
  /** The status it applies to. */
  readonly from: readonly TransferStatus[];
  readonly to: TransferStatus;
  /** The wait it answers. */
  readonly stage: TransferStage;
  /** Who is told, and with which mail. */
  readonly tell: { readonly side: TransferDirection; readonly kind: TransferMailKind };
  readonly past: string;
}

const RULES: Readonly<Record<TransferDecision, DecisionRule>> = {
  request: {
    by: 'incoming',
    from: ['Pending'],
    to: 'Requested',
    stage: 'request',
    tell: { side: 'outgoing', kind: 'requested' },
    past: 'requested',
  },
  dismiss: {
    by: 'incoming',
    from: ['Pending'],
    to: 'Dismissed',
    stage: 'request',
    tell: { side: 'outgoing', kind: 'dismissed' },
    past: 'dismissed',
  },
  cancel: {
    by: 'incoming',
    from: ['Requested'],
    to: 'Cancelled',
    stage: 'authorisation',
    tell: { side: 'outgoing', kind: 'cancelled' },
    past: 'cancelled',
  },
  authorise: {
    by: 'outgoing',
    from: ['Requested'],
    to: 'Transferring',
    stage: 'authorisation',
    tell: { side: 'incoming', kind: 'authorised' },
    past: 'authorised',
  },
  reject: {
    by: 'outgoing',
    from: ['Requested'],
    to: 'Rejected',
    stage: 'authorisation',
    tell: { side: 'incoming', kind: 'rejected' },
    past: 'rejected',
  },
};

/** The school-facing actor and request facts a decision is audited with. */
export interface TransferActor {
  readonly audit: AuditActor;
  readonly staff: StaffRef;
}

export interface TransferLifecycleDependencies {
  readonly transfers: TransferRepository;
  readonly audit: AuditLog;
  readonly notifier: TransferNotifier;
  /** Hands a status to the task token the lifecycle waits on; a stale token is not an error. */
  readonly deliver: (taskToken: string, status: TransferStatus) => Promise<void>;
  /** The KCSIE clock for a request made now, in the previous school's calendar. */
  readonly clockFor: (previousSchoolId: string, requestedAt: string) => Promise<TransferClock>;
  /** The pupil as the school holds them now (for the re-admission check at authorisation). */
  readonly pupil: (schoolId: string, pupilId: string) => Promise<Pupil | undefined>;
  /** The school's categories' names by id (for recording the settings in force). */
  readonly categoryNames: (schoolId: string) => Promise<ReadonlyMap<string, string>>;
  readonly now?: () => Date;
}

export interface TransferFilters {
  readonly direction?: TransferDirection | undefined;
  readonly status?: TransferStatus | undefined;
  /** Only those a decision is waiting on from this school. */
  readonly actionable?: boolean | undefined;
  /** Part of the pupil's name, the other school's name, or the matching UPN/ULN. */
  readonly q?: string | undefined;
}

export class TransferLifecycle {
  private readonly now: () => Date;

  constructor(private readonly deps: TransferLifecycleDependencies) {
    this.now = deps.now ?? (() => new Date());
  }

  /** A school's transfers, newest first, filtered as Admin > Transfers asks. One Query. */
  async list(schoolId: string, filters: TransferFilters): Promise<TransferListing[]> {
    const all = await this.deps.transfers.listFor(schoolId);
    const q = filters.q?.trim().toLowerCase();
    return all
      .filter((listing) => filters.direction === undefined || listing.direction === filters.direction)
      .filter((listing) => filters.status === undefined || listing.status === filters.status)
      .filter((listing) => !filters.actionable || isActionable(listing))
      .filter(
        (listing) =>
          !q ||
          listing.pupilName.toLowerCase().includes(q) ||
          listing.otherSchoolName.toLowerCase().includes(q) ||
          listing.matchedOn.value.toLowerCase() === q,
      )
      .reverse();
  }

  /** The transfer, if this school is one of its two; NotFound otherwise (never reveals another's). */
  async get(schoolId: string, transferId: string): Promise<Transfer> {
    const transfer = await this.deps.transfers.get(transferId);
    if (!transfer || (transfer.from.schoolId !== schoolId && transfer.to.schoolId !== schoolId)) {
      throw new TransferNotFoundError();
    }
    return transfer;
  }

  async decide(
    actor: TransferActor,
    transferId: string,
    decision: TransferDecision,
    note?: string,
  ): Promise<Transfer> {
    const schoolId = actor.audit.schoolId;
    const rule = RULES[decision];
    const transfer = await this.get(schoolId, transferId);
    const direction = directionFor(transfer, schoolId);
    if (direction !== rule.by) {
      throw new TransferConflictError(
        rule.by === 'incoming'
          ? `Only the new school (${transfer.to.schoolName}) can ${decision} this transfer.`
          : `Only the previous school (${transfer.from.schoolName}) can ${decision} this transfer.`,
      );
    }
    if (!rule.from.includes(transfer.status))
      throw new TransferConflictError(alreadyDecided(transfer, decision));

    const at = this.now().toISOString();
    let next: Transfer = this.advance(transfer, rule.to, at, actor, note);
    if (decision === 'request') {
      next = { ...next, clock: await this.deps.clockFor(transfer.from.schoolId, at) };
    }
    if (decision === 'authorise') {
      const readmitted = await this.readmitted(transfer);
      if (readmitted) {
        await this.makeObsolete(transfer, readmitted, at);
        throw new TransferConflictError(
          'The pupil is on your roll again, so this transfer is now obsolete and nothing was sent.',
        );
      }
      next = { ...next, settingsAtAuthorisation: await this.settingsInForce(transfer.from.schoolId) };
    }
    await this.save(next, decision);
    await this.deliver(next, rule.stage);
    await this.auditBoth(actor, next, `transfer.${decision}`, note);
    const told = rule.tell.side === 'incoming' ? next.to.schoolId : next.from.schoolId;
    await this.deps.notifier.notify(told, rule.tell.kind, transferId);
    return next;
  }

  /** BYD-2: the receiving DSL confirms the manifest; kept on the transfer, seen by both schools. */
  async confirmReceipt(actor: TransferActor, transferId: string): Promise<Transfer> {
    const schoolId = actor.audit.schoolId;
    const transfer = await this.get(schoolId, transferId);
    if (directionFor(transfer, schoolId) !== 'incoming') {
      throw new TransferConflictError('Only the new school confirms receipt.');
    }
    if (transfer.receipt) {
      throw new TransferConflictError(
        `Receipt was already confirmed by ${transfer.receipt.confirmedBy.name} at ${transfer.receipt.confirmedAt}.`,
      );
    }
    if (transfer.status !== 'Transferred' || !transfer.manifest) {
      throw new TransferConflictError(`There is nothing to confirm yet: the transfer is ${transfer.status}.`);
    }
    const at = this.now().toISOString();
    const next: Transfer = {
      ...transfer,
      receipt: { confirmedAt: at, confirmedBy: actor.staff, schoolId },
      history: [
        ...transfer.history,
        { status: 'Transferred', at, by: actor.staff, schoolId, note: 'Receipt confirmed' },
      ],
      updatedAt: at,
      version: transfer.version + 1,
    };
    await this.save(next, 'confirm');
    await this.auditBoth(actor, next, 'transfer.receipt');
    await this.deps.notifier.notify(next.from.schoolId, 'receipt-confirmed', transferId);
    return next;
  }

  async settings(schoolId: string): Promise<TransferSettings> {
    return this.deps.transfers.settings(schoolId);
  }

  /** TRF-3: which categories' incidents transfer; unknown category ids are refused by the caller. */
  async saveSettings(
    actor: TransferActor,
    categoryIds: readonly string[],
    version: number,
  ): Promise<TransferSettings> {
    const schoolId = actor.audit.schoolId;
    const names = await this.deps.categoryNames(schoolId);
    const unknown = categoryIds.findIndex((categoryId) => !names.has(categoryId));
    if (unknown !== -1)
      throw new TransferConflictError(
        'must be a category of this school',
        `body.categoryIds.${unknown}`,
        400,
      );
    const next: TransferSettings = {
      categoryIds: [...new Set(categoryIds)],
      updatedAt: this.now().toISOString(),
      updatedBy: actor.staff,
      version: version + 1,
    };
    try {
      await this.deps.transfers.saveSettings(schoolId, next);
    } catch (error) {
      if (error instanceof StaleItemError) {
        throw new TransferConflictError(
          'The transfer settings were changed by someone else: reload and try again.',
          'body.version',
        );
      }
      throw error;
    }
    await this.deps.audit.record(actor.audit, {
      action: 'transfer.settings',
      resourceType: 'transfer-settings',
      resourceId: schoolId,
      detail: `${next.categoryIds.length} categories transfer`,
    });
    return next;
  }

  private advance(
    transfer: Transfer,
    status: TransferStatus,
    at: string,
    actor: TransferActor,
    note?: string,
  ): Transfer {
    return {
      ...transfer,
      status,
      history: [
        ...transfer.history,
        { status, at, by: actor.staff, schoolId: actor.audit.schoolId, ...(note ? { note } : {}) },
      ],
      updatedAt: at,
      version: transfer.version + 1,
    };
  }

  private async save(next: Transfer, what: string): Promise<void> {
    try {
      await this.deps.transfers.save(next);
    } catch (error) {
      if (!(error instanceof StaleItemError)) throw error;
      const now = await this.deps.transfers.get(next.transferId);
      throw new TransferConflictError(
        now
          ? `The transfer changed while you were deciding (it is now ${now.status}); nothing was ${what === 'confirm' ? 'confirmed' : 'changed'}. Reload to see it.`
          : 'The transfer changed while you were deciding; reload to see it.',
      );
    }
  }

  /** Hands the new status to the waiting execution, if it waits in this stage. */
  private async deliver(transfer: Transfer, stage: TransferStage): Promise<void> {
    const token = await this.deps.transfers.token(transfer.transferId);
    if (token && token.stage === stage) await this.deps.deliver(token.taskToken, transfer.status);
  }

  /** Re-admitted at the previous school, or no longer on the new school's roll: the pupil who makes it obsolete. */
  private async readmitted(transfer: Transfer): Promise<'previous' | 'new' | undefined> {
    const [previous, next] = await Promise.all([
      this.deps.pupil(transfer.from.schoolId, transfer.from.pupilId),
      this.deps.pupil(transfer.to.schoolId, transfer.to.pupilId),
    ]);
    if (previous && !previous.archived) return 'previous';
    if (!next || next.archived) return 'new';
    return undefined;
  }

  private async makeObsolete(transfer: Transfer, why: 'previous' | 'new', at: string): Promise<void> {
    const next: Transfer = {
      ...transfer,
      status: 'Obsolete',
      history: [
        ...transfer.history,
        {
          status: 'Obsolete',
          at,
          note:
            why === 'previous'
              ? 'The pupil is on the previous school’s roll again'
              : 'The pupil has left the new school',
        },
      ],
      updatedAt: at,
      version: transfer.version + 1,
    };
    await this.save(next, 'obsolete');
    await this.deliver(next, 'authorisation');
  }

  private async settingsInForce(schoolId: string): Promise<SettingsAtAuthorisation> {
    const [settings, names] = await Promise.all([
      this.deps.transfers.settings(schoolId),
      this.deps.categoryNames(schoolId),
    ]);
    return {
      categories: settings.categoryIds
        .filter((categoryId) => names.has(categoryId))
        .map((categoryId) => ({ categoryId, name: names.get(categoryId) ?? categoryId })),
    };
  }

  /** Every step is audited at both schools: the actor's own, and the other under `system:transfers`. */
  private async auditBoth(
    actor: TransferActor,
    transfer: Transfer,
    action:
      | 'transfer.request'
      | 'transfer.dismiss'
      | 'transfer.cancel'
      | 'transfer.authorise'
      | 'transfer.reject'
      | 'transfer.receipt',
    note?: string,
  ): Promise<void> {
    const own = directionFor(transfer, actor.audit.schoolId);
    const ownPupil = own === 'incoming' ? transfer.to : transfer.from;
    const other = own === 'incoming' ? transfer.from : transfer.to;
    const mySchool = own === 'incoming' ? transfer.to : transfer.from;
    const detail = `${transfer.status}${note ? `; note given` : ''}`;
    await this.deps.audit.record(actor.audit, {
      action,
      resourceType: 'transfer',
      resourceId: transfer.transferId,
      pupilId: ownPupil.pupilId,
      detail,
    });
    await this.deps.audit.record(
      transferSystemActor(
        other.schoolId,
        actor.audit.requestId,
        `${actor.staff.name} at ${mySchool.schoolName}`,
      ),
      { action, resourceType: 'transfer', resourceId: transfer.transferId, pupilId: other.pupilId, detail },
    );
  }
}

/** The audit actor for what another school, or Lantern itself, did to this school's transfer. */
export function transferSystemActor(schoolId: string, requestId: string, actorName: string): AuditActor {
  return {
    schoolId,
    personId: 'system:transfers',
    actorName,
    sourceIp: 'Lantern transfers',
    userAgent: 'Lantern transfers',
    requestId,
  };
}

/** Waiting on this school: a Pending incoming transfer to request, a Requested outgoing one to authorise, receipt to confirm. */
export function isActionable(listing: TransferListing): boolean {
  if (listing.direction === 'incoming') {
    return listing.status === 'Pending' || (listing.status === 'Transferred' && !listing.receiptConfirmed);
  }
  return listing.status === 'Requested';
}

const UK_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  dateStyle: 'long',
  timeStyle: 'short',
});

/** A clear answer to a second click, or a click that comes too late. */
function alreadyDecided(transfer: Transfer, decision: TransferDecision): string {
  // The person's step that led here (Lantern's own steps, like the copy, name nobody).
  const last =
    [...transfer.history].reverse().find((step) => step.by !== undefined) ?? transfer.history.at(-1);
  const who = last?.by ? ` by ${last.by.name}` : '';
  const when = last ? ` on ${UK_TIME.format(new Date(last.at))}` : '';
  switch (transfer.status) {
    case 'Transferring':
    case 'Transferred':
      return `This transfer was already authorised${who}${when}; once authorised it cannot be ${RULES[decision].past === 'authorised' ? 'authorised again or re-sent' : `${RULES[decision].past}`}.`;
    case 'Requested':
      return decision === 'request'
        ? `This transfer was already requested${who}${when}.`
        : `This transfer is requested and waiting for the previous school; it cannot be ${RULES[decision].past} now.`;
    case 'Pending':
      return `This transfer has not been requested yet, so it cannot be ${RULES[decision].past}.`;
    default:
      return `This transfer is ${transfer.status}${who}${when}; it cannot be ${RULES[decision].past}.`;
  }
}

/**
 * What the transfer state machine's task steps do (statemachines/transfer.asl.json). Every step can run
 * twice (Step Functions retries, a Lambda that timed out after writing): each reads the transfer afresh
 * and changes it only conditionally on the version read, so a repeat finds the work done.
 */
import type { AuditLog } from '../audit/audit-log';
import { StaleItemError } from '../data/school-collection';
import { transferSystemActor } from './transfer-lifecycle';
import type { TransferNotifier } from './transfer-notifier';
import type { TransferRepository, TransferStage } from './transfer-repository';
import type { Transfer, TransferManifest, TransferStatus } from './transfer';

/** The copy engine as the lifecycle drives it (lib/transfers/copy/transfer-copier.ts). */
export interface TransferCopyPort {
  copy(
    request: {
      readonly transferId: string;
      readonly from: { readonly schoolId: string; readonly schoolName: string; readonly pupilId: string };
      readonly to: { readonly schoolId: string; readonly pupilId: string };
      readonly categoryIds: readonly string[];
    },
    cursor: string | undefined,
    budgetMs: number,
  ): Promise<{ done: false; cursor: string } | { done: true; manifest: TransferManifest }>;
}

export interface TransferStepsDependencies {
  readonly transfers: TransferRepository;
  readonly notifier: TransferNotifier;
  readonly audit: AuditLog;
  readonly copier: TransferCopyPort;
  /** Completes a waiting task; a token that is no longer waiting is not an error. */
  readonly deliver: (taskToken: string, status: TransferStatus) => Promise<void>;
  readonly now?: () => Date;
}

/**
 * The longest a wait lasts before the clock looks again: a week. A timer further off (a request at the
 * start of the summer holiday is due in September) is reached by several waits; each tick is one read.
 */
export const LONGEST_WAIT_SECONDS = 7 * 24 * 3600;

/** Which status ends each wait. */
const WAITING_STATUS: Readonly<Record<TransferStage, TransferStatus>> = {
  request: 'Pending',
  authorisation: 'Requested',
};

export class TransferSteps {
  private readonly now: () => Date;

  constructor(private readonly deps: TransferStepsDependencies) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Tells the new school there is a transfer to request. */
  async detected(transferId: string): Promise<{ status: TransferStatus }> {
    const transfer = await this.load(transferId);
    if (transfer.status === 'Pending')
      await this.deps.notifier.notify(transfer.to.schoolId, 'detected', transferId);
    return { status: transfer.status };
  }

  /**
   * Records the token the wait holds, then reads the transfer: if the decision the wait is for has
   * already been recorded (it arrived while no token was held, or raced this one), answers at once.
   */
  async await(transferId: string, stage: TransferStage, taskToken: string): Promise<void> {
    await this.deps.transfers.recordToken(transferId, { taskToken, stage }, this.now().toISOString());
    const transfer = await this.load(transferId);
    if (transfer.status !== WAITING_STATUS[stage]) await this.deps.deliver(taskToken, transfer.status);
  }

  /**
   * BYD-1. Sends whatever the clock says is due (the reminder before day 5, the escalation after it,
   * once each; the request itself was mailed by the API) and returns how long until the next timer,
   * which the state machine uses as the wait's timeout.
   */
  async clock(transferId: string): Promise<{ secondsToNextTimer: number }> {
    let transfer = await this.load(transferId);
    if (transfer.status !== 'Requested' || !transfer.clock) return { secondsToNextTimer: 1 };
    const now = this.now();
    const at = now.toISOString();
    const clock = transfer.clock;
    if (!clock.remindedAt && at >= clock.remindAt && at < clock.escalateAt) {
      transfer = await this.update(transfer, { ...transfer, clock: { ...clock, remindedAt: at } });
      await this.deps.notifier.notify(transfer.from.schoolId, 'reminder', transferId);
    }
    if (!transfer.clock?.escalatedAt && at >= clock.escalateAt) {
      transfer = await this.update(transfer, {
        ...transfer,
        clock: { ...(transfer.clock ?? clock), escalatedAt: at },
      });
      await this.deps.notifier.notify(transfer.from.schoolId, 'escalation', transferId);
      await this.deps.notifier.notify(transfer.to.schoolId, 'overdue', transferId);
    }
    return { secondsToNextTimer: secondsToNextTimer(transfer, now) };
  }

  /** One batch of the copy; when the copy is done, the manifest is recorded and both schools told. */
  async copy(transferId: string, cursor: string): Promise<{ done: boolean; cursor: string }> {
    const transfer = await this.load(transferId);
    if (transfer.status === 'Transferred') return { done: true, cursor: '' };
    if (transfer.status !== 'Transferring') {
      throw new Error(`Transfer ${transferId} is ${transfer.status}, not Transferring`);
    }
    const progress = await this.deps.copier.copy(
      {
        transferId,
        from: {
          schoolId: transfer.from.schoolId,
          schoolName: transfer.from.schoolName,
          pupilId: transfer.from.pupilId,
        },
        to: { schoolId: transfer.to.schoolId, pupilId: transfer.to.pupilId },
        categoryIds: (transfer.settingsAtAuthorisation?.categories ?? []).map(
          (category) => category.categoryId,
        ),
      },
      cursor === '' ? undefined : cursor,
      COPY_BUDGET_MS,
    );
    if (!progress.done) return { done: false, cursor: progress.cursor };
    const at = this.now().toISOString();
    const done = await this.update(transfer, {
      ...transfer,
      status: 'Transferred',
      manifest: progress.manifest,
      history: [...transfer.history, { status: 'Transferred', at }],
    });
    const { counts } = progress.manifest;
    const detail = `${counts.incidents} incidents, ${counts.actions} actions, ${counts.files} files`;
    for (const side of [done.from, done.to]) {
      await this.deps.audit.record(transferSystemActor(side.schoolId, transferId, 'Lantern transfers'), {
        action: 'transfer.copy',
        resourceType: 'transfer',
        resourceId: transferId,
        pupilId: side.pupilId,
        detail,
      });
    }
    await this.deps.notifier.notify(done.to.schoolId, 'transferred', transferId);
    return { done: true, cursor: '' };
  }

  /** The copy gave up after its retries: the transfer stays Transferring (a rerun resumes), and it is on record. */
  async copyFailed(transferId: string): Promise<void> {
    const transfer = await this.load(transferId);
    if (transfer.status !== 'Transferring') return;
    const at = this.now().toISOString();
    await this.update(transfer, {
      ...transfer,
      history: [
        ...transfer.history,
        { status: 'Transferring', at, note: 'The copy stopped and will resume when run again' },
      ],
    });
    await this.deps.notifier.notify(transfer.to.schoolId, 'copy-stopped', transferId);
  }

  private async load(transferId: string): Promise<Transfer> {
    const transfer = await this.deps.transfers.get(transferId);
    if (!transfer) throw new Error(`No transfer ${transferId}`);
    return transfer;
  }

  /** Saves a step's change; if a person's decision landed first, the step's change is dropped. */
  private async update(previous: Transfer, next: Transfer): Promise<Transfer> {
    const saved: Transfer = { ...next, updatedAt: this.now().toISOString(), version: previous.version + 1 };
    try {
      await this.deps.transfers.save(saved);
      return saved;
    } catch (error) {
      if (!(error instanceof StaleItemError)) throw error;
      return this.load(previous.transferId);
    }
  }
}

/** A batch stops starting new work after this long, well inside the task's 15 minutes. */
const COPY_BUDGET_MS = 10 * 60 * 1000;

export function secondsToNextTimer(transfer: Transfer, now: Date): number {
  const clock = transfer.clock;
  if (!clock) return LONGEST_WAIT_SECONDS;
  const timers = [
    ...(clock.remindedAt || clock.escalatedAt ? [] : [clock.remindAt]),
    ...(clock.escalatedAt ? [] : [clock.escalateAt]),
  ];
  const next = timers.map((timer) => Date.parse(timer)).find((timer) => Number.isFinite(timer));
  if (next === undefined) return LONGEST_WAIT_SECONDS;
  return Math.min(LONGEST_WAIT_SECONDS, Math.max(1, Math.ceil((next - now.getTime()) / 1000)));
}

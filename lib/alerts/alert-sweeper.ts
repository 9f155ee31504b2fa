/**
 * Finishes alert outbox items a request left behind (its Lambda stopped between the commit and the
 * delivery, or SES refused for a while). Run every five minutes by EventBridge Scheduler; an item is
 * taken once it is a minute old, so the request that wrote it has had its chance first.
 */
import { logger } from '../platform/observability';
import type { AlertDelivery } from './alert-delivery';
import type { AlertOutboxRepository } from './alert-outbox-repository';

/** Items younger than this are left to the request that wrote them. */
export const SWEEP_MIN_AGE_MS = 60_000;
/** Per run; a larger backlog is taken by the next runs. */
const SWEEP_BATCH = 100;

export interface SweepResult {
  readonly delivered: number;
  readonly failed: number;
}

export class AlertSweeper {
  constructor(
    private readonly outbox: AlertOutboxRepository,
    private readonly delivery: AlertDelivery,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async sweep(): Promise<SweepResult> {
    const cutoff = new Date(this.now().getTime() - SWEEP_MIN_AGE_MS).toISOString();
    const pending = await this.outbox.pendingBefore(cutoff, SWEEP_BATCH);
    let delivered = 0;
    let failed = 0;
    for (const item of pending) {
      try {
        await this.delivery.deliver(item);
        delivered += 1;
      } catch (error) {
        // One undeliverable item must not hold up the rest; it stays for the next run.
        failed += 1;
        logger.error('Alert outbox item not delivered', {
          schoolId: item.schoolId,
          incidentId: item.incidentId,
          errorName: error instanceof Error ? error.name : 'unknown',
        });
      }
    }
    return { delivered, failed };
  }
}

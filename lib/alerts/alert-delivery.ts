/**
 * Delivers an alert outbox item: the recipients' ALERT dashboard entries (idempotent Puts), one mail
 * per recipient (and one to the assignee), then the outbox item is deleted. Every step may run again
 * after a failure: the dashboard entries are the same items, and a mail may at worst arrive twice —
 * never not at all, because the outbox stays until every mail was accepted.
 */
import type { MailService, OutgoingMail } from '../mail/mail-service';
import { logger } from '../platform/observability';
import type { AlertInbox } from './alert-inbox';
import { alertMail, assignmentMail } from './alert-mail';
import type { AlertOutbox } from './alert-outbox';
import type { AlertOutboxRepository } from './alert-outbox-repository';
import type { DashboardAlert } from './dashboard-alert';

/** Mails in flight at once: SES's default sending rate is 14 a second. */
const MAIL_CONCURRENCY = 5;

export interface AlertDeliveryDependencies {
  readonly inbox: AlertInbox;
  readonly outbox: AlertOutboxRepository;
  readonly mail: MailService;
  readonly appBaseUrl: string;
}

export class AlertDelivery {
  constructor(private readonly deps: AlertDeliveryDependencies) {}

  async deliver(outbox: AlertOutbox): Promise<void> {
    const alerts: DashboardAlert[] = outbox.recipients.map((recipient) => ({
      personId: recipient.personId,
      incidentId: outbox.incidentId,
      ...(outbox.event.kind === 'action' ? { actionId: outbox.event.actionId } : {}),
      pupilId: outbox.pupilId,
      pupilDisplayName: outbox.pupilDisplayName,
      categoryIds: outbox.categoryIds,
      alertedBy: outbox.alertedBy,
      alertedAt: outbox.createdAt,
    }));
    await this.deps.inbox.putAll(outbox.schoolId, alerts);
    const mails = outbox.recipients.map((recipient) => alertMail(outbox, recipient, this.deps.appBaseUrl));
    if (outbox.assignee) mails.push(assignmentMail(outbox, outbox.assignee, this.deps.appBaseUrl));
    await this.sendAll(mails);
    await this.deps.outbox.delete(outbox);
  }

  /**
   * Delivers now if it can; if not, the outbox stays for a retry of the request or the sweeper, and the
   * record (already committed) is not failed for it. Answers whether it was delivered.
   */
  async deliverOrLeave(outbox: AlertOutbox): Promise<boolean> {
    try {
      await this.deliver(outbox);
      return true;
    } catch (error) {
      logger.warn('Alert delivery left to the sweeper', {
        schoolId: outbox.schoolId,
        incidentId: outbox.incidentId,
        errorName: error instanceof Error ? error.name : 'unknown',
      });
      return false;
    }
  }

  private async sendAll(mails: readonly OutgoingMail[]): Promise<void> {
    for (let start = 0; start < mails.length; start += MAIL_CONCURRENCY) {
      await Promise.all(
        mails.slice(start, start + MAIL_CONCURRENCY).map((mail) => this.deps.mail.send(mail)),
      );
    }
  }
}

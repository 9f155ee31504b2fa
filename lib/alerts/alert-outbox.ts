/**
 * The alert outbox (REC-5): one item per incident or action that alerts anyone, written in the same
 * transaction as the record, so an alert can never be lost between the record and its delivery. It
 * carries everything delivery needs (who, their addresses, which categories by name) and nothing of
 * what was recorded. Delivery deletes it; until then a retry of the request or the sweeper finishes it.
 */
import { z } from 'zod';
import { alertOutboxKeys } from '../data/keys';
import { StaffRefSchema } from '../incidents/incident';
import type { TransactWriteItem } from '../pupils/transact-write-item';

export const AlertRecipientSchema = z
  .object({ personId: z.string().uuid(), name: z.string(), email: z.string() })
  .strip();

export type AlertRecipient = z.output<typeof AlertRecipientSchema>;

const OutboxEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('incident') }).strip(),
  z.object({ kind: z.literal('action'), actionId: z.string().uuid() }).strip(),
]);

export const AlertOutboxSchema = z
  .object({
    schoolId: z.string().uuid(),
    incidentId: z.string().uuid(),
    event: OutboxEventSchema,
    /** The pupil whose copy the alert opens (the mail's link carries the id, never the name). */
    pupilId: z.string().uuid(),
    /** For the recipients' dashboards only; never put in a mail. */
    pupilDisplayName: z.string(),
    categoryIds: z.array(z.string()),
    categoryNames: z.array(z.string()),
    alertedBy: StaffRefSchema,
    createdAt: z.iso.datetime(),
    recipients: z.array(AlertRecipientSchema),
    /** The key holder the incident was assigned to, who is told by mail. */
    assignee: AlertRecipientSchema.optional(),
  })
  .strip();

export type AlertOutbox = z.output<typeof AlertOutboxSchema>;

export const ALERT_OUTBOX_ITEM_TYPE = 'AlertOutbox';

/** Whether delivering this outbox would reach anyone: an empty one is not written at all. */
export function outboxHasWork(outbox: Pick<AlertOutbox, 'recipients' | 'assignee'>): boolean {
  return outbox.recipients.length > 0 || outbox.assignee !== undefined;
}

/** The outbox's Put for the record's transaction; a second Put of the same event is refused. */
export function alertOutboxWrite(tableName: string, outbox: AlertOutbox): TransactWriteItem {
  const parsed = AlertOutboxSchema.parse(outbox);
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...alertOutboxKeys.item(parsed.schoolId, parsed.incidentId, parsed.event),
        GSI1PK: alertOutboxKeys.pendingPartition,
        GSI1SK: alertOutboxKeys.pendingSortKey(
          parsed.createdAt,
          parsed.schoolId,
          parsed.incidentId,
          parsed.event,
        ),
        itemType: ALERT_OUTBOX_ITEM_TYPE,
        ...parsed,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

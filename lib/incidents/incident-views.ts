/** What the incident endpoints answer with (the stored shapes are in incident.ts and chronology-entry.ts). */
import { z } from 'zod';
import { DashboardAlertSchema } from '../alerts/dashboard-alert';
import { PupilSummarySchema } from '../pupils/pupil';
import { ChronologyActionSchema, IncidentWithActionsSchema } from './chronology-entry';

/** What adding an incident answers: enough to find it again, none of what was recorded. */
export const IncidentReceiptSchema = z
  .object({
    incidentId: z.string().uuid(),
    number: z.number().int().positive(),
    pupilId: z.string().uuid(),
    occurredAt: z.iso.datetime(),
    recordedAt: z.iso.datetime(),
  })
  .meta({ id: 'IncidentReceipt' });

export type IncidentReceipt = z.output<typeof IncidentReceiptSchema>;

export const IncidentViewSchema = z
  .object({
    pupil: PupilSummarySchema,
    incident: IncidentWithActionsSchema,
    /** The viewer's unread alert to this incident, if any ("Mark as read" deletes it). */
    unreadAlert: DashboardAlertSchema.optional(),
    /**
     * The viewer may read this only because of that unread alert: once it is marked read they cannot
     * open the incident again (staff without a key, REC-5).
     */
    readableOnlyUntilMarkedRead: z.boolean(),
  })
  .meta({ id: 'IncidentView' });

export type IncidentView = z.output<typeof IncidentViewSchema>;

export const MarkReadResultSchema = z
  .object({
    /** The viewer's next unread alert, to go to next. */
    next: DashboardAlertSchema.pick({ incidentId: true, pupilId: true }).optional(),
  })
  .meta({ id: 'MarkReadResult' });

export const ActionViewSchema = ChronologyActionSchema.meta({ id: 'ActionView' });

export const ChronologyPageSchema = z
  .object({
    pupil: PupilSummarySchema,
    items: z.array(IncidentWithActionsSchema),
    /** Incidents pinned to the top of the chronology (REC-6), on the first page only. */
    pinned: z.array(IncidentWithActionsSchema),
    nextCursor: z.string().optional(),
  })
  .meta({ id: 'ChronologyPage' });

export const ChronologyOverviewSchema = z
  .object({
    pupil: PupilSummarySchema,
    total: z.number().int().min(0),
    byCategory: z.array(z.object({ categoryId: z.string(), count: z.number().int().positive() })),
    byMonth: z.array(
      z.object({
        month: z.string().regex(/^\d{4}-\d{2}$/),
        count: z.number().int().positive(),
      }),
    ),
  })
  .meta({ id: 'ChronologyOverview' });

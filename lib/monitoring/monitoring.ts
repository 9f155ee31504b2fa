/**
 * Monitoring (REC-7): a pupil is monitored under a category from a date until it is stopped. Each
 * spell is a MonitoringInterval in the pupil's partition (the history), and while it is open a
 * MonitoredPupil item in the school's MONITORED partition lists the pupil for that category; the
 * profile's monitoredCategoryIds says which categories are open now.
 */
import { z } from 'zod';
import { CategoryIdSchema } from '../access/permissions';
import { PupilSummarySchema } from '../pupils/pupil';

export const MonitoringReasonSchema = z.enum(['incident', 'manual']);

export const MonitoringIntervalSchema = z
  .object({
    pupilId: z.string().uuid(),
    categoryId: CategoryIdSchema,
    /** When the spell was recorded (unique per pupil and category: part of the key). */
    startedAt: z.iso.datetime(),
    /** The date monitoring counts from: the day it was started, or an earlier date given by hand. */
    since: z.iso.date(),
    startedBy: z.string().uuid(),
    reason: MonitoringReasonSchema,
    /** The incident that started it, when monitoring began with an incident. */
    incidentId: z.string().uuid().optional(),
    /** Set when stopped. */
    endedAt: z.iso.datetime().optional(),
    /** The last date monitored, when stopped. */
    until: z.iso.date().optional(),
    endedBy: z.string().uuid().optional(),
  })
  .strip()
  .meta({ id: 'MonitoringInterval' });

export type MonitoringInterval = z.output<typeof MonitoringIntervalSchema>;

/** One open spell in the school's MONITORED partition: enough to list the pupil without reading them. */
export const MonitoredPupilSchema = PupilSummarySchema.extend({
  categoryId: CategoryIdSchema,
  since: z.iso.date(),
  /** The key of the open MonitoringInterval, so stopping needs no search. */
  startedAt: z.iso.datetime(),
})
  .strip()
  .meta({ id: 'MonitoredPupil' });

export type MonitoredPupil = z.output<typeof MonitoredPupilSchema>;

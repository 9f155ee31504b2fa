/** Shapes the monitoring endpoints read and answer with (REC-7). */
import { z } from 'zod';
import { CategoryIdSchema } from '../access/permissions';
import { CategoryColourSchema } from '../categories/category';

const CategoryIds = z
  .array(CategoryIdSchema)
  .max(50)
  .transform((ids) => [...new Set(ids)]);

export const MonitoringChangeSchema = z
  .object({
    /** Categories to start monitoring the pupil under (already monitored ones are left as they are). */
    start: CategoryIds.default([]),
    /** Categories to stop monitoring the pupil under (ones not monitored are left as they are). */
    stop: CategoryIds.default([]),
    /** The date monitoring counts from; today (school time) when not given. Not in the future. */
    startDate: z.iso.date().optional(),
    /** The last date monitored for the categories stopped; today when not given. */
    endDate: z.iso.date().optional(),
  })
  .strict()
  .refine((change) => change.start.length + change.stop.length > 0, {
    message: 'choose at least one category to start or stop',
    path: ['start'],
  })
  .meta({ id: 'MonitoringChange' });

export type MonitoringChangeInput = z.output<typeof MonitoringChangeSchema>;

export const MonitoringChangeResultSchema = z
  .object({ started: z.array(CategoryIdSchema), stopped: z.array(CategoryIdSchema) })
  .meta({ id: 'MonitoringChangeResult' });

export const BulkMonitoringSchema = z
  .object({
    pupilIds: z
      .array(z.string().uuid())
      .min(1, 'choose at least one pupil')
      .max(100, 'choose at most 100 pupils at a time')
      .transform((ids) => [...new Set(ids)]),
    categoryId: CategoryIdSchema,
    operation: z.enum(['add', 'remove']),
    /** For add: the date monitoring counts from; for remove: the last date monitored. Today when not given. */
    date: z.iso.date().optional(),
  })
  .strict()
  .meta({ id: 'BulkMonitoring' });

export type BulkMonitoringInput = z.output<typeof BulkMonitoringSchema>;

export const BulkOutcomeSchema = z.enum(['started', 'stopped', 'unchanged', 'not-found', 'conflict']);
export type BulkOutcome = z.infer<typeof BulkOutcomeSchema>;

export const BulkMonitoringResultSchema = z
  .object({ results: z.array(z.object({ pupilId: z.string().uuid(), outcome: BulkOutcomeSchema })) })
  .meta({ id: 'BulkMonitoringResult' });

export const MonitoringHistoryEntrySchema = z
  .object({
    categoryId: CategoryIdSchema,
    categoryName: z.string(),
    colour: CategoryColourSchema,
    since: z.iso.date(),
    startedAt: z.iso.datetime(),
    until: z.iso.date().optional(),
    endedAt: z.iso.datetime().optional(),
    /** Whole days from `since` to `until`, or to today while still monitored. */
    durationDays: z.number().int().min(0),
    open: z.boolean(),
    reason: z.enum(['incident', 'manual']),
  })
  .meta({ id: 'MonitoringHistoryEntry' });

export type MonitoringHistoryEntry = z.output<typeof MonitoringHistoryEntrySchema>;

export const MonitoringCategoryChoiceSchema = z
  .object({
    categoryId: CategoryIdSchema,
    name: z.string(),
    colour: CategoryColourSchema,
    parentId: CategoryIdSchema.optional(),
  })
  .meta({ id: 'MonitoringCategoryChoice' });

export type MonitoringCategoryChoice = z.output<typeof MonitoringCategoryChoiceSchema>;

export const MonitoringHistorySchema = z
  .object({
    pupilId: z.string().uuid(),
    /** Newest first. */
    entries: z.array(MonitoringHistoryEntrySchema),
    /** Today in the school's time zone: the end of open spells, and the latest date a change may take. */
    today: z.iso.date(),
    /** Whether this viewer may start and stop monitoring (incidents.edit), and under which categories. */
    mayChange: z.boolean(),
    categories: z.array(MonitoringCategoryChoiceSchema),
  })
  .meta({ id: 'MonitoringHistory' });

export type MonitoringHistory = z.output<typeof MonitoringHistorySchema>;

/** The dashboard as the API answers it (REC-10): what each section shows and where each row links. */
import { z } from 'zod';
import { StaffRefSchema } from '../incidents/incident';

export const DashboardCategorySchema = z
  .object({ categoryId: z.string(), name: z.string() })
  .meta({ id: 'DashboardCategory' });

const PupilRef = { pupilId: z.string().uuid(), pupilDisplayName: z.string() };

export const DashboardAlertRowSchema = z
  .object({
    subject: z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('incident'),
        incidentId: z.string().uuid(),
        actionId: z.string().uuid().optional(),
      }),
      z.object({ kind: z.literal('document'), documentId: z.string() }),
    ]),
    ...PupilRef,
    categories: z.array(DashboardCategorySchema),
    alertedBy: StaffRefSchema,
    alertedAt: z.iso.datetime(),
    /** The web path the alert opens: the incident, or the pupil's document vault. */
    link: z.string(),
  })
  .meta({ id: 'DashboardAlertRow' });

export const DashboardAssignedRowSchema = z
  .object({
    incidentId: z.string().uuid(),
    number: z.number().int(),
    ...PupilRef,
    categories: z.array(DashboardCategorySchema),
    assignedBy: StaffRefSchema,
    assignedAt: z.iso.datetime(),
    link: z.string(),
  })
  .meta({ id: 'DashboardAssignedRow' });

export const DashboardHistoryRowSchema = z
  .object({
    what: z.enum(['incident', 'action']),
    incidentId: z.string().uuid(),
    actionId: z.string().uuid().optional(),
    number: z.number().int(),
    ...PupilRef,
    categories: z.array(DashboardCategorySchema),
    recordedAt: z.iso.datetime(),
    link: z.string(),
  })
  .meta({ id: 'DashboardHistoryRow' });

export const DashboardViewedRowSchema = z
  .object({ ...PupilRef, viewedAt: z.iso.datetime(), link: z.string() })
  .meta({ id: 'DashboardViewedRow' });

export const DashboardSchema = z
  .object({
    /** Newest first. */
    alerts: z.array(DashboardAlertRowSchema),
    /** Incidents recorded or actions added by the viewer in the last 7 days, newest first. */
    myHistory: z.array(DashboardHistoryRowSchema),
    /** Open incidents assigned to the viewer; only in a key holder's (elevated) session. */
    myAssigned: z.array(DashboardAssignedRowSchema).optional(),
    /** The 10 pupils the viewer opened most recently and may still list; only in an elevated session. */
    recentlyViewed: z.array(DashboardViewedRowSchema).optional(),
  })
  .meta({ id: 'Dashboard' });

export type Dashboard = z.output<typeof DashboardSchema>;
export type DashboardCategory = z.output<typeof DashboardCategorySchema>;

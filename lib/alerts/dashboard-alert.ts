/**
 * A person's unread alert to an incident (REC-5): the ALERT DashboardEntry, one per person and
 * incident (a later alert to the same incident replaces it). It shows on their dashboard, and while it
 * exists it lets them read that pupil's copy of the incident even without a key; marking the incident
 * read deletes it.
 */
import { z } from 'zod';
import { StaffRefSchema } from '../incidents/incident';

export const DashboardAlertSchema = z
  .object({
    personId: z.string().uuid(),
    incidentId: z.string().uuid(),
    /** Set when the alert was for an action on the incident. */
    actionId: z.string().uuid().optional(),
    /** The copy the alert opens. */
    pupilId: z.string().uuid(),
    pupilDisplayName: z.string(),
    categoryIds: z.array(z.string()),
    alertedBy: StaffRefSchema,
    alertedAt: z.iso.datetime(),
  })
  .strip()
  .meta({ id: 'DashboardAlert' });

export type DashboardAlert = z.output<typeof DashboardAlertSchema>;

export const DASHBOARD_ENTRY_ITEM_TYPE = 'DashboardEntry';

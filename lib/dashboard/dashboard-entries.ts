/**
 * The DashboardEntry items of one person's DASH partition, as the dashboard reads them. The writers
 * live with their features (alerts: lib/alerts/alert-inbox.ts; assigned and history:
 * lib/incidents/dashboard-items.ts; viewed: the pupil profile read); these schemas take only the
 * attributes the dashboard shows, so a writer may add more without breaking the read.
 */
import { z } from 'zod';
import { StaffRefSchema } from '../incidents/incident';

/** A vault document's alert subject is `DOC-<documentId>`; an incident's is its id. */
export const DOCUMENT_SUBJECT_PREFIX = 'DOC-';

const PupilRef = { pupilId: z.string().uuid(), pupilDisplayName: z.string() };

export const StoredAlertSchema = z.object({
  SK: z.string().startsWith('ALERT#'),
  ...PupilRef,
  incidentId: z.string().uuid().optional(),
  actionId: z.string().uuid().optional(),
  categoryIds: z.array(z.string()).default([]),
  alertedBy: StaffRefSchema,
  alertedAt: z.iso.datetime(),
});

export const StoredAssignedSchema = z.object({
  ...PupilRef,
  incidentId: z.string().uuid(),
  number: z.number().int(),
  categoryIds: z.array(z.string()),
  assignedBy: StaffRefSchema,
  assignedAt: z.iso.datetime(),
});

export const StoredHistorySchema = z.object({
  ...PupilRef,
  incidentId: z.string().uuid(),
  number: z.number().int(),
  categoryIds: z.array(z.string()),
  what: z.enum(['incident', 'action']),
  actionId: z.string().uuid().optional(),
  recordedAt: z.iso.datetime(),
});

export const StoredViewedSchema = z.object({
  pupilId: z.string().uuid(),
  displayName: z.string(),
  /** The pupil's classes when viewed, so the dashboard can apply the class rule without reading the pupil. */
  classIds: z.array(z.string()).default([]),
  viewedAt: z.iso.datetime(),
});

export type StoredAlert = z.output<typeof StoredAlertSchema>;
export type StoredAssigned = z.output<typeof StoredAssignedSchema>;
export type StoredHistory = z.output<typeof StoredHistorySchema>;
export type StoredViewed = z.output<typeof StoredViewedSchema>;

export interface DashboardEntries {
  readonly alerts: readonly StoredAlert[];
  readonly assigned: readonly StoredAssigned[];
  readonly history: readonly StoredHistory[];
  readonly viewed: readonly StoredViewed[];
}

/** The document id of a vault-document alert, or undefined for an incident alert. */
export function alertedDocumentId(alert: StoredAlert): string | undefined {
  const subject = alert.SK.slice('ALERT#'.length);
  return subject.startsWith(DOCUMENT_SUBJECT_PREFIX)
    ? subject.slice(DOCUMENT_SUBJECT_PREFIX.length)
    : undefined;
}

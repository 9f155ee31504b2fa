/**
 * Each involved pupil's own copy of an incident (ChronologyIncident) and of the actions shown on it
 * (ChronologyAction), stored in the pupil's partition so a chronology page is one Query. A copy holds
 * only that pupil's role and categories (BYD-4) and names the other pupils with their roles, so whether
 * a viewer may read it is decided from the copy alone.
 */
import { z } from 'zod';
import {
  BodyMapMarkerSchema,
  DeletionMarkerSchema,
  IncidentStatusSchema,
  InvolvementRoleSchema,
  ReferralRecordSchema,
  StaffRefSchema,
  TransferredFromSchema,
} from './incident';

export const OtherPupilSchema = z
  .object({ pupilId: z.string().uuid(), displayName: z.string(), role: InvolvementRoleSchema })
  .strip()
  .meta({ id: 'OtherPupil' });

export type OtherPupil = z.output<typeof OtherPupilSchema>;

export const ChronologyIncidentSchema = z
  .object({
    incidentId: z.string().uuid(),
    schoolId: z.string().uuid(),
    number: z.number().int().positive(),
    /** Whose copy this is. */
    pupilId: z.string().uuid(),
    role: InvolvementRoleSchema,
    /** This pupil's categories only. */
    categoryIds: z.array(z.string()),
    otherPupils: z.array(OtherPupilSchema),
    text: z.string(),
    occurredAt: z.iso.datetime(),
    recordedAt: z.iso.datetime(),
    recordedBy: StaffRefSchema,
    status: IncidentStatusSchema,
    assignedTo: StaffRefSchema.optional(),
    agencyIds: z.array(z.string()),
    bodyMap: z.array(BodyMapMarkerSchema),
    referral: ReferralRecordSchema.optional(),
    documentIds: z.array(z.string().uuid()),
    training: z.boolean(),
    deleted: DeletionMarkerSchema.optional(),
    /** The Incident's version this copy reflects. */
    version: z.number().int().positive(),
    updatedAt: z.iso.datetime(),
    transferredFrom: TransferredFromSchema.optional(),
  })
  .strip()
  .meta({ id: 'ChronologyIncident' });

export type ChronologyIncident = z.output<typeof ChronologyIncidentSchema>;

export const ChronologyActionSchema = z
  .object({
    actionId: z.string().uuid(),
    incidentId: z.string().uuid(),
    schoolId: z.string().uuid(),
    pupilId: z.string().uuid(),
    text: z.string(),
    categoryIds: z.array(z.string()),
    agencyIds: z.array(z.string()),
    occurredAt: z.iso.datetime(),
    recordedAt: z.iso.datetime(),
    recordedBy: StaffRefSchema,
    documentIds: z.array(z.string().uuid()),
    training: z.boolean(),
    deleted: DeletionMarkerSchema.optional(),
    version: z.number().int().positive(),
    transferredFrom: TransferredFromSchema.optional(),
  })
  .strip()
  .meta({ id: 'ChronologyAction' });

export type ChronologyAction = z.output<typeof ChronologyActionSchema>;

/** A pupil's copy of an incident with the actions shown on it, oldest action first. */
export const IncidentWithActionsSchema = ChronologyIncidentSchema.extend({
  actions: z.array(ChronologyActionSchema),
}).meta({ id: 'IncidentWithActions' });

export type IncidentWithActions = z.output<typeof IncidentWithActionsSchema>;

export const CHRONOLOGY_INCIDENT = 'ChronologyIncident';
export const CHRONOLOGY_ACTION = 'ChronologyAction';

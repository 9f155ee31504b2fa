/**
 * What editors send to change incidents and actions (REC-6): every change names the version it was
 * made against (optimistic locking: a stale version is refused with 409 and nothing changes) and says
 * why. Fields left out of an edit stay as they are.
 */
import { z } from 'zod';
import {
  CategoryIdsSchema,
  ChangeReasonSchema,
  IncidentStatusSchema,
  IncidentTextSchema,
  InvolvementRoleSchema,
  ReferralDecisionSchema,
} from './incident';

const VersionSchema = z.number().int().positive();

/** Delete or restore: the version it is made against and the reason. */
export const IncidentChangeSchema = z
  .object({ version: VersionSchema, reason: ChangeReasonSchema })
  .strict()
  .meta({ id: 'IncidentChange' });

export type IncidentChange = z.output<typeof IncidentChangeSchema>;

/** One involved pupil's role and categories as the editor would have them. */
export const PupilInvolvementEditSchema = z
  .object({ pupilId: z.string().uuid(), role: InvolvementRoleSchema, categoryIds: CategoryIdsSchema })
  .strict()
  .meta({ id: 'PupilInvolvementEdit' });

export const IncidentEditSchema = z
  .object({
    version: VersionSchema,
    reason: ChangeReasonSchema,
    text: IncidentTextSchema.optional(),
    /** Back-dating is allowed, a time in the future is not. */
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    status: IncidentStatusSchema.optional(),
    /** A key holder to assign it to, or null to leave it unassigned. */
    assignedTo: z.string().uuid().nullable().optional(),
    agencyIds: z.array(z.string().uuid()).max(20).optional(),
    referral: ReferralDecisionSchema.optional(),
    /** Roles and categories of pupils already involved (pupils are not added or removed here). */
    pupils: z.array(PupilInvolvementEditSchema).min(1).max(31).optional(),
  })
  .strict()
  .meta({ id: 'IncidentEdit' });

export type IncidentEdit = z.output<typeof IncidentEditSchema>;

export const ActionEditSchema = z
  .object({
    version: VersionSchema,
    reason: ChangeReasonSchema,
    text: IncidentTextSchema.optional(),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    agencyIds: z.array(z.string().uuid()).max(20).optional(),
  })
  .strict()
  .meta({ id: 'ActionEdit' });

export type ActionEdit = z.output<typeof ActionEditSchema>;

/**
 * Merge this incident into the one with number `intoNumber` (it becomes an action of that one). With
 * `confirm: false` nothing changes and the answer previews the incident it would merge into.
 */
export const IncidentMergeSchema = z
  .object({
    version: VersionSchema,
    reason: ChangeReasonSchema,
    intoNumber: z.number().int().positive(),
    confirm: z.boolean(),
  })
  .strict()
  .meta({ id: 'IncidentMerge' });

export type IncidentMerge = z.output<typeof IncidentMergeSchema>;

/** Split an action out as an incident of its own. */
export const ActionSplitSchema = z
  .object({
    version: VersionSchema,
    reason: ChangeReasonSchema,
    /** The client's id for the new incident: sending the same split again returns the first result. */
    incidentId: z.string().uuid(),
    /** The new incident's categories for every pupil; each keeps their categories on the incident if left out. */
    categoryIds: CategoryIdsSchema.optional(),
  })
  .strict()
  .meta({ id: 'ActionSplit' });

export type ActionSplit = z.output<typeof ActionSplitSchema>;

export const IncidentPinSchema = z
  .object({ pupilId: z.string().uuid(), pinned: z.boolean() })
  .strict()
  .meta({ id: 'IncidentPin' });

export type IncidentPin = z.output<typeof IncidentPinSchema>;

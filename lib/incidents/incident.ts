/**
 * Incidents and actions (REC-3, REC-4, REC-6, BYD-4, BYD-5). The Incident item is the one true copy
 * with every pupil involved; each involved pupil's chronology holds a ChronologyIncident copy that
 * carries only that pupil's categories and role, so linking a witness no longer spreads the
 * victim's category to them. Every edit keeps the earlier version; deletion leaves a marker.
 */
import { z } from 'zod';
import { CategoryIdSchema } from '../access/permissions';

/** BYD-4: how each pupil was involved. The pupil an incident is added for is usually "subject". */
export const InvolvementRoleSchema = z.enum(['subject', 'victim', 'perpetrator', 'witness', 'other']);
export type InvolvementRole = z.infer<typeof InvolvementRoleSchema>;

export const IncidentStatusSchema = z.enum(['active', 'closed']);

export const IncidentTextSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(20_000, 'must be at most 20,000 characters');

export const CategoryIdsSchema = z
  .array(CategoryIdSchema)
  .min(1, 'choose at least one category')
  .max(20)
  .transform((ids) => [...new Set(ids)]);

/** One pupil involved in an incident, with the categories recorded against them. */
export const InvolvedPupilSchema = z
  .object({
    pupilId: z.string().uuid(),
    role: InvolvementRoleSchema,
    categoryIds: CategoryIdsSchema,
    /** Start monitoring this pupil under these categories (REC-7). */
    monitor: z.boolean().default(true),
  })
  .strict()
  .meta({ id: 'InvolvedPupil' });

export type InvolvedPupil = z.output<typeof InvolvedPupilSchema>;

/** A numbered marker on the body map (REC-3), placed as a fraction of the image's width and height. */
export const BodyMapMarkerSchema = z
  .object({
    view: z.enum(['front', 'back']),
    x: z.number().min(0).max(1),
    y: z.number().min(0).max(1),
    note: z.string().trim().max(200).default(''),
  })
  .strict()
  .meta({ id: 'BodyMapMarker' });

/** BYD-5: the referral decision is on record, either way, with who decided and why. */
export const ReferralDecisionSchema = z
  .discriminatedUnion('decision', [
    z
      .object({
        decision: z.literal('referred'),
        /** Agencies referred to (ids from the school's agency list). */
        agencyIds: z.array(z.string().uuid()).min(1, 'choose who the referral went to').max(10),
        rationale: z.string().trim().max(2000).default(''),
      })
      .strict(),
    z
      .object({
        decision: z.literal('not-referred'),
        rationale: z.string().trim().min(1, 'say why the decision was not to refer').max(2000),
      })
      .strict(),
  ])
  .meta({ id: 'ReferralDecision' });

export type ReferralDecision = z.output<typeof ReferralDecisionSchema>;

/** Who to alert: individual staff and whole alert groups; automatic alerts are added by the service. */
export const AlertRecipientsSchema = z
  .object({
    personIds: z
      .array(z.string().uuid())
      .max(500)
      .default([])
      .transform((ids) => [...new Set(ids)]),
    alertGroupIds: z
      .array(z.string().uuid())
      .max(50)
      .default([])
      .transform((ids) => [...new Set(ids)]),
  })
  .strict()
  .meta({ id: 'AlertRecipients' });

export const NewIncidentSchema = z
  .object({
    /** The client's id for this submission: sending the same id again returns the first result. */
    incidentId: z.string().uuid(),
    pupilId: z.string().uuid(),
    text: IncidentTextSchema,
    categoryIds: CategoryIdsSchema,
    /** The subject pupil's own role; "subject" unless the recorder says more. */
    role: InvolvementRoleSchema.default('subject'),
    linkedPupils: z.array(InvolvedPupilSchema).max(30).default([]),
    /** When it happened: back-dating is allowed, a time in the future is not. */
    occurredAt: z.iso.datetime({ offset: true }),
    status: IncidentStatusSchema.default('active'),
    /** A key holder who will deal with it (REC-3 "Assign to"). */
    assignedTo: z.string().uuid().optional(),
    agencyIds: z.array(z.string().uuid()).max(20).default([]),
    bodyMap: z.array(BodyMapMarkerSchema).max(50).default([]),
    referral: ReferralDecisionSchema.optional(),
    alerts: AlertRecipientsSchema.default({ personIds: [], alertGroupIds: [] }),
    /** Vault uploads (finished, out of quarantine) to attach; they take the incident's protection. */
    documentIds: z.array(z.string().uuid()).max(20).default([]),
    /** Copy attached files to linked pupils' vaults too. */
    shareDocumentsWithLinked: z.boolean().default(false),
  })
  .strict()
  .meta({ id: 'NewIncident' });

export type NewIncident = z.output<typeof NewIncidentSchema>;

/** A member of staff as records name them: the id, and the name the school knew them by then. */
export const StaffRefSchema = z
  .object({ personId: z.string().uuid(), name: z.string() })
  .strip()
  .meta({ id: 'StaffRef' });

export type StaffRef = z.output<typeof StaffRefSchema>;

/**
 * Set on an incident or action copied in from another school by a record transfer (TRF-4), so the
 * record can say where it came from: "Transferred from Oakfield, incident 1042".
 */
export const TransferredFromSchema = z
  .object({
    transferId: z.string().uuid(),
    /** The previous school's name at the time of the transfer. */
    schoolName: z.string(),
    /** The incident's number at the previous school (an action's: its incident's). */
    number: z.number().int().positive(),
  })
  .strip()
  .meta({ id: 'TransferredFrom' });

export type TransferredFrom = z.output<typeof TransferredFromSchema>;

const DecidedSchema = { decidedAt: z.iso.datetime(), decidedBy: StaffRefSchema };

/** BYD-5 as stored on the incident: the decision with who made it and when. */
export const ReferralRecordSchema = z
  .discriminatedUnion('decision', [
    z
      .object({
        decision: z.literal('referred'),
        agencyIds: z.array(z.string().uuid()),
        rationale: z.string(),
        ...DecidedSchema,
      })
      .strip(),
    z.object({ decision: z.literal('not-referred'), rationale: z.string(), ...DecidedSchema }).strip(),
  ])
  .meta({ id: 'ReferralRecord' });

export type ReferralRecord = z.output<typeof ReferralRecordSchema>;

export const DeletionMarkerSchema = z
  .object({ at: z.iso.datetime(), by: StaffRefSchema, reason: z.string() })
  .strip()
  .meta({ id: 'DeletionMarker' });

/** The one true copy of an incident. */
export const IncidentSchema = z
  .object({
    incidentId: z.string().uuid(),
    schoolId: z.string().uuid(),
    /** Per-school, human-friendly: "Incident 1042". */
    number: z.number().int().positive(),
    /** The pupil it was added for. */
    pupilId: z.string().uuid(),
    /** Every pupil involved, the subject first, each with their own role and categories. */
    pupils: z.array(
      z
        .object({
          pupilId: z.string().uuid(),
          displayName: z.string(),
          role: InvolvementRoleSchema,
          categoryIds: z.array(z.string()),
        })
        .strip(),
    ),
    text: z.string(),
    occurredAt: z.iso.datetime(),
    recordedAt: z.iso.datetime(),
    recordedBy: StaffRefSchema,
    status: IncidentStatusSchema,
    assignedTo: StaffRefSchema.optional(),
    agencyIds: z.array(z.string()),
    bodyMap: z.array(BodyMapMarkerSchema),
    referral: ReferralRecordSchema.optional(),
    /** Staff alerted so far ("the same people as the incident" for actions). */
    alertedPersonIds: z.array(z.string().uuid()),
    documentIds: z.array(z.string().uuid()),
    /** Created while training mode was on (REC-11). */
    training: z.boolean(),
    deleted: DeletionMarkerSchema.optional(),
    /** Merged into another incident as an action of it (REC-6). */
    mergedInto: z.string().uuid().optional(),
    version: z.number().int().positive(),
    updatedAt: z.iso.datetime(),
    updatedBy: StaffRefSchema,
    /** Why the change that made this version was made (REC-6); absent on a first version. */
    changeReason: z.string().optional(),
    transferredFrom: TransferredFromSchema.optional(),
  })
  .strip()
  .meta({ id: 'Incident' });

export type Incident = z.output<typeof IncidentSchema>;

export const NewActionSchema = z
  .object({
    actionId: z.string().uuid(),
    /**
     * The pupil whose copy of the incident the action is added from: the action goes on that copy and
     * the subject's (and every linked pupil's when copyToLinkedPupils is set).
     */
    pupilId: z.string().uuid(),
    text: IncidentTextSchema,
    /** Extra categories, added to the incident (e.g. raised to Child Protection). */
    categoryIds: z
      .array(CategoryIdSchema)
      .max(20)
      .default([])
      .transform((ids) => [...new Set(ids)]),
    agencyIds: z.array(z.string().uuid()).max(20).default([]),
    occurredAt: z.iso.datetime({ offset: true }),
    alerts: AlertRecipientsSchema.default({ personIds: [], alertGroupIds: [] }),
    /** Alert everyone alerted to the incident as well. */
    alertIncidentRecipients: z.boolean().default(false),
    /** Copy the action to each linked pupil's copy of the incident. */
    copyToLinkedPupils: z.boolean().default(false),
    documentIds: z.array(z.string().uuid()).max(20).default([]),
    referral: ReferralDecisionSchema.optional(),
  })
  .strict()
  .meta({ id: 'NewAction' });

export type NewAction = z.output<typeof NewActionSchema>;

export const ActionSchema = z
  .object({
    actionId: z.string().uuid(),
    incidentId: z.string().uuid(),
    schoolId: z.string().uuid(),
    text: z.string(),
    categoryIds: z.array(z.string()),
    agencyIds: z.array(z.string()),
    occurredAt: z.iso.datetime(),
    recordedAt: z.iso.datetime(),
    recordedBy: StaffRefSchema,
    /** Pupils whose chronology shows this action (the subject, plus linked pupils when copied). */
    pupilIds: z.array(z.string().uuid()),
    documentIds: z.array(z.string().uuid()),
    training: z.boolean(),
    deleted: DeletionMarkerSchema.optional(),
    /** Split out as its own incident (REC-6). */
    splitInto: z.string().uuid().optional(),
    /** Came from merging another incident into this one. */
    mergedFrom: z.string().uuid().optional(),
    version: z.number().int().positive(),
    updatedAt: z.iso.datetime(),
    updatedBy: StaffRefSchema,
    /** Why the change that made this version was made (REC-6); absent on a first version. */
    changeReason: z.string().optional(),
    transferredFrom: TransferredFromSchema.optional(),
  })
  .strip()
  .meta({ id: 'Action' });

export type Action = z.output<typeof ActionSchema>;

/** Edits name the version they were made against (optimistic locking) and say why. */
export const ChangeReasonSchema = z.string().trim().min(1, 'give a reason').max(500);

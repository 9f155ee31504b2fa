/** Shapes the pupil endpoints read and answer with; the web app's types are checked against these. */
import { z } from 'zod';
import { CategoryIdSchema } from '../access/permissions';
import { CategoryColourSchema } from '../categories/category';
import { PageQuerySchema } from '../data/page-cursor';
import {
  ContactInputSchema,
  ContactSchema,
  PupilDetailsSchema,
  PupilLinkSchema,
  PupilSchema,
  PupilSummarySchema,
} from './pupil';

export const PupilIdParams = z.object({ pupilId: z.string().uuid() });
export const ContactIdParams = PupilIdParams.extend({ contactId: z.string().uuid() });
export const LinkParams = PupilIdParams.extend({ otherPupilId: z.string().uuid() });

export const VersionSchema = z.number().int().positive();

/** "true"/"false" in a query string (z.coerce.boolean would read "false" as true). */
const QueryFlag = z
  .enum(['true', 'false'])
  .default('false')
  .transform((flag) => flag === 'true');

/** A search query: at least one letter or digit once normalised; words beyond the sixth are ignored. */
const NameQuery = z.string().trim().min(1).max(100);

export const PupilListQuerySchema = PageQuerySchema.extend({
  /** Any part of any name, in any case, with or without accents; several words narrow the search. */
  q: NameQuery.optional(),
  includeArchived: QueryFlag,
  /** A class register: the pupils of one tutor or year group, by surname. */
  classId: z.string().uuid().optional(),
  /** Only pupils monitored now under a category the viewer may see. */
  monitored: QueryFlag,
  /** Only pupils monitored now under this category. */
  categoryId: CategoryIdSchema.optional(),
});

export type PupilListQuery = z.output<typeof PupilListQuerySchema>;

export const PupilLookupQuerySchema = z.object({ q: NameQuery });

/** A category a pupil is monitored under now (only categories the viewer may see are listed). */
export const CurrentMonitoringSchema = z
  .object({
    categoryId: CategoryIdSchema,
    categoryName: z.string(),
    colour: CategoryColourSchema,
    since: z.iso.date(),
    startedAt: z.iso.datetime(),
  })
  .meta({ id: 'CurrentMonitoring' });

export type CurrentMonitoring = z.output<typeof CurrentMonitoringSchema>;

export const PupilListItemSchema = PupilSummarySchema.extend({
  monitoring: z.array(CurrentMonitoringSchema),
}).meta({ id: 'PupilListItem' });

export type PupilListItem = z.output<typeof PupilListItemSchema>;

export const PupilListSchema = z
  .object({ items: z.array(PupilListItemSchema), nextCursor: z.string().optional() })
  .meta({ id: 'PupilList' });

export const PupilLookupSchema = z
  .object({ items: z.array(PupilSummarySchema.omit({ classIds: true })) })
  .meta({ id: 'PupilLookup' });

/** The profile as the pupil page shows it: monitoring narrowed to the viewer's categories. */
export const PupilProfileViewSchema = PupilSchema.extend({ displayName: z.string() }).meta({
  id: 'PupilProfileView',
});

export const PupilRecordSchema = z
  .object({
    pupil: PupilProfileViewSchema,
    contacts: z.array(ContactSchema),
    links: z.array(PupilLinkSchema),
    monitoring: z.array(CurrentMonitoringSchema),
  })
  .meta({ id: 'PupilRecord' });

export type PupilRecord = z.output<typeof PupilRecordSchema>;

/** Tutor and year groups (ClassGroup ids) a pupil added by hand belongs to. */
const ClassIdsSchema = z
  .array(z.string().uuid())
  .max(20)
  .transform((ids) => [...new Set(ids)]);

export const NewPupilSchema = PupilDetailsSchema.extend({
  /** Chosen by the client, so a retried request cannot add the pupil twice. */
  pupilId: z.string().uuid(),
  classIds: ClassIdsSchema.default([]),
})
  .strict()
  .meta({ id: 'NewPupil' });

export type NewPupil = z.output<typeof NewPupilSchema>;

/** Changes to a pupil added by hand; a field sent as null is cleared. */
export const PupilChangesSchema = z
  .object({
    version: VersionSchema,
    legalForename: PupilDetailsSchema.shape.legalForename.optional(),
    legalSurname: PupilDetailsSchema.shape.legalSurname.optional(),
    dateOfBirth: PupilDetailsSchema.shape.dateOfBirth.optional(),
    gender: PupilDetailsSchema.shape.gender.optional(),
    preferredForename: PupilDetailsSchema.shape.preferredForename.nullable(),
    preferredSurname: PupilDetailsSchema.shape.preferredSurname.nullable(),
    middleNames: PupilDetailsSchema.shape.middleNames.nullable(),
    upn: PupilDetailsSchema.shape.upn.nullable(),
    uln: PupilDetailsSchema.shape.uln.nullable(),
    admissionDate: PupilDetailsSchema.shape.admissionDate.nullable(),
    leavingDate: PupilDetailsSchema.shape.leavingDate.nullable(),
    yearGroup: PupilDetailsSchema.shape.yearGroup.nullable(),
    tutorGroup: PupilDetailsSchema.shape.tutorGroup.nullable(),
    senProvision: PupilDetailsSchema.shape.senProvision.nullable(),
    pupilPremium: PupilDetailsSchema.shape.pupilPremium.nullable(),
    freeSchoolMeals: PupilDetailsSchema.shape.freeSchoolMeals.nullable(),
    englishAdditionalLanguage: PupilDetailsSchema.shape.englishAdditionalLanguage.nullable(),
    ethnicity: PupilDetailsSchema.shape.ethnicity.nullable(),
    religion: PupilDetailsSchema.shape.religion.nullable(),
    lookedAfter: PupilDetailsSchema.shape.lookedAfter.nullable(),
    medicalConditions: PupilDetailsSchema.shape.medicalConditions.nullable(),
    classIds: ClassIdsSchema.optional(),
  })
  .strict()
  .refine((changes) => Object.keys(changes).length > 1, { message: 'name at least one change' })
  .meta({ id: 'PupilChanges' });

export type PupilChanges = z.output<typeof PupilChangesSchema>;

export const VersionBodySchema = z.object({ version: VersionSchema }).strict();

export const NewContactSchema = ContactInputSchema.extend({
  /** Chosen by the client, so a retried request cannot add the contact twice. */
  contactId: z.string().uuid(),
})
  .strict()
  .meta({ id: 'NewContact' });

export const ContactChangesSchema = ContactInputSchema.extend({ version: VersionSchema })
  .strict()
  .meta({ id: 'ContactChanges' });

export const NewLinkSchema = z
  .object({
    otherPupilId: z.string().uuid(),
    /** Siblings come from the MIS; links added by hand are "manual", with a note saying what connects them. */
    kind: z.literal('manual'),
    note: z.string().trim().min(1, 'say what connects them').max(120),
  })
  .strict()
  .meta({ id: 'NewPupilLink' });

export type NewLink = z.output<typeof NewLinkSchema>;

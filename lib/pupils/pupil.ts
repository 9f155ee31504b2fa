/**
 * Pupils (REC-1): the profile the MIS keeps current every night, or an admin adds by hand where the
 * MIS does not hold the pupil. Names are searchable by any part, without case or accents; the
 * searchable parts and the summary shown in lists are derived here, in one place.
 */
import { z } from 'zod';
import type { PupilAccessFacts } from '../access/authorisation';

export const GenderSchema = z.enum(['M', 'F', 'X', 'U']).meta({
  description: 'DfE gender codes: M male, F female, X other / not given in binary terms, U not known',
});

/** DfE SEN provision: E EHC plan, K SEN support, N no special educational need. */
export const SenProvisionSchema = z.enum(['E', 'K', 'N']);

const PersonName = z.string().trim().min(1, 'must not be empty').max(80);
const IsoDate = z.iso.date();

export const PupilDetailsSchema = z
  .object({
    legalForename: PersonName,
    legalSurname: PersonName,
    preferredForename: PersonName.optional(),
    preferredSurname: PersonName.optional(),
    middleNames: z.string().trim().max(120).optional(),
    dateOfBirth: IsoDate,
    gender: GenderSchema,
    /** 13 characters: a permanent or temporary UPN (validated by the MIS issue's checker). */
    upn: z
      .string()
      .regex(/^[A-Z][0-9]{11}[0-9A-Z]$/, 'must be a 13-character UPN')
      .optional(),
    uln: z
      .string()
      .regex(/^[0-9]{10}$/, 'must be a 10-digit ULN')
      .optional(),
    admissionDate: IsoDate.optional(),
    leavingDate: IsoDate.optional(),
    /** National curriculum year, e.g. "R", "1" … "13". */
    yearGroup: z.string().trim().max(10).optional(),
    tutorGroup: z.string().trim().max(40).optional(),
    senProvision: SenProvisionSchema.optional(),
    pupilPremium: z.boolean().optional(),
    freeSchoolMeals: z.boolean().optional(),
    englishAdditionalLanguage: z.boolean().optional(),
    /** DfE ethnicity code, e.g. WBRI, or REFU / NOBT. */
    ethnicity: z
      .string()
      .regex(/^[A-Z]{4}$/, 'must be a DfE ethnicity code')
      .optional(),
    religion: z.string().trim().max(60).optional(),
    lookedAfter: z.boolean().optional(),
    medicalConditions: z.array(z.string().trim().min(1).max(200)).max(30).optional(),
  })
  .strict()
  .meta({ id: 'PupilDetails' });

export const PupilSchema = PupilDetailsSchema.extend({
  pupilId: z.string().uuid(),
  schoolId: z.string().uuid(),
  /** Tutor and year group ids (ClassGroup) the pupil is in now: the class rule reads these. */
  classIds: z.array(z.string().uuid()).max(20),
  archived: z.boolean(),
  /** Where the profile comes from: the nightly MIS import, or an admin by hand. */
  source: z.enum(['mis', 'manual']),
  /** The MIS's own id for the pupil, when imported. */
  misId: z.string().max(64).optional(),
  /** Categories the pupil is monitored under now (REC-7); history is in MonitoringInterval items. */
  monitoredCategoryIds: z.array(z.string()).max(200),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.number().int().positive(),
})
  // Stored items carry their keys and item type too; the input schema's strictness stops here.
  .strip()
  .meta({ id: 'Pupil' });

export type PupilDetails = z.output<typeof PupilDetailsSchema>;
export type Pupil = z.output<typeof PupilSchema>;

/**
 * What lists, search results and linked-pupil chips show: small enough to copy into index items.
 * Monitoring is deliberately not in it (lists join the MONITORED partition), so starting to monitor a
 * pupil does not rewrite every index item that names them.
 */
export const PupilSummarySchema = z
  .object({
    pupilId: z.string().uuid(),
    displayName: z.string(),
    /** "Surname, Forename" lower-cased and accent-free: what lists sort by. */
    sortName: z.string(),
    yearGroup: z.string().optional(),
    tutorGroup: z.string().optional(),
    classIds: z.array(z.string().uuid()),
    archived: z.boolean(),
  })
  .strip()
  .meta({ id: 'PupilSummary' });

export type PupilSummary = z.output<typeof PupilSummarySchema>;

/** Letters that carry no separable accent, so NFKD leaves them alone: what people type instead. */
const PLAIN_LETTERS: Readonly<Record<string, string>> = {
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ı: 'i',
};

/**
 * Lower-case, accents removed, anything but letters, digits, apostrophes and hyphens turned to spaces:
 * "Zoë O'Brien-Smith" → "zoe o'brien-smith", "Łukasz" → "lukasz". Search queries are normalised the
 * same way.
 */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[łøđðßæœþı]/g, (letter) => PLAIN_LETTERS[letter] ?? letter)
    .replace(/[’`]/g, "'")
    .replace(/[^\p{L}\p{N}'-]+/gu, ' ')
    .trim();
}

/**
 * Every part of one normalised word a person might type first: the word, each half of a hyphenated or
 * apostrophised word, and (because people type "obrien" for O'Brien) the same without apostrophes.
 */
export function tokensOfWord(word: string): string[] {
  const tokens = new Set<string>();
  for (const form of new Set([word, word.replace(/'/g, '')])) {
    if (!form) continue;
    tokens.add(form);
    for (const piece of form.split(/['-]/)) if (piece) tokens.add(piece);
  }
  return [...tokens];
}

/** Every part a person might type first, of every name (see tokensOfWord). */
export function nameTokens(details: PupilDetails): string[] {
  const names = [
    details.legalForename,
    details.legalSurname,
    details.preferredForename,
    details.preferredSurname,
    details.middleNames,
  ];
  const tokens = new Set<string>();
  for (const name of names) {
    if (!name) continue;
    for (const word of normaliseName(name).split(' ')) {
      if (word) for (const token of tokensOfWord(word)) tokens.add(token);
    }
  }
  return [...tokens].sort();
}

/** The name people use: preferred names where the MIS holds them. */
export function displayNameOf(details: PupilDetails): string {
  return `${details.preferredForename ?? details.legalForename} ${details.preferredSurname ?? details.legalSurname}`;
}

export function sortNameOf(details: PupilDetails): string {
  const surname = normaliseName(details.preferredSurname ?? details.legalSurname);
  const forename = normaliseName(details.preferredForename ?? details.legalForename);
  return `${surname}, ${forename}`;
}

export function summaryOf(pupil: Pupil): PupilSummary {
  return {
    pupilId: pupil.pupilId,
    displayName: displayNameOf(pupil),
    sortName: sortNameOf(pupil),
    ...(pupil.yearGroup === undefined ? {} : { yearGroup: pupil.yearGroup }),
    ...(pupil.tutorGroup === undefined ? {} : { tutorGroup: pupil.tutorGroup }),
    classIds: pupil.classIds,
    archived: pupil.archived,
  };
}

/** The facts the authorisation service needs to decide who may see this pupil. */
export function pupilAccessFacts(pupil: Pick<Pupil, 'schoolId' | 'classIds'>): PupilAccessFacts {
  return { schoolId: pupil.schoolId, classIds: pupil.classIds };
}

export const ContactInputSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(120),
    /** e.g. Mother, Father, Carer, Social worker. */
    relationship: z.string().trim().min(1, 'must not be empty').max(60),
    phone: z.string().trim().max(40).optional(),
    email: z.string().trim().email().max(254).optional(),
    address: z.string().trim().max(300).optional(),
    parentalResponsibility: z.boolean().default(false),
    /** Order in which to call (1 first), as the MIS holds it. */
    priority: z.number().int().min(1).max(20).optional(),
  })
  .strict()
  .meta({ id: 'ContactInput' });

export const ContactSchema = ContactInputSchema.extend({
  contactId: z.string().uuid(),
  pupilId: z.string().uuid(),
  source: z.enum(['mis', 'manual']),
  updatedAt: z.iso.datetime(),
  /** Edits by hand are version-checked; contacts written before versions existed read as 1. */
  version: z.number().int().positive().default(1),
})
  .strip()
  .meta({ id: 'Contact' });

export type ContactInput = z.output<typeof ContactInputSchema>;
export type Contact = z.output<typeof ContactSchema>;

export const PupilLinkKindSchema = z.enum(['sibling', 'manual']);

/** A link shown on the profile ("Sibling - Matthew Greenwood (5B)"); stored on both pupils. */
export const PupilLinkSchema = z
  .object({
    pupilId: z.string().uuid(),
    otherPupilId: z.string().uuid(),
    kind: PupilLinkKindSchema,
    /** For manual links, what connects them (e.g. "cousin", "same household"). */
    note: z.string().trim().max(120).optional(),
    other: PupilSummarySchema,
    source: z.enum(['mis', 'manual']),
    createdAt: z.iso.datetime(),
  })
  .strip()
  .meta({ id: 'PupilLink' });

export type PupilLink = z.output<typeof PupilLinkSchema>;

/** School-wide settings an admin controls (Admin > Settings); read on every request that needs them. */
import { z } from 'zod';

/** A bare domain such as `oakfield.sch.uk`: what an email's part after the @ must equal. */
const EmailDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'must be a domain like school.sch.uk',
  );

export const SchoolSettingsInputSchema = z
  .object({
    /** Minutes without activity before the screen blanks and the session ends (IAM-8). */
    idleTimeoutMinutes: z.number().int().min(5).max(120),
    /** When not empty, new users and changed emails must use one of these domains (IAM-5). */
    allowedEmailDomains: z
      .array(EmailDomainSchema)
      .max(20)
      .transform((domains) => [...new Set(domains)].sort()),
    /** When on, key holders see only pupils in the tutor and year groups they are given (IAM-4). */
    classRestrictionsEnabled: z.boolean(),
    /** When on, every new incident must alert at least one person or alert group (REC-3). */
    requireAlert: z.boolean().default(false),
    /**
     * When on, the nightly MIS import deactivates users added from MIS staff whom the MIS stops listing
     * (IAM-5). Optional so a client that predates it cannot switch it off by leaving it out: omitted
     * keeps what is stored.
     */
    disableUsersMissingFromMis: z.boolean().optional(),
    /**
     * Accepted so that settings read can be sent back as they are, and ignored: training mode is only
     * switched through /api/admin/training, where switching it off reviews what was recorded (REC-11).
     */
    trainingMode: z.boolean().optional(),
  })
  .strict()
  .meta({ id: 'SchoolSettingsInput' });

export const SchoolSettingsSchema = SchoolSettingsInputSchema.extend({
  schoolId: z.string().uuid(),
  /** Off until an admin turns it on; settings saved before it existed read as off. */
  disableUsersMissingFromMis: z.boolean().default(false),
  /**
   * Training mode (REC-11): new incidents and actions are marked as training until an admin switches it
   * off (reviewing what was added). Not part of the settings form: it has its own start and finish.
   */
  trainingMode: z.boolean().default(false),
  updatedAt: z.iso.datetime(),
  version: z.number().int().min(0),
})
  // Stored items carry their keys and item type too; the input schema's strictness stops here.
  .strip()
  .meta({ id: 'SchoolSettings' });

export type SchoolSettingsInput = z.output<typeof SchoolSettingsInputSchema>;
export type SchoolSettings = z.output<typeof SchoolSettingsSchema>;

export const DEFAULT_IDLE_TIMEOUT_MINUTES = 30;

/** What a school has before an admin changes anything (version 0: never saved). */
export function defaultSchoolSettings(schoolId: string, at: string): SchoolSettings {
  return {
    schoolId,
    idleTimeoutMinutes: DEFAULT_IDLE_TIMEOUT_MINUTES,
    allowedEmailDomains: [],
    classRestrictionsEnabled: false,
    requireAlert: false,
    disableUsersMissingFromMis: false,
    trainingMode: false,
    updatedAt: at,
    version: 0,
  };
}

export function emailDomainAllowed(settings: SchoolSettings, email: string): boolean {
  if (settings.allowedEmailDomains.length === 0) return true;
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return settings.allowedEmailDomains.includes(domain);
}

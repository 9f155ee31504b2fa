/**
 * Staff identity: a Person (one per email, across schools), their Memberships (one per school they
 * work at) and their Sessions. Passwords and session ids are never stored in the clear.
 */
import { z } from 'zod';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const EmailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email('must be an email address'))
  .transform(normaliseEmail);

export const PersonSchema = z.object({
  personId: z.string().uuid(),
  email: z.string(),
  displayName: z.string().min(1).max(120),
  /** PHC-style scrypt hash; absent until the person sets a first password through an emailed link. */
  passwordHash: z.string().optional(),
  /** Consecutive failed sign-ins since the last success. */
  failedSignIns: z.number().int().min(0),
  lockedUntil: z.iso.datetime().optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const MembershipSchema = z.object({
  schoolId: z.string().uuid(),
  personId: z.string().uuid(),
  schoolName: z.string(),
  displayName: z.string(),
  email: z.string(),
  status: z.enum(['active', 'deactivated']),
  /**
   * The user group whose permissions apply in this school. Active members always have one; it is
   * cleared on deactivation (and chosen again on reactivation), so a group's member count is exact.
   */
  groupId: z.string().uuid().optional(),
  /**
   * The MIS id of the member of staff this user was added from (IAM-5); absent for users added by
   * hand. The import deactivates such a user when the MIS stops listing them, if the school asks.
   */
  misStaffId: z.string().optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const SessionSchema = z.object({
  sessionHash: z.string().regex(/^[0-9a-f]{64}$/),
  personId: z.string().uuid(),
  schoolId: z.string().uuid(),
  /** Sent back on every state-changing request (X-CSRF-Token) as well as the SameSite=Strict cookie. */
  csrfToken: z.string().min(32),
  elevated: z.boolean(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  idleTimeoutSeconds: z.number().int().positive(),
  absoluteExpiresAt: z.iso.datetime(),
  /** TTL (epoch seconds): DynamoDB removes the item after the session can no longer be used. */
  expiresAt: z.number().int(),
});

export type Person = z.infer<typeof PersonSchema>;
export type Membership = z.infer<typeof MembershipSchema>;
export type Session = z.infer<typeof SessionSchema>;

export const SECURITY_EVENT_TYPES = [
  'sign-in',
  'sign-in-refused',
  'account-locked',
  'account-unlocked',
  'sign-out',
  'sign-out-everywhere',
  'school-switched',
  'password-set',
  'password-reset-requested',
  'access-refused',
  'key-registered',
  'key-removed',
  'key-registration-refused',
  'elevated',
  'elevation-refused',
] as const;

export const SecurityEventSchema = z
  .object({
    eventId: z.string().uuid(),
    personId: z.string().uuid(),
    type: z.enum(SECURITY_EVENT_TYPES),
    at: z.iso.datetime(),
    schoolId: z.string().uuid().optional(),
    sourceIp: z.string(),
    userAgent: z.string(),
    /** Why a sign-in was refused, for the user's own log; never a password or token. */
    reason: z.string().optional(),
  })
  .meta({ id: 'SecurityEvent' });

export type SecurityEvent = z.infer<typeof SecurityEventSchema>;

/**
 * Admin > Users > Add a user, "From the MIS" (IAM-5): the staff the school's MIS lists now, each
 * marked with the user already added from them (or sharing their email), so the screen offers only
 * those not yet users and pre-fills name and email. Served by the admin area (`/api/admin`).
 */
import { z } from 'zod';
import { defineEndpoint } from '../platform/http/endpoint';

export const MisStaffCandidateSchema = z
  .object({
    misId: z.string(),
    title: z.string().optional(),
    forename: z.string(),
    surname: z.string(),
    /** "Forename Surname": what Add a user pre-fills as the full name. */
    displayName: z.string(),
    email: z.string().optional(),
    roles: z.array(z.string()),
    /**
     * The user already here for this member of staff: added from them (`linked`), or by hand with
     * the same email. Absent when they are not yet a user.
     */
    user: z
      .object({
        personId: z.string().uuid(),
        status: z.enum(['active', 'deactivated']),
        linked: z.boolean(),
      })
      .optional(),
  })
  .meta({ id: 'MisStaffCandidate' });
export type MisStaffCandidate = z.output<typeof MisStaffCandidateSchema>;

export const listMisStaff = defineEndpoint({
  operationId: 'listMisStaff',
  method: 'GET',
  path: '/api/admin/mis/staff',
  summary: 'Staff the MIS lists now, by surname, each marked with the user already added for them',
  tags: ['Admin', 'MIS'],
  access: { kind: 'staff', permission: 'admin.users' },
  successStatus: 200,
  response: z.object({ items: z.array(MisStaffCandidateSchema) }).meta({ id: 'MisStaffList' }),
});

export const MIS_STAFF_ENDPOINTS = [listMisStaff] as const;

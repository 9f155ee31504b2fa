/** Admin > Users > Add a user from the MIS (lib/mis/mis-staff-api.ts), bound for the admin area. */
import { adminProblems } from '../../lib/admin/admin-problems';
import { listMisStaff } from '../../lib/mis/mis-staff-api';
import type { MisStaffDirectory } from '../../lib/mis/mis-staff-directory';
import { staffPrincipal } from '../../lib/platform/http/access';
import { implement, type BoundEndpoint } from '../../lib/platform/http/endpoint';

export function misStaffEndpoints(directory: MisStaffDirectory): BoundEndpoint[] {
  return adminProblems([
    implement(listMisStaff, async (request) => ({
      // The school comes from the session only: another school's staff cannot be asked for.
      body: { items: await directory.list(staffPrincipal(request.principal).schoolId) },
    })),
  ]);
}

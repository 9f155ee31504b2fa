/**
 * Which MIS staff can be added as users (IAM-5): the staff the MIS lists now (one Query of the
 * school's MIS_STAFF partition) beside the school's users (one Query of its memberships), each member
 * of staff marked with the user added from them, or else a user with the same email.
 */
import type { Membership } from '../identity/identity';
import type { MisStaffMember } from './import-record';
import type { MisStaffCandidate } from './mis-staff-api';

export interface MisStaffDirectoryDependencies {
  readonly staff: { list(schoolId: string): Promise<MisStaffMember[]> };
  readonly memberships: { listForSchool(schoolId: string): Promise<Membership[]> };
}

export class MisStaffDirectory {
  constructor(private readonly deps: MisStaffDirectoryDependencies) {}

  async list(schoolId: string): Promise<MisStaffCandidate[]> {
    const [staff, memberships] = await Promise.all([
      this.deps.staff.list(schoolId),
      this.deps.memberships.listForSchool(schoolId),
    ]);
    const linked = new Map<string, Membership>();
    const byEmail = new Map<string, Membership>();
    for (const membership of memberships) {
      if (membership.misStaffId !== undefined) linked.set(membership.misStaffId, membership);
      byEmail.set(membership.email.toLowerCase(), membership);
    }
    return staff
      .filter((member) => member.current)
      .map((member) => {
        const link = linked.get(member.misId);
        const user =
          link ?? (member.email === undefined ? undefined : byEmail.get(member.email.toLowerCase()));
        return {
          misId: member.misId,
          ...(member.title === undefined ? {} : { title: member.title }),
          forename: member.forename,
          surname: member.surname,
          displayName: `${member.forename} ${member.surname}`,
          ...(member.email === undefined ? {} : { email: member.email }),
          roles: member.roles,
          ...(user
            ? {
                user: {
                  personId: user.personId,
                  status: user.status,
                  linked: link !== undefined,
                },
              }
            : {}),
        };
      })
      .sort(
        (a, b) =>
          a.surname.localeCompare(b.surname, 'en-GB') ||
          a.forename.localeCompare(b.forename, 'en-GB') ||
          a.misId.localeCompare(b.misId),
      );
  }
}

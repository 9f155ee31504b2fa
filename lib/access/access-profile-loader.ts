/** Builds a request's access profile from the member's facts, reading the classes only when class restrictions are on. */
import type { ClassGroupRepository } from './access-repositories';
import { buildAccessProfile, type AccessProfile } from './authorisation';
import type { MemberAccessFacts } from './member-access-reader';

export async function loadAccessProfile(
  classes: ClassGroupRepository,
  facts: MemberAccessFacts & { readonly membership: { schoolId: string; personId: string } },
  elevated: boolean,
): Promise<AccessProfile> {
  const { membership, settings, group } = facts;
  const classGroups = settings.classRestrictionsEnabled ? await classes.list(membership.schoolId) : [];
  return buildAccessProfile({
    personId: membership.personId,
    schoolId: membership.schoolId,
    elevated,
    group,
    settings,
    classGroups,
  });
}

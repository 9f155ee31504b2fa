/** Loads the access profile for a request: the member's group, the school's settings and (if on) its classes. */
import type { Membership } from '../identity/identity';
import type { ClassGroupRepository, SchoolSettingsRepository } from './access-repositories';
import { buildAccessProfile, type AccessProfile } from './authorisation';
import type { UserGroupRepository } from './user-group-repository';

export interface AccessProfileSources {
  readonly groups: UserGroupRepository;
  readonly settings: SchoolSettingsRepository;
  readonly classes: ClassGroupRepository;
}

export async function loadAccessProfile(
  sources: AccessProfileSources,
  membership: Membership,
  elevated: boolean,
): Promise<AccessProfile> {
  const [group, settings] = await Promise.all([
    membership.groupId ? sources.groups.get(membership.schoolId, membership.groupId) : undefined,
    sources.settings.get(membership.schoolId),
  ]);
  const classGroups = settings.classRestrictionsEnabled
    ? await sources.classes.list(membership.schoolId)
    : [];
  return buildAccessProfile({
    personId: membership.personId,
    schoolId: membership.schoolId,
    elevated,
    group,
    settings,
    classGroups,
  });
}

/**
 * What checking a new incident or action needs to know about the school, read in one parallel round:
 * categories, agencies, staff, alert groups, settings, the school's time zone, and the automatic alert
 * rules with the user groups and classes that decide who may receive them. Each is one Query or
 * GetItem of a small per-school collection.
 */
import type { AlertGroup } from '../access/alert-group';
import type { ClassGroup } from '../access/class-group';
import type { SchoolSettings } from '../access/school-settings';
import type { UserGroup } from '../access/user-group';
import type { AutoAlertRule } from '../alerts/auto-alert-rule';
import type { Agency, Category } from '../categories/category';
import type { Membership } from '../identity/identity';

export interface SchoolReference {
  readonly categories: ReadonlyMap<string, Category>;
  readonly agencies: ReadonlyMap<string, Agency>;
  /** Every membership, active or not, by person id. */
  readonly members: ReadonlyMap<string, Membership>;
  readonly alertGroups: ReadonlyMap<string, AlertGroup>;
  readonly settings: SchoolSettings;
  readonly timeZone: string;
  /** Automatic alert rules (REC-5) and the user groups that decide who may receive them. */
  readonly autoAlertRules?: readonly AutoAlertRule[];
  readonly userGroups?: ReadonlyMap<string, UserGroup>;
  /** The school's classes: with class restrictions on, they decide whom an automatic alert may reach. */
  readonly classGroups?: readonly ClassGroup[];
}

export interface SchoolReferenceSources {
  readonly categories: { list(schoolId: string): Promise<Category[]> };
  readonly agencies: { list(schoolId: string): Promise<Agency[]> };
  readonly memberships: { listForSchool(schoolId: string): Promise<Membership[]> };
  readonly alertGroups: { list(schoolId: string): Promise<AlertGroup[]> };
  readonly settings: { get(schoolId: string): Promise<SchoolSettings> };
  readonly schools: { get(schoolId: string): Promise<{ timeZone: string } | undefined> };
  readonly autoAlertRules?: { list(schoolId: string): Promise<AutoAlertRule[]> };
  readonly userGroups?: { list(schoolId: string): Promise<UserGroup[]> };
  readonly classGroups?: { list(schoolId: string): Promise<ClassGroup[]> };
}

function byId<T>(items: readonly T[], id: (item: T) => string): ReadonlyMap<string, T> {
  return new Map(items.map((item) => [id(item), item]));
}

export async function loadSchoolReference(
  sources: SchoolReferenceSources,
  schoolId: string,
): Promise<SchoolReference> {
  const [
    categories,
    agencies,
    members,
    alertGroups,
    settings,
    school,
    autoAlertRules,
    userGroups,
    classGroups,
  ] = await Promise.all([
    sources.categories.list(schoolId),
    sources.agencies.list(schoolId),
    sources.memberships.listForSchool(schoolId),
    sources.alertGroups.list(schoolId),
    sources.settings.get(schoolId),
    sources.schools.get(schoolId),
    sources.autoAlertRules?.list(schoolId) ?? Promise.resolve([]),
    sources.userGroups?.list(schoolId) ?? Promise.resolve([]),
    sources.classGroups?.list(schoolId) ?? Promise.resolve([]),
  ]);
  if (!school) throw new Error(`School ${schoolId} of an authenticated session does not exist`);
  return {
    categories: byId(categories, (category) => category.categoryId),
    agencies: byId(agencies, (agency) => agency.agencyId),
    members: byId(members, (member) => member.personId),
    alertGroups: byId(alertGroups, (group) => group.alertGroupId),
    settings,
    timeZone: school.timeZone,
    autoAlertRules,
    userGroups: byId(userGroups, (group) => group.groupId),
    classGroups,
  };
}

/** Category names for mails and dashboards, in the order given; unknown ids are left out. */
export function categoryNames(reference: SchoolReference, categoryIds: readonly string[]): string[] {
  return categoryIds.flatMap((categoryId) => {
    const category = reference.categories.get(categoryId);
    return category ? [category.name] : [];
  });
}

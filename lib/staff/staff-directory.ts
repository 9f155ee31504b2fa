/**
 * The staff directory the incident and action forms use (any signed-in member of staff): the school's
 * active members by name, whether each holds a key (only key holders can be assigned an incident), the
 * alert groups, and whether the school requires an alert. No emails: the forms need nobody's address.
 */
import { z } from 'zod';
import type { AlertGroup } from '../access/alert-group';
import type { SchoolSettings } from '../access/school-settings';
import type { Membership } from '../identity/identity';

export const StaffDirectorySchema = z
  .object({
    members: z.array(z.object({ personId: z.string().uuid(), displayName: z.string(), hasKey: z.boolean() })),
    alertGroups: z.array(
      z.object({ alertGroupId: z.string().uuid(), name: z.string(), memberCount: z.number().int().min(0) }),
    ),
    /** The school requires every new incident to alert someone (the form says so before sending). */
    requireAlert: z.boolean(),
  })
  .meta({ id: 'StaffDirectory' });

export type StaffDirectory = z.output<typeof StaffDirectorySchema>;

export interface StaffDirectorySources {
  readonly memberships: { listForSchool(schoolId: string): Promise<Membership[]> };
  readonly alertGroups: { list(schoolId: string): Promise<AlertGroup[]> };
  readonly settings: { get(schoolId: string): Promise<Pick<SchoolSettings, 'requireAlert'>> };
  /** Which of these people hold at least one key. */
  readonly keyHolders: (personIds: readonly string[]) => Promise<ReadonlySet<string>>;
}

export class StaffDirectoryService {
  constructor(private readonly sources: StaffDirectorySources) {}

  /**
   * Two Queries and the settings GetItem in parallel, then one single-item key Query per active member,
   * in parallel: a school's staff list is tens to a few hundred.
   */
  async list(schoolId: string): Promise<StaffDirectory> {
    const [memberships, groups, settings] = await Promise.all([
      this.sources.memberships.listForSchool(schoolId),
      this.sources.alertGroups.list(schoolId),
      this.sources.settings.get(schoolId),
    ]);
    const active = memberships
      .filter((member) => member.status === 'active')
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'en-GB'));
    const activeIds = new Set(active.map((member) => member.personId));
    const holders = await this.sources.keyHolders([...activeIds]);
    return {
      members: active.map((member) => ({
        personId: member.personId,
        displayName: member.displayName,
        hasKey: holders.has(member.personId),
      })),
      alertGroups: groups.map((group) => ({
        alertGroupId: group.alertGroupId,
        name: group.name,
        memberCount: group.personIds.filter((personId) => activeIds.has(personId)).length,
      })),
      requireAlert: settings.requireAlert,
    };
  }
}

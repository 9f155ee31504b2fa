/** School settings administration. A new idle timeout applies to sessions started after the change. */
import type { SchoolSettingsRepository } from '../access/access-repositories';
import type { SchoolSettings, SchoolSettingsInput } from '../access/school-settings';
import type { AuditActor } from '../audit/audit-event';
import type { AuditLog } from '../audit/audit-log';
import { StaleItemError } from '../data/school-collection';
import { AdminConflictError } from './admin-errors';
import { changedFields } from './changed-fields';

export class SettingsService {
  constructor(
    private readonly settings: SchoolSettingsRepository,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get(schoolId: string): Promise<SchoolSettings> {
    return this.settings.get(schoolId);
  }

  async update(actor: AuditActor, input: SchoolSettingsInput & { version: number }): Promise<SchoolSettings> {
    // Training mode has its own start and finish (lib/training): a settings save never changes it.
    const { version, trainingMode: _ignored, ...changes } = input;
    const stored = await this.settings.get(actor.schoolId);
    const refusal = new AdminConflictError(
      'Someone else changed the settings since you opened them. Reload and try again.',
      'body.version',
    );
    if (stored.version !== version) throw refusal;
    const next: SchoolSettings = {
      ...stored,
      ...changes,
      updatedAt: this.now().toISOString(),
      version: version + 1,
    };
    try {
      await this.settings.save(next);
    } catch (error) {
      if (error instanceof StaleItemError) throw refusal;
      throw error;
    }
    await this.audit.record(actor, {
      action: 'settings.update',
      resourceType: 'settings',
      resourceId: actor.schoolId,
      detail: `changed ${
        changedFields(stored, next, [
          'idleTimeoutMinutes',
          'allowedEmailDomains',
          'classRestrictionsEnabled',
          'requireAlert',
          'disableUsersMissingFromMis',
        ]).join(', ') || 'nothing'
      }`,
    });
    return next;
  }
}

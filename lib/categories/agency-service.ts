/** Agency administration (REC-2): add, rename by version, disable and enable; names unique; every change audited. */
import { randomUUID } from 'node:crypto';
import { AdminConflictError, AdminNotFoundError } from '../admin/admin-errors';
import type { AuditActor } from '../audit/audit-event';
import type { AuditLog } from '../audit/audit-log';
import { AgencyNameTakenError, StaleAgencyError, type AgencyRepository } from './agency-repository';
import type { Agency } from './category';

const NAME_TAKEN = 'Another agency already has this name.';

export class AgencyService {
  constructor(
    private readonly agencies: AgencyRepository,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Every agency, disabled ones included: past incidents still name them. */
  list(schoolId: string): Promise<Agency[]> {
    return this.agencies.list(schoolId);
  }

  async create(actor: AuditActor, name: string): Promise<Agency> {
    const at = this.now().toISOString();
    const agency: Agency = {
      agencyId: randomUUID(),
      schoolId: actor.schoolId,
      name,
      disabled: false,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    try {
      await this.agencies.create(agency);
    } catch (error) {
      throw refusalOf(error);
    }
    await this.audit.record(actor, {
      action: 'agency.create',
      resourceType: 'agency',
      resourceId: agency.agencyId,
      detail: `created "${agency.name}"`,
    });
    return agency;
  }

  async rename(actor: AuditActor, agencyId: string, name: string, version: number): Promise<Agency> {
    const stored = await this.get(actor.schoolId, agencyId);
    if (stored.version !== version) throw staleAgency();
    const next = await this.save(stored, { name });
    await this.audit.record(actor, {
      action: 'agency.update',
      resourceType: 'agency',
      resourceId: agencyId,
      detail: stored.name === next.name ? 'changed nothing' : `renamed "${stored.name}" to "${next.name}"`,
    });
    return next;
  }

  /** Disables (no longer offered for new incidents and actions) or enables an agency; already so changes nothing. */
  async setDisabled(actor: AuditActor, agencyId: string, disabled: boolean): Promise<Agency> {
    const stored = await this.get(actor.schoolId, agencyId);
    if (stored.disabled === disabled) return stored;
    const next = await this.save(stored, { disabled });
    await this.audit.record(actor, {
      action: 'agency.update',
      resourceType: 'agency',
      resourceId: agencyId,
      detail: disabled ? 'disabled' : 'enabled',
    });
    return next;
  }

  private async get(schoolId: string, agencyId: string): Promise<Agency> {
    const agency = await this.agencies.get(schoolId, agencyId);
    if (!agency) throw new AdminNotFoundError('agency');
    return agency;
  }

  private async save(stored: Agency, changes: Partial<Pick<Agency, 'name' | 'disabled'>>): Promise<Agency> {
    const next: Agency = {
      ...stored,
      ...changes,
      updatedAt: this.now().toISOString(),
      version: stored.version + 1,
    };
    try {
      await this.agencies.update(stored, next);
    } catch (error) {
      throw refusalOf(error);
    }
    return next;
  }
}

function staleAgency(): AdminConflictError {
  return new AdminConflictError(
    'Someone else changed this agency since you opened it. Reload it and make your change again.',
    'body.version',
  );
}

function refusalOf(error: unknown): unknown {
  if (error instanceof AgencyNameTakenError) return new AdminConflictError(NAME_TAKEN, 'body.name');
  if (error instanceof StaleAgencyError) return staleAgency();
  return error;
}

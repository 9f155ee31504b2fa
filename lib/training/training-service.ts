/**
 * Training mode (REC-11): an admin switches it on; while it is on, new incidents and actions are marked
 * and listed in the school's TRAINING partition; to switch it off the admin reviews that list, says
 * which incidents to keep as ordinary records, and confirms by typing the school's name. Everything else
 * on the list is discarded. A big school's list is worked through a few incidents per request: the
 * answer says how many are left and the client asks again (each step is safe to repeat), and training
 * mode goes off only once the list is empty.
 */
import type { SchoolSettings } from '../access/school-settings';
import { AdminConflictError, AdminInvalidFieldError } from '../admin/admin-errors';
import type { AuditActor } from '../audit/audit-event';
import type { AuditLog } from '../audit/audit-log';
import { StaleItemError } from '../data/school-collection';
import type { TrainingEntry } from './training-entry';
import type { TrainingRecords } from './training-records';

export interface TrainingDependencies {
  readonly records: Pick<TrainingRecords, 'entries' | 'keep' | 'discard'>;
  readonly settings: {
    get(schoolId: string): Promise<SchoolSettings>;
    save(settings: SchoolSettings): Promise<void>;
  };
  readonly schools: { get(schoolId: string): Promise<{ name: string } | undefined> };
  readonly audit: AuditLog;
  readonly now: () => Date;
  /** Incidents worked through per request, so one request stays well inside the function's time. */
  readonly incidentsPerRequest?: number;
}

export interface TrainingStatus {
  readonly trainingMode: boolean;
  readonly schoolName: string;
  readonly entries: TrainingEntry[];
}

export interface FinishProgress {
  readonly finished: boolean;
  readonly kept: number;
  readonly discarded: number;
  /** Incidents still to work through: ask again. */
  readonly remaining: number;
}

function sameName(a: string, b: string): boolean {
  const normal = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();
  return normal(a) === normal(b);
}

export class TrainingService {
  constructor(private readonly deps: TrainingDependencies) {}

  /** Whether training mode is on: read by every signed-in page for the banner (one GetItem). */
  async isOn(schoolId: string): Promise<boolean> {
    return (await this.deps.settings.get(schoolId)).trainingMode;
  }

  async status(schoolId: string): Promise<TrainingStatus> {
    const [settings, school, entries] = await Promise.all([
      this.deps.settings.get(schoolId),
      this.deps.schools.get(schoolId),
      this.deps.records.entries(schoolId),
    ]);
    return { trainingMode: settings.trainingMode, schoolName: school?.name ?? '', entries };
  }

  async start(actor: AuditActor): Promise<TrainingStatus> {
    const changed = await this.setMode(actor.schoolId, true);
    if (changed) {
      await this.deps.audit.record(actor, {
        action: 'training.start',
        resourceType: 'settings',
        resourceId: actor.schoolId,
      });
    }
    return this.status(actor.schoolId);
  }

  async finish(
    actor: AuditActor,
    request: { schoolName: string; keepIncidentIds: readonly string[] },
  ): Promise<FinishProgress> {
    const { schoolId } = actor;
    const school = await this.deps.schools.get(schoolId);
    if (!school || !sameName(request.schoolName, school.name)) {
      throw new AdminInvalidFieldError('body.schoolName', "must be the school's full name, as shown");
    }
    const entries = await this.deps.records.entries(schoolId);
    const byIncident = new Map<string, TrainingEntry[]>();
    for (const entry of entries) {
      byIncident.set(entry.incidentId, [...(byIncident.get(entry.incidentId) ?? []), entry]);
    }
    const keep = new Set(request.keepIncidentIds);
    const limit = this.deps.incidentsPerRequest ?? 25;
    let kept = 0;
    let discarded = 0;
    for (const [incidentId, group] of [...byIncident].slice(0, limit)) {
      if (keep.has(incidentId)) {
        await this.deps.records.keep(schoolId, incidentId, group);
        kept += 1;
      } else {
        await this.deps.records.discard(schoolId, incidentId, group);
        discarded += 1;
      }
    }
    const remaining = byIncident.size - kept - discarded;
    if (remaining === 0) await this.setMode(schoolId, false);
    await this.deps.audit.record(actor, {
      action: 'training.finish',
      resourceType: 'settings',
      resourceId: schoolId,
      detail: `kept ${kept}, discarded ${discarded} incidents${remaining > 0 ? `, ${remaining} left` : ''}`,
    });
    return { finished: remaining === 0, kept, discarded, remaining };
  }

  /** Sets the flag (answers whether it changed); a concurrent settings save is retried once. */
  private async setMode(schoolId: string, on: boolean, retry = true): Promise<boolean> {
    const stored = await this.deps.settings.get(schoolId);
    if (stored.trainingMode === on) return false;
    try {
      await this.deps.settings.save({
        ...stored,
        trainingMode: on,
        updatedAt: this.deps.now().toISOString(),
        version: stored.version + 1,
      });
      return true;
    } catch (error) {
      if (!(error instanceof StaleItemError)) throw error;
      if (retry) return this.setMode(schoolId, on, false);
      throw new AdminConflictError('The settings changed meanwhile. Try again.');
    }
  }
}

// The scheduler's groups and schedules: in memory, and in `<dataDir>/schedules.json` when a data
// directory is given. Lookups that miss fail as the API reports them.
import { join } from 'node:path';
import { AwsError } from '../http/aws-errors';
import { readJsonFile, writeJsonFileAtomically } from '../persistence/atomic-json-file';
import { stateFileSchema, type StoredGroup, type StoredSchedule } from './schedule-schemas';

export const DEFAULT_GROUP = 'default';

const STATE_FILE = 'schedules.json';

export function scheduleKey(group: string, name: string): string {
  return `${group}/${name}`;
}

export class ScheduleStore {
  readonly groups = new Map<string, StoredGroup>();
  /** By scheduleKey(group, name). */
  readonly schedules = new Map<string, StoredSchedule>();

  private constructor(private readonly file: string | undefined) {}

  /** Loads the state file if there is one; the default group always exists, as on AWS. */
  static open(dataDir: string | undefined, nowMs: number): ScheduleStore {
    const store = new ScheduleStore(dataDir === undefined ? undefined : join(dataDir, STATE_FILE));
    // A corrupt file is fatal rather than overwritten: it may hold schedules someone depends on.
    const loaded =
      store.file === undefined
        ? undefined
        : readJsonFile(
            store.file,
            stateFileSchema,
            `Scheduler stand-in: ${store.file} is not a valid schedules file`,
          );
    for (const group of loaded?.groups ?? []) store.groups.set(group.Name, group);
    for (const schedule of loaded?.schedules ?? []) store.putSchedule(schedule);
    if (!store.groups.has(DEFAULT_GROUP)) {
      const created = nowMs / 1000;
      store.groups.set(DEFAULT_GROUP, {
        Name: DEFAULT_GROUP,
        CreationDate: created,
        LastModificationDate: created,
      });
    }
    return store;
  }

  requireGroup(name: string): StoredGroup {
    const group = this.groups.get(name);
    if (!group)
      throw new AwsError('ResourceNotFoundException', `Schedule group ${name} does not exist.`, 404);
    return group;
  }

  getSchedule(group: string, name: string): StoredSchedule | undefined {
    return this.schedules.get(scheduleKey(group, name));
  }

  requireSchedule(group: string, name: string): StoredSchedule {
    const schedule = this.getSchedule(group, name);
    if (!schedule) throw new AwsError('ResourceNotFoundException', `Schedule ${name} does not exist.`, 404);
    return schedule;
  }

  putSchedule(schedule: StoredSchedule): void {
    this.schedules.set(scheduleKey(schedule.GroupName, schedule.Name), schedule);
  }

  deleteSchedule(group: string, name: string): void {
    this.schedules.delete(scheduleKey(group, name));
  }

  /** Writes the state file (no-op without a data directory). */
  persist(): void {
    if (this.file === undefined) return;
    const state = { version: 1, groups: [...this.groups.values()], schedules: [...this.schedules.values()] };
    writeJsonFileAtomically(this.file, state);
  }
}

/**
 * The monitoring history the demo incidents would have left (REC-7): an incident starts monitoring each
 * involved pupil under its categories unless already monitored, and a safeguarding lead stops it some
 * weeks after things settled. Pure: given the incidents, the same intervals every time.
 */
import type { MonitoringInterval } from '../monitoring/monitoring';
import type { Incident, StaffRef } from './incident';
import { schoolDate } from './incident-records';

const DAY_MS = 86_400_000;
/** A category with no new incident for this long has usually been stopped. */
const QUIET_DAYS = 100;

export interface MonitoringHistoryOptions {
  readonly timeZone: string;
  readonly now: Date;
  /** Who stops monitoring. */
  readonly leads: readonly StaffRef[];
  readonly random: () => number;
}

interface Spell {
  interval: MonitoringInterval;
  lastAt: number;
}

/** Every interval, closed ones with endedAt, until and endedBy; at most one open per pupil and category. */
export function monitoringHistory(
  incidents: readonly Incident[],
  options: MonitoringHistoryOptions,
): MonitoringInterval[] {
  const { timeZone, now, leads, random } = options;
  const intervals: MonitoringInterval[] = [];
  const open = new Map<string, Spell>();
  const close = (spell: Spell) => {
    // Stopped between three and eight weeks after the last incident, and never in the future.
    const endedAtMs = Math.min(
      spell.lastAt + (21 + Math.floor(random() * 35)) * DAY_MS,
      now.getTime() - DAY_MS,
    );
    const endedAt = new Date(Math.max(endedAtMs, Date.parse(spell.interval.startedAt) + 1000)).toISOString();
    const lead = leads[Math.floor(random() * leads.length)]!;
    intervals.push({
      ...spell.interval,
      endedAt,
      until: schoolDate(timeZone, endedAt),
      endedBy: lead.personId,
    });
  };
  const byTime = [...incidents].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  for (const incident of byTime) {
    const at = Date.parse(incident.occurredAt);
    for (const pupil of incident.pupils) {
      for (const categoryId of pupil.categoryIds) {
        const key = `${pupil.pupilId} ${categoryId}`;
        const spell = open.get(key);
        if (spell && at - spell.lastAt > QUIET_DAYS * DAY_MS && random() < 0.8) {
          close(spell);
          open.delete(key);
        } else if (spell) {
          spell.lastAt = Math.max(spell.lastAt, at);
          continue;
        }
        open.set(key, {
          lastAt: at,
          interval: {
            pupilId: pupil.pupilId,
            categoryId,
            startedAt: incident.recordedAt,
            since: schoolDate(timeZone, incident.occurredAt),
            startedBy: incident.recordedBy.personId,
            reason: 'incident',
            incidentId: incident.incidentId,
          },
        });
      }
    }
  }
  for (const spell of open.values()) {
    if (now.getTime() - spell.lastAt > QUIET_DAYS * DAY_MS && random() < 0.7) close(spell);
    else intervals.push(spell.interval);
  }
  return intervals;
}

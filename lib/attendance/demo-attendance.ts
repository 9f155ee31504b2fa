/**
 * Synthetic daily marks for demo pupils: deterministic from the pupil's id and the dates, so a pupil's
 * pattern is the same on every run. Most pupils attend 94–99 % (an illness, a dentist, a late
 * morning); one in seven misses 14–22 % of sessions, much of it unexplained, so the persistent-absence
 * badge has pupils to show on. Weekdays only, with the Christmas fortnight and August left out as school holidays. Pure.
 */
import { createHash } from 'node:crypto';
import type { AttendanceCode, AttendanceDay } from '../mis/mis-extract';
import { randomFrom } from '../pupils/demo-pupils';

const DAY_MS = 86_400_000;

/** About one pupil in this many is persistently absent in the demo. */
const DEMO_PERSISTENT_ABSENCE_EVERY = 7;

function hashOf(pupilId: string): Buffer {
  return createHash('sha256').update(`attendance:${pupilId}`).digest();
}

/**
 * Whether the demo makes this pupil persistently absent: by a hash of the id rather than the pupil's
 * place, since places cycle through year groups and tutor groups and would put them all in one class.
 */
export function isDemoPersistentAbsentee(pupilId: string): boolean {
  return hashOf(pupilId).readUInt32BE(4) % DEMO_PERSISTENT_ABSENCE_EVERY === 0;
}

function isSchoolDay(date: Date): boolean {
  const weekday = date.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const month = date.getUTCMonth() + 1;
  const day = date.getUTCDate();
  if (month === 8) return false;
  return !((month === 12 && day >= 22) || (month === 1 && day <= 2));
}

const AUTHORISED: readonly AttendanceCode[] = ['I', 'I', 'I', 'M', 'C', 'R'];
const UNAUTHORISED: readonly AttendanceCode[] = ['N', 'O', 'G', 'U'];
const APPROVED: readonly AttendanceCode[] = ['V', 'B', 'P'];

/** Marks for the school days from `from` to `to` (inclusive, YYYY-MM-DD). */
export function demoAttendanceMarks(pupilId: string, from: string, to: string): AttendanceDay[] {
  const random = randomFrom(hashOf(pupilId).readUInt32BE(0));
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const persistent = isDemoPersistentAbsentee(pupilId);
  const schoolDays: string[] = [];
  const end = new Date(`${to}T00:00:00Z`).getTime();
  for (let time = new Date(`${from}T00:00:00Z`).getTime(); time <= end; time += DAY_MS) {
    const date = new Date(time);
    if (isSchoolDay(date)) schoolDays.push(date.toISOString().slice(0, 10));
  }
  // The sessions missed are counted out exactly, not left to chance per day, so a short period cannot
  // push a pupil across the 10 % line either way.
  const missedShare = persistent ? 0.14 + random() * 0.08 : 0.01 + random() * 0.05;
  let toMiss = Math.round(missedShare * schoolDays.length * 2);
  const unauthorisedShare = persistent ? 0.6 : 0.15;
  const order = schoolDays.map((_, position) => position);
  for (let position = order.length - 1; position > 0; position -= 1) {
    const other = Math.floor(random() * (position + 1));
    [order[position], order[other]] = [order[other]!, order[position]!];
  }
  const absent = new Map<number, number>();
  for (const position of order) {
    if (toMiss <= 0) break;
    const sessions = toMiss >= 2 && random() < 0.5 ? 2 : 1;
    absent.set(position, sessions);
    toMiss -= sessions;
  }
  return schoolDays.map((date, position): AttendanceDay => {
    const missed = absent.get(position);
    if (missed !== undefined) {
      const code = random() < unauthorisedShare ? pick(UNAUTHORISED) : pick(AUTHORISED);
      // One session: an appointment, or arriving after the register closed.
      if (missed === 1) return { date, am: code, pm: '\\' };
      return { date, am: code, pm: code === 'U' ? 'N' : code };
    }
    if (random() < 0.01) return { date, am: pick(APPROVED), pm: '\\' };
    return { date, am: random() < 0.04 ? 'L' : '/', pm: '\\' };
  });
}

// Parses at()/rate()/cron() schedule expressions and computes a schedule's next occurrence in its
// ScheduleExpressionTimezone, bounded by StartDate/EndDate.
import { validationException } from '../http/aws-errors';
import { daysInMonth } from './calendar';
import { parseCron, type CronFields } from './cron-field';
import { wallClock, wallToInstant, type WallTime } from '../../../lib/platform/zoned-time';

export type ScheduleExpression =
  { kind: 'at'; wall: WallTime } | { kind: 'rate'; periodMs: number } | { kind: 'cron'; fields: CronFields };

/** The parts of a schedule that decide when it fires. Dates are epoch seconds, as the API carries them. */
export interface ScheduleTiming {
  ScheduleExpression: string;
  ScheduleExpressionTimezone: string;
  StartDate?: number;
  EndDate?: number;
  LastModificationDate: number;
  /** A one-time schedule that has fired. */
  completed?: boolean;
}

// Every firing pass re-reads each schedule's expression, so parses are kept.
const expressionCache = new Map<string, ScheduleExpression>();

/** Parses at()/rate()/cron(); throws ValidationException, as CreateSchedule does on AWS. */
export function parseScheduleExpression(expression: string): ScheduleExpression {
  const cached = expressionCache.get(expression);
  if (cached) return cached;
  const parsed = parseUncached(expression.trim());
  expressionCache.set(expression, parsed);
  return parsed;
}

function parseUncached(expression: string): ScheduleExpression {
  const invalid = (why: string) => validationException(`Invalid Schedule Expression ${expression}: ${why}`);
  const at = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/.exec(expression);
  if (at) {
    const [year, month, day, hour, minute, second] = at.slice(1).map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (
      month < 1 ||
      month > 12 ||
      day < 1 ||
      day > daysInMonth(year, month) ||
      hour > 23 ||
      minute > 59 ||
      second > 59
    ) {
      throw invalid('not a real date and time');
    }
    return { kind: 'at', wall: { year, month, day, hour, minute, second } };
  }
  const rate = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    if (value < 1) throw invalid('the rate must be a positive integer');
    const unitMs = rate[2]!.startsWith('minute')
      ? 60_000
      : rate[2]!.startsWith('hour')
        ? 3_600_000
        : 86_400_000;
    return { kind: 'rate', periodMs: value * unitMs };
  }
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (cron) {
    try {
      return { kind: 'cron', fields: parseCron(cron[1]!.trim()) };
    } catch (error) {
      throw invalid((error as Error).message);
    }
  }
  throw invalid('expected at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(fields)');
}

/** The first occurrence at or after `fromMs`, or undefined when the schedule has no more. */
export function nextOccurrence(schedule: ScheduleTiming, fromMs: number): number | undefined {
  const expression = parseScheduleExpression(schedule.ScheduleExpression);
  const timezone = schedule.ScheduleExpressionTimezone;
  if (expression.kind === 'at') {
    // One-time schedules ignore StartDate and EndDate, fire even when created in the past, and fire
    // even when the clocks skip their time (shiftGap).
    if (schedule.completed) return undefined;
    return wallToInstant(timezone, expression.wall, true);
  }
  // Rounding undoes float error in seconds * 1000.
  const startMs = schedule.StartDate === undefined ? undefined : Math.round(schedule.StartDate * 1000);
  const endMs =
    schedule.EndDate === undefined ? Number.POSITIVE_INFINITY : Math.round(schedule.EndDate * 1000);
  let next: number | undefined;
  if (expression.kind === 'rate') {
    // Without a StartDate a rate schedule starts at once, from when it was created or last updated.
    const anchor = startMs ?? Math.round(schedule.LastModificationDate * 1000);
    next =
      fromMs <= anchor
        ? anchor
        : anchor + Math.ceil((fromMs - anchor) / expression.periodMs) * expression.periodMs;
  } else {
    next = nextCronInstant(expression.fields, timezone, Math.max(fromMs, startMs ?? fromMs));
  }
  return next !== undefined && next <= endMs ? next : undefined;
}

/** Whether a schedule can never fire again: a fired one-time schedule, or one past its EndDate. */
export function hasEnded(schedule: ScheduleTiming, nowMs: number): boolean {
  if (parseScheduleExpression(schedule.ScheduleExpression).kind === 'at') return schedule.completed === true;
  return schedule.EndDate !== undefined && schedule.EndDate * 1000 <= nowMs;
}

/**
 * Walks calendar days in the schedule's time zone and returns the first matching wall-clock minute
 * that exists there and is not before `fromMs`. As on AWS, wall times skipped by DST are passed over
 * and a repeated wall time maps to its first instant only, so it fires once.
 */
function nextCronInstant(fields: CronFields, timezone: string, fromMs: number): number | undefined {
  const startMs = Math.ceil(fromMs / 60_000) * 60_000;
  const start = wallClock(timezone, startMs);
  let { year, month, day } = start;
  let firstDay = true;
  while (year <= 2199) {
    if (!fields.years.has(year)) {
      [year, month, day, firstDay] = [year + 1, 1, 1, false];
      continue;
    }
    if (!fields.months.has(month) || day > daysInMonth(year, month)) {
      [month, day, firstDay] = [month + 1, 1, false];
      if (month > 12) [year, month] = [year + 1, 1];
      continue;
    }
    if (fields.day(year, month, day)) {
      for (const hour of fields.hours) {
        if (firstDay && hour < start.hour) continue;
        for (const minute of fields.minutes) {
          if (firstDay && hour === start.hour && minute < start.minute) continue;
          const instant = wallToInstant(timezone, { year, month, day, hour, minute, second: 0 }, false);
          if (instant !== undefined && instant >= fromMs) return instant;
        }
      }
    }
    [day, firstDay] = [day + 1, false];
  }
  return undefined;
}

/**
 * Schedule expressions: parsing at()/rate()/cron() with AWS's ValidationException, and the next
 * occurrence in a time zone, across DST changes and within StartDate/EndDate.
 */
import { AwsError } from '../../../local/standins/http/aws-errors';
import {
  hasEnded,
  nextOccurrence,
  parseScheduleExpression,
  type ScheduleTiming,
} from '../../../local/standins/scheduler/schedule-expression';

const ms = (iso: string) => new Date(iso).getTime();
const seconds = (iso: string) => ms(iso) / 1000;
const iso = (instant: number | undefined) =>
  instant === undefined ? undefined : new Date(instant).toISOString();
/** The next occurrence at or after `fromIso`, as an ISO string. */
const next = (schedule: ScheduleTiming, fromIso: string) => iso(nextOccurrence(schedule, ms(fromIso)));

function timing(expression: string, extra: Partial<ScheduleTiming> = {}): ScheduleTiming {
  return {
    ScheduleExpression: expression,
    ScheduleExpressionTimezone: 'UTC',
    LastModificationDate: seconds('2025-06-01T12:00:00Z'),
    ...extra,
  };
}

const london = (expression: string, extra: Partial<ScheduleTiming> = {}) =>
  timing(expression, { ScheduleExpressionTimezone: 'Europe/London', ...extra });

describe('parseScheduleExpression', () => {
  it('reads at(), rate() and cron() expressions', () => {
    expect(parseScheduleExpression('at(2025-06-02T12:30:15)')).toEqual({
      kind: 'at',
      wall: { year: 2025, month: 6, day: 2, hour: 12, minute: 30, second: 15 },
    });
    expect(parseScheduleExpression('rate(1 minute)')).toEqual({ kind: 'rate', periodMs: 60_000 });
    expect(parseScheduleExpression('rate(2 hours)')).toEqual({ kind: 'rate', periodMs: 7_200_000 });
    expect(parseScheduleExpression('rate(3 days)')).toEqual({ kind: 'rate', periodMs: 259_200_000 });
    expect(parseScheduleExpression('cron(0 9 ? * MON-FRI *)').kind).toBe('cron');
  });

  it.each([
    ['rate(0 minutes)', 'the rate must be a positive integer'],
    ['rate(5 weeks)', 'expected at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(fields)'],
    ['at(2025-02-29T09:00:00)', 'not a real date and time'],
    ['at(2025-06-01T24:00:00)', 'not a real date and time'],
    ['cron(0 9 * *)', 'a cron expression has six fields'],
    ['cron(0 9 * * * *)', 'exactly one of day-of-month and day-of-week must be ?'],
    ['cron(61 9 * * ? *)', "'61' is not in 0-59"],
    ['cron(0/0 9 * * ? *)', "'0/0' has an invalid step"],
    ['every day at nine', 'expected at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(fields)'],
  ])('refuses %s with a ValidationException saying why', (expression, why) => {
    let thrown: unknown;
    try {
      parseScheduleExpression(expression);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AwsError);
    expect(thrown).toMatchObject({
      type: 'ValidationException',
      status: 400,
      message: `Invalid Schedule Expression ${expression}: ${why}`,
    });
  });
});

describe('nextOccurrence of a cron schedule', () => {
  it('fires at 09:00 Europe/London on both sides of the change to BST', () => {
    const morning = london('cron(0 9 * * ? *)');
    // Saturday 29 March 2025 is GMT; the clocks go forward at 01:00 UTC on Sunday 30 March.
    expect(next(morning, '2025-03-28T12:00:00Z')).toBe('2025-03-29T09:00:00.000Z');
    expect(next(morning, '2025-03-29T09:00:01Z')).toBe('2025-03-30T08:00:00.000Z');
    expect(next(morning, '2025-03-30T08:00:01Z')).toBe('2025-03-31T08:00:00.000Z');
  });

  it('fires at 09:00 Europe/London on both sides of the change back to GMT', () => {
    const morning = london('cron(0 9 * * ? *)');
    expect(next(morning, '2025-10-25T08:00:01Z')).toBe('2025-10-26T09:00:00.000Z');
  });

  it('counts an occurrence exactly at the start instant', () => {
    expect(next(london('cron(0 9 * * ? *)'), '2025-03-29T09:00:00Z')).toBe('2025-03-29T09:00:00.000Z');
  });

  it('skips a wall time the clocks jump over, and fires a repeated one once', () => {
    const halfPastOne = london('cron(30 1 * * ? *)');
    expect(next(halfPastOne, '2025-03-29T12:00:00Z')).toBe('2025-03-31T00:30:00.000Z');
    expect(next(halfPastOne, '2025-10-25T12:00:00Z')).toBe('2025-10-26T00:30:00.000Z');
    expect(next(halfPastOne, '2025-10-26T00:30:01Z')).toBe('2025-10-27T01:30:00.000Z');
  });

  it('waits for StartDate and stops after EndDate', () => {
    const hourly = timing('cron(0 * * * ? *)', {
      StartDate: seconds('2025-06-01T14:00:00Z'),
      EndDate: seconds('2025-06-01T15:30:00Z'),
    });
    expect(next(hourly, '2025-06-01T12:00:00Z')).toBe('2025-06-01T14:00:00.000Z');
    expect(next(hourly, '2025-06-01T14:00:01Z')).toBe('2025-06-01T15:00:00.000Z');
    expect(next(hourly, '2025-06-01T15:00:01Z')).toBeUndefined();
  });

  it('returns undefined once the year field has no more years', () => {
    expect(next(timing('cron(0 9 * * ? 2024)'), '2025-01-01T00:00:00Z')).toBeUndefined();
  });
});

describe('nextOccurrence of a rate schedule', () => {
  it('starts when the schedule was last modified and repeats every period', () => {
    const everyFive = timing('rate(5 minutes)');
    expect(next(everyFive, '2025-06-01T11:00:00Z')).toBe('2025-06-01T12:00:00.000Z');
    expect(next(everyFive, '2025-06-01T12:00:00.001Z')).toBe('2025-06-01T12:05:00.000Z');
    expect(next(everyFive, '2025-06-01T13:02:00Z')).toBe('2025-06-01T13:05:00.000Z');
  });

  it('counts periods from StartDate when one is given, and ends at EndDate', () => {
    const hourly = timing('rate(1 hour)', {
      StartDate: seconds('2025-06-01T12:30:00Z'),
      EndDate: seconds('2025-06-01T14:00:00Z'),
    });
    expect(next(hourly, '2025-06-01T12:00:00Z')).toBe('2025-06-01T12:30:00.000Z');
    expect(next(hourly, '2025-06-01T12:31:00Z')).toBe('2025-06-01T13:30:00.000Z');
    expect(next(hourly, '2025-06-01T13:31:00Z')).toBeUndefined();
  });
});

describe('nextOccurrence of an at() schedule', () => {
  it('fires at its wall-clock time in the schedule time zone, even in the past', () => {
    const noon = london('at(2025-06-02T12:00:00)');
    expect(next(noon, '2025-06-01T00:00:00Z')).toBe('2025-06-02T11:00:00.000Z');
    expect(next(noon, '2025-07-01T00:00:00Z')).toBe('2025-06-02T11:00:00.000Z');
  });

  it('ignores StartDate and EndDate, and has no occurrence once completed', () => {
    const bounded = timing('at(2025-06-02T12:00:00)', {
      StartDate: seconds('2025-07-01T00:00:00Z'),
      EndDate: seconds('2025-07-02T00:00:00Z'),
    });
    expect(iso(nextOccurrence(bounded, 0))).toBe('2025-06-02T12:00:00.000Z');
    expect(nextOccurrence({ ...bounded, completed: true }, 0)).toBeUndefined();
  });

  it('still fires for a wall time the clocks skip, reading it with the offset before the change', () => {
    // 01:30 on 30 March 2025 does not exist in London; read as GMT it is 01:30 UTC (02:30 BST).
    expect(iso(nextOccurrence(london('at(2025-03-30T01:30:00)'), 0))).toBe('2025-03-30T01:30:00.000Z');
  });
});

describe('hasEnded', () => {
  it('ends a one-time schedule when it has fired, and a recurring one at its EndDate', () => {
    expect(hasEnded(timing('at(2025-06-02T12:00:00)'), ms('2030-01-01T00:00:00Z'))).toBe(false);
    expect(hasEnded(timing('at(2025-06-02T12:00:00)', { completed: true }), 0)).toBe(true);
    const ending = timing('rate(1 hour)', { EndDate: seconds('2025-06-01T15:00:00Z') });
    expect(hasEnded(ending, ms('2025-06-01T14:59:59Z'))).toBe(false);
    expect(hasEnded(ending, ms('2025-06-01T15:00:00Z'))).toBe(true);
    expect(hasEnded(timing('rate(1 hour)'), ms('2099-01-01T00:00:00Z'))).toBe(false);
  });
});

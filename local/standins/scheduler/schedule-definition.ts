// Turns a CreateSchedule/UpdateSchedule body into a stored schedule, with AWS's validation and defaults.
// FlexibleTimeWindow is accepted but fires as OFF; KmsKeyArn and dead-letter queues are stored, nothing more.
import { validationException } from '../http/aws-errors';
import { parseInput } from '../http/parse-input';
import { parseScheduleExpression } from './schedule-expression';
import { scheduleBodySchema, type StoredSchedule } from './schedule-schemas';
import { DEFAULT_GROUP, type ScheduleStore } from './schedule-store';
import { isTimeZone } from '../../../lib/platform/zoned-time';

const NAME_PATTERN = /^[0-9a-zA-Z._-]{1,64}$/;

export function checkName(name: string, field: string): void {
  if (!NAME_PATTERN.test(name)) {
    throw validationException(`${field} '${name}' must be 1-64 of [0-9a-zA-Z-_.]`);
  }
}

/** Validates the body; the result starts afresh (cursor now, not completed), keeping only CreationDate. */
export function buildSchedule(
  store: ScheduleStore,
  name: string,
  body: unknown,
  nowMs: number,
  previous?: StoredSchedule,
): StoredSchedule {
  checkName(name, 'Name');
  const input = parseInput(scheduleBodySchema, body);
  const groupName = input.GroupName ?? DEFAULT_GROUP;
  checkName(groupName, 'GroupName');
  store.requireGroup(groupName);
  const timezone = input.ScheduleExpressionTimezone ?? 'UTC';
  if (!isTimeZone(timezone)) throw validationException(`Invalid ScheduleExpressionTimezone: ${timezone}`);
  parseScheduleExpression(input.ScheduleExpression);
  if (
    input.FlexibleTimeWindow.Mode === 'FLEXIBLE' &&
    input.FlexibleTimeWindow.MaximumWindowInMinutes === undefined
  ) {
    throw validationException('MaximumWindowInMinutes is required when FlexibleTimeWindow Mode is FLEXIBLE');
  }
  if (input.StartDate !== undefined && input.EndDate !== undefined && input.EndDate <= input.StartDate) {
    throw validationException('The EndDate must be after the StartDate');
  }
  return {
    Name: name,
    GroupName: groupName,
    ScheduleExpression: input.ScheduleExpression,
    ScheduleExpressionTimezone: timezone,
    StartDate: input.StartDate,
    EndDate: input.EndDate,
    Description: input.Description,
    State: input.State ?? 'ENABLED',
    KmsKeyArn: input.KmsKeyArn,
    ActionAfterCompletion: input.ActionAfterCompletion ?? 'NONE',
    FlexibleTimeWindow: input.FlexibleTimeWindow,
    // AWS reports its retry defaults back when none were given.
    Target: {
      ...input.Target,
      RetryPolicy: {
        MaximumEventAgeInSeconds: input.Target.RetryPolicy?.MaximumEventAgeInSeconds ?? 86400,
        MaximumRetryAttempts: input.Target.RetryPolicy?.MaximumRetryAttempts ?? 185,
      },
    },
    CreationDate: previous?.CreationDate ?? nowMs / 1000,
    LastModificationDate: nowMs / 1000,
    ClientToken: input.ClientToken,
    cursor: nowMs,
  };
}

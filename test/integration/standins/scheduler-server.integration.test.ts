/**
 * The local EventBridge Scheduler stand-in, driven only through @aws-sdk/client-scheduler: schedule
 * and group CRUD, AWS error types, when schedules fire (time zones, DST, start/end), and persistence.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConflictException,
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  DeleteScheduleCommand,
  DeleteScheduleGroupCommand,
  GetScheduleCommand,
  GetScheduleGroupCommand,
  ListScheduleGroupsCommand,
  ListSchedulesCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
  ValidationException,
  type CreateScheduleCommandInput,
} from '@aws-sdk/client-scheduler';
import { startSchedulerServer, type ScheduleTarget } from '../../../local/standins/scheduler-server';

const target = {
  Arn: 'arn:aws:lambda:eu-west-2:000000000000:function:lantern-reminders',
  RoleArn: 'arn:aws:iam::000000000000:role/lantern-scheduler',
};

interface Fired {
  target: ScheduleTarget;
  schedule: { Name: string; GroupName: string };
}

/** A server on a controllable clock, with its timer off so only runDue() fires schedules. */
async function startHarness(options: { startAt: string; dataDir?: string; failures?: number }) {
  const clock = { current: new Date(options.startAt) };
  const fired: Fired[] = [];
  let failuresLeft = options.failures ?? 0;
  const server = await startSchedulerServer({
    port: 0,
    dataDir: options.dataDir,
    tickMs: 0,
    clock: { now: () => clock.current },
    invokeTarget: (invokedTarget, schedule) => {
      fired.push({ target: invokedTarget, schedule });
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        return Promise.reject(new Error('target unavailable'));
      }
      return Promise.resolve();
    },
  });
  const scheduler = new SchedulerClient({
    endpoint: server.url,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  return {
    server,
    scheduler,
    fired,
    /** Sets the clock, fires what is due, and returns the names fired. */
    async at(isoTime: string): Promise<string[]> {
      clock.current = new Date(isoTime);
      const before = fired.length;
      const count = await server.runDue();
      const names = fired.slice(before).map((entry) => entry.schedule.Name);
      expect(new Set(names).size).toBe(count);
      return names;
    },
    create: (
      input: Omit<CreateScheduleCommandInput, 'Target' | 'FlexibleTimeWindow'> &
        Partial<CreateScheduleCommandInput>,
    ) =>
      scheduler.send(
        new CreateScheduleCommand({ FlexibleTimeWindow: { Mode: 'OFF' }, Target: target, ...input }),
      ),
    async stop() {
      scheduler.destroy();
      await server.close();
    },
  };
}

type Harness = Awaited<ReturnType<typeof startHarness>>;

describe('Scheduler stand-in API', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ startAt: '2025-06-01T12:00:00Z' });
  });

  afterAll(async () => {
    await harness.stop();
  });

  it('creates, reads, lists, updates and deletes a schedule', async () => {
    const { scheduler } = harness;
    const created = await harness.create({
      Name: 'review-reminder',
      ScheduleExpression: 'cron(0 9 ? * MON-FRI *)',
      ScheduleExpressionTimezone: 'Europe/London',
      Description: 'Weekday review reminder',
      Target: { ...target, Input: '{"kind":"review"}' },
    });
    expect(created.ScheduleArn).toBe(
      'arn:aws:scheduler:eu-west-2:000000000000:schedule/default/review-reminder',
    );

    const fetched = await scheduler.send(new GetScheduleCommand({ Name: 'review-reminder' }));
    expect(fetched).toMatchObject({
      Name: 'review-reminder',
      GroupName: 'default',
      ScheduleExpression: 'cron(0 9 ? * MON-FRI *)',
      ScheduleExpressionTimezone: 'Europe/London',
      State: 'ENABLED',
      ActionAfterCompletion: 'NONE',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { ...target, Input: '{"kind":"review"}', RetryPolicy: { MaximumRetryAttempts: 185 } },
    });
    expect(fetched.CreationDate).toEqual(new Date('2025-06-01T12:00:00Z'));

    const listed = await scheduler.send(new ListSchedulesCommand({ NamePrefix: 'review-' }));
    expect(listed.Schedules).toEqual([
      expect.objectContaining({
        Name: 'review-reminder',
        GroupName: 'default',
        State: 'ENABLED',
        Target: { Arn: target.Arn },
      }),
    ]);

    await scheduler.send(
      new UpdateScheduleCommand({
        Name: 'review-reminder',
        ScheduleExpression: 'rate(1 day)',
        State: 'DISABLED',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: target,
      }),
    );
    const updated = await scheduler.send(new GetScheduleCommand({ Name: 'review-reminder' }));
    expect(updated).toMatchObject({ ScheduleExpression: 'rate(1 day)', State: 'DISABLED' });
    // UpdateSchedule replaces the whole definition, as on AWS.
    expect(updated.Description).toBeUndefined();
    expect(updated.ScheduleExpressionTimezone).toBe('UTC');

    await scheduler.send(new DeleteScheduleCommand({ Name: 'review-reminder' }));
    await expect(scheduler.send(new GetScheduleCommand({ Name: 'review-reminder' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  it('rejects a second schedule with the same name in the same group', async () => {
    await harness.create({ Name: 'duplicate', ScheduleExpression: 'rate(5 minutes)' });
    await expect(
      harness.create({ Name: 'duplicate', ScheduleExpression: 'rate(10 minutes)' }),
    ).rejects.toBeInstanceOf(ConflictException);
    await harness.scheduler.send(new DeleteScheduleCommand({ Name: 'duplicate' }));
  });

  it('reports missing schedules and groups as ResourceNotFoundException', async () => {
    await expect(
      harness.scheduler.send(new DeleteScheduleCommand({ Name: 'never-made' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(
      harness.create({ Name: 'orphan', GroupName: 'no-such-group', ScheduleExpression: 'rate(5 minutes)' }),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it.each([
    ['cron(0 9 * * * *)', 'both day fields set'],
    ['cron(0 9 * *)', 'too few fields'],
    ['cron(61 9 * * ? *)', 'minute out of range'],
    ['rate(0 minutes)', 'zero rate'],
    ['rate(5 weeks)', 'unknown unit'],
    ['at(2025-02-30T09:00:00)', 'impossible date'],
    ['every day at nine', 'not an expression'],
  ])('rejects the schedule expression %s (%s) with ValidationException', async (expression) => {
    await expect(harness.create({ Name: 'invalid', ScheduleExpression: expression })).rejects.toBeInstanceOf(
      ValidationException,
    );
  });

  it('rejects an unknown time zone with ValidationException', async () => {
    await expect(
      harness.create({
        Name: 'invalid',
        ScheduleExpression: 'rate(1 hour)',
        ScheduleExpressionTimezone: 'Mars/Olympus',
      }),
    ).rejects.toBeInstanceOf(ValidationException);
  });

  it('pages through ListSchedules', async () => {
    for (const name of ['page-a', 'page-b', 'page-c']) {
      await harness.create({ Name: name, ScheduleExpression: 'rate(1 hour)', State: 'DISABLED' });
    }
    const first = await harness.scheduler.send(
      new ListSchedulesCommand({ NamePrefix: 'page-', MaxResults: 2 }),
    );
    expect(first.Schedules?.map((schedule) => schedule.Name)).toEqual(['page-a', 'page-b']);
    const second = await harness.scheduler.send(
      new ListSchedulesCommand({ NamePrefix: 'page-', MaxResults: 2, NextToken: first.NextToken }),
    );
    expect(second.Schedules?.map((schedule) => schedule.Name)).toEqual(['page-c']);
    expect(second.NextToken).toBeUndefined();
  });

  it('manages schedule groups, and deleting a group deletes its schedules', async () => {
    const { scheduler } = harness;
    const { ScheduleGroupArn } = await scheduler.send(
      new CreateScheduleGroupCommand({ Name: 'lantern-transfers' }),
    );
    expect(ScheduleGroupArn).toBe(
      'arn:aws:scheduler:eu-west-2:000000000000:schedule-group/lantern-transfers',
    );
    await expect(
      scheduler.send(new CreateScheduleGroupCommand({ Name: 'lantern-transfers' })),
    ).rejects.toBeInstanceOf(ConflictException);
    expect(await scheduler.send(new GetScheduleGroupCommand({ Name: 'lantern-transfers' }))).toMatchObject({
      Name: 'lantern-transfers',
      State: 'ACTIVE',
    });
    const groups = await scheduler.send(new ListScheduleGroupsCommand({}));
    expect(groups.ScheduleGroups?.map((group) => group.Name)).toEqual(['default', 'lantern-transfers']);

    await harness.create({
      Name: 'in-group',
      GroupName: 'lantern-transfers',
      ScheduleExpression: 'rate(1 hour)',
    });
    const inGroup = await scheduler.send(new ListSchedulesCommand({ GroupName: 'lantern-transfers' }));
    expect(inGroup.Schedules?.map((schedule) => schedule.Name)).toEqual(['in-group']);
    await expect(scheduler.send(new GetScheduleCommand({ Name: 'in-group' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    expect(
      (await scheduler.send(new GetScheduleCommand({ Name: 'in-group', GroupName: 'lantern-transfers' })))
        .Name,
    ).toBe('in-group');

    await scheduler.send(new DeleteScheduleGroupCommand({ Name: 'lantern-transfers' }));
    await expect(
      scheduler.send(new GetScheduleCommand({ Name: 'in-group', GroupName: 'lantern-transfers' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(scheduler.send(new DeleteScheduleGroupCommand({ Name: 'default' }))).rejects.toBeInstanceOf(
      ValidationException,
    );
  });
});

describe('Scheduler stand-in firing', () => {
  let harness: Harness | undefined;

  afterEach(async () => {
    await harness?.stop();
    harness = undefined;
  });

  it('fires a past at() schedule once with its input, then deletes it when ActionAfterCompletion is DELETE', async () => {
    harness = await startHarness({ startAt: '2025-06-01T12:00:00Z' });
    await harness.create({
      Name: 'one-off',
      ScheduleExpression: 'at(2025-06-01T09:00:00)',
      ActionAfterCompletion: 'DELETE',
      Target: { ...target, Input: '{"recordId":"r-1"}' },
    });
    await harness.create({ Name: 'one-off-kept', ScheduleExpression: 'at(2025-06-01T10:00:00)' });

    expect((await harness.at('2025-06-01T12:00:01Z')).sort()).toEqual(['one-off', 'one-off-kept']);
    expect(harness.fired.find((entry) => entry.schedule.Name === 'one-off')?.target).toEqual({
      ...target,
      Input: '{"recordId":"r-1"}',
    });
    await expect(harness.scheduler.send(new GetScheduleCommand({ Name: 'one-off' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    // Without DELETE the completed schedule stays, and does not fire again.
    expect((await harness.scheduler.send(new GetScheduleCommand({ Name: 'one-off-kept' }))).Name).toBe(
      'one-off-kept',
    );
    expect(await harness.at('2025-06-02T12:00:00Z')).toEqual([]);
  });

  it('fires an at() schedule at its wall-clock time in the schedule time zone', async () => {
    harness = await startHarness({ startAt: '2025-06-01T00:00:00Z' });
    await harness.create({
      Name: 'london-noon',
      ScheduleExpression: 'at(2025-06-02T12:00:00)',
      ScheduleExpressionTimezone: 'Europe/London',
    });
    expect(await harness.at('2025-06-02T10:59:59Z')).toEqual([]);
    expect(await harness.at('2025-06-02T11:00:00Z')).toEqual(['london-noon']);
  });

  it('fires a Europe/London cron at 09:00 local time on both sides of the change to BST', async () => {
    harness = await startHarness({ startAt: '2025-03-28T12:00:00Z' });
    await harness.create({
      Name: 'morning',
      ScheduleExpression: 'cron(0 9 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/London',
    });
    // Saturday 29 March is still GMT: 09:00 local is 09:00 UTC.
    expect(await harness.at('2025-03-29T08:59:59Z')).toEqual([]);
    expect(await harness.at('2025-03-29T09:00:00Z')).toEqual(['morning']);
    expect(await harness.at('2025-03-29T09:30:00Z')).toEqual([]);
    // Clocks go forward at 01:00 UTC on Sunday 30 March: 09:00 BST is 08:00 UTC.
    expect(await harness.at('2025-03-30T07:59:59Z')).toEqual([]);
    expect(await harness.at('2025-03-30T08:00:00Z')).toEqual(['morning']);
    expect(await harness.at('2025-03-30T09:00:00Z')).toEqual([]);
    expect(await harness.at('2025-03-31T08:00:30Z')).toEqual(['morning']);
  });

  it('skips a cron time that does not exist when the clocks go forward', async () => {
    harness = await startHarness({ startAt: '2025-03-29T12:00:00Z' });
    await harness.create({
      Name: 'half-past-one',
      ScheduleExpression: 'cron(30 1 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/London',
    });
    // 01:30 on 30 March never happens in London; the next 01:30 is 31 March, 00:30 UTC.
    expect(await harness.at('2025-03-30T02:00:00Z')).toEqual([]);
    expect(await harness.at('2025-03-31T00:29:59Z')).toEqual([]);
    expect(await harness.at('2025-03-31T00:30:00Z')).toEqual(['half-past-one']);
  });

  it('fires a repeated cron time once when the clocks go back', async () => {
    harness = await startHarness({ startAt: '2025-10-25T12:00:00Z' });
    await harness.create({
      Name: 'half-past-one',
      ScheduleExpression: 'cron(30 1 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/London',
    });
    // 01:30 happens twice on 26 October: at 00:30 UTC (BST) and 01:30 UTC (GMT). Only the first fires.
    expect(await harness.at('2025-10-26T00:30:00Z')).toEqual(['half-past-one']);
    expect(await harness.at('2025-10-26T01:30:00Z')).toEqual([]);
    expect(await harness.at('2025-10-27T01:29:59Z')).toEqual([]);
    expect(await harness.at('2025-10-27T01:30:00Z')).toEqual(['half-past-one']);
  });

  it('understands L, W and # in cron day fields', async () => {
    harness = await startHarness({ startAt: '2025-05-01T00:00:00Z' });
    await harness.create({ Name: 'last-day', ScheduleExpression: 'cron(0 12 L * ? *)' });
    await harness.create({ Name: 'second-tuesday', ScheduleExpression: 'cron(0 12 ? * TUE#2 *)' });
    await harness.create({ Name: 'weekday-nearest-1st', ScheduleExpression: 'cron(0 12 1W * ? *)' });
    // May 2025: the 13th is the second Tuesday; the 31st is the last day.
    expect(await harness.at('2025-05-01T12:00:00Z')).toEqual(['weekday-nearest-1st']);
    expect(await harness.at('2025-05-13T12:00:00Z')).toEqual(['second-tuesday']);
    expect(await harness.at('2025-05-31T12:00:00Z')).toEqual(['last-day']);
    // 1 June 2025 is a Sunday: 1W means Monday 2 June.
    expect(await harness.at('2025-06-01T12:00:00Z')).toEqual([]);
    expect(await harness.at('2025-06-02T12:00:00Z')).toEqual(['weekday-nearest-1st']);
  });

  it('fires a rate schedule at creation and then every period, folding missed runs into one', async () => {
    harness = await startHarness({ startAt: '2025-06-01T12:00:00Z' });
    await harness.create({ Name: 'every-five', ScheduleExpression: 'rate(5 minutes)' });
    expect(await harness.at('2025-06-01T12:00:00Z')).toEqual(['every-five']);
    expect(await harness.at('2025-06-01T12:04:59Z')).toEqual([]);
    expect(await harness.at('2025-06-01T12:05:00Z')).toEqual(['every-five']);
    expect(await harness.at('2025-06-01T13:00:00Z')).toEqual(['every-five']);
    expect(await harness.at('2025-06-01T13:01:00Z')).toEqual([]);
  });

  it('honours StartDate, EndDate and DISABLED, deleting a DELETE schedule once it has ended', async () => {
    harness = await startHarness({ startAt: '2025-06-01T12:00:00Z' });
    await harness.create({
      Name: 'window',
      ScheduleExpression: 'cron(0 * * * ? *)',
      StartDate: new Date('2025-06-01T14:00:00Z'),
      EndDate: new Date('2025-06-01T15:30:00Z'),
      ActionAfterCompletion: 'DELETE',
    });
    await harness.create({ Name: 'paused', ScheduleExpression: 'cron(0 * * * ? *)', State: 'DISABLED' });
    expect(await harness.at('2025-06-01T13:00:00Z')).toEqual([]);
    expect(await harness.at('2025-06-01T14:00:00Z')).toEqual(['window']);
    expect(await harness.at('2025-06-01T15:00:00Z')).toEqual(['window']);
    expect(await harness.at('2025-06-01T16:00:00Z')).toEqual([]);
    await expect(harness.scheduler.send(new GetScheduleCommand({ Name: 'window' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    expect((await harness.scheduler.send(new GetScheduleCommand({ Name: 'paused' }))).State).toBe('DISABLED');
  });

  it('retries a failing target per its RetryPolicy and logs the failures', async () => {
    const errors = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      harness = await startHarness({ startAt: '2025-06-01T12:00:00Z', failures: 1 });
      await harness.create({
        Name: 'flaky',
        ScheduleExpression: 'at(2025-06-01T11:00:00)',
        Target: { ...target, RetryPolicy: { MaximumRetryAttempts: 3 } },
      });
      expect(await harness.at('2025-06-01T12:00:00Z')).toEqual(['flaky']);
      const deadline = Date.now() + 4000;
      while (harness.fired.length < 2 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(harness.fired.map((entry) => entry.schedule.Name)).toEqual(['flaky', 'flaky']);
      expect(errors).toHaveBeenCalledWith(
        expect.stringContaining('default/flaky: target failed (target unavailable)'),
      );
      // The retry succeeded: no third attempt follows.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(harness.fired).toHaveLength(2);
    } finally {
      errors.mockRestore();
    }
  });
});

describe('Scheduler stand-in with a data directory', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'lantern-scheduler-'));
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps schedules, groups and completed one-time runs across a restart', async () => {
    const first = await startHarness({ startAt: '2025-06-01T12:00:00Z', dataDir });
    await first.scheduler.send(new CreateScheduleGroupCommand({ Name: 'lantern-reviews' }));
    await first.create({
      Name: 'termly-review',
      GroupName: 'lantern-reviews',
      ScheduleExpression: 'cron(0 9 1 SEP,JAN,APR ? *)',
      ScheduleExpressionTimezone: 'Europe/London',
    });
    await first.create({ Name: 'done-once', ScheduleExpression: 'at(2025-06-01T08:00:00)' });
    expect(await first.at('2025-06-01T12:00:00Z')).toEqual(['done-once']);
    await first.stop();
    expect(existsSync(join(dataDir, 'schedules.json'))).toBe(true);

    const second = await startHarness({ startAt: '2025-06-01T12:00:00Z', dataDir });
    try {
      const schedule = await second.scheduler.send(
        new GetScheduleCommand({ Name: 'termly-review', GroupName: 'lantern-reviews' }),
      );
      expect(schedule).toMatchObject({
        ScheduleExpression: 'cron(0 9 1 SEP,JAN,APR ? *)',
        ScheduleExpressionTimezone: 'Europe/London',
      });
      expect(await second.at('2025-06-02T12:00:00Z')).toEqual([]);
      // 1 September 2025 09:00 BST is 08:00 UTC.
      expect(await second.at('2025-09-01T08:00:00Z')).toEqual(['termly-review']);
    } finally {
      await second.stop();
    }
  });
});

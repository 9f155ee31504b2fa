/**
 * Local EventBridge Scheduler stand-in: a REST-JSON endpoint for @aws-sdk/client-scheduler that keeps
 * schedules (in `<dataDir>/schedules.json` when given) and fires due ones through a callback.
 *
 * Expressions: at(), rate() and six-field cron() with `? * , - /`, L, W and #, all evaluated in
 * ScheduleExpressionTimezone. As on AWS, a wall-clock time skipped by a DST change does not fire and a
 * repeated one fires once; StartDate/EndDate bound recurring schedules and are ignored by at().
 * FlexibleTimeWindow is accepted but treated as OFF. Occurrences missed while stopped fire once, not
 * once each. A failing target is retried up to min(MaximumRetryAttempts, 5) times with backoff and
 * logged to stderr. Tags, dead-letter queues and KmsKeyArn are accepted and stored, nothing more.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';

export interface ScheduleTarget {
  Arn: string;
  Input?: string;
  RoleArn: string;
}

export interface SchedulerServerOptions {
  port: number;
  dataDir?: string;
  invokeTarget: (target: ScheduleTarget, schedule: { Name: string; GroupName: string }) => Promise<void>;
  clock?: { now(): Date };
  /** How often due schedules are fired, in ms (default 1000); 0 or less turns the timer off. */
  tickMs?: number;
}

export interface SchedulerServer {
  url: string;
  close(): Promise<void>;
  /** Fires every due schedule now and returns how many fired (tests). */
  runDue(): Promise<number>;
}

const ACCOUNT_ID = '000000000000';
// The server is not told its region; ARNs echo the region the client signed for (eu-west-2 if unsigned).
const FALLBACK_REGION = 'eu-west-2';
const DEFAULT_GROUP = 'default';
const STATE_FILE = 'schedules.json';
/** AWS retries up to 185 times over a day; locally a handful is enough to see a flaky target recover. */
const LOCAL_RETRY_CAP = 5;
const RETRY_BASE_MS = 1000;
const RETRY_MAX_MS = 30_000;
const FIRST_ATTEMPT_WAIT_MS = 30_000;
const MAX_REQUEST_BYTES = 1_048_576;
const NAME_PATTERN = /^[0-9a-zA-Z._-]{1,64}$/;

// ---- stored shapes --------------------------------------------------------------------------

const retryPolicySchema = z.object({
  MaximumEventAgeInSeconds: z.number().int().min(60).max(86400).optional(),
  MaximumRetryAttempts: z.number().int().min(0).max(185).optional(),
});

// Loose: target parameters this stand-in does not act on (SqsParameters, EcsParameters, …) are kept.
const targetSchema = z.looseObject({
  Arn: z.string().min(1).max(1600),
  RoleArn: z.string().min(1).max(1600),
  Input: z.string().min(1).max(8192).optional(),
  RetryPolicy: retryPolicySchema.optional(),
});

const scheduleBodySchema = z.object({
  ScheduleExpression: z.string().min(1).max(256),
  ScheduleExpressionTimezone: z.string().min(1).max(50).optional(),
  StartDate: z.number().optional(),
  EndDate: z.number().optional(),
  Description: z.string().max(512).optional(),
  State: z.enum(['ENABLED', 'DISABLED']).optional(),
  KmsKeyArn: z.string().max(2048).optional(),
  ClientToken: z.string().max(64).optional(),
  ActionAfterCompletion: z.enum(['NONE', 'DELETE']).optional(),
  GroupName: z.string().optional(),
  FlexibleTimeWindow: z.object({
    Mode: z.enum(['OFF', 'FLEXIBLE']),
    MaximumWindowInMinutes: z.number().int().min(1).max(1440).optional(),
  }),
  Target: targetSchema,
});

const groupBodySchema = z.object({
  Tags: z.array(z.object({ Key: z.string(), Value: z.string() })).optional(),
  ClientToken: z.string().optional(),
});

const storedScheduleSchema = z.object({
  Name: z.string(),
  GroupName: z.string(),
  ScheduleExpression: z.string(),
  ScheduleExpressionTimezone: z.string(),
  StartDate: z.number().optional(),
  EndDate: z.number().optional(),
  Description: z.string().optional(),
  State: z.enum(['ENABLED', 'DISABLED']),
  KmsKeyArn: z.string().optional(),
  ActionAfterCompletion: z.enum(['NONE', 'DELETE']),
  FlexibleTimeWindow: scheduleBodySchema.shape.FlexibleTimeWindow,
  Target: targetSchema,
  CreationDate: z.number(),
  LastModificationDate: z.number(),
  ClientToken: z.string().optional(),
  /** Epoch ms: occurrences at or after this instant have not fired yet. */
  cursor: z.number(),
  /** A one-time schedule that has fired. */
  completed: z.boolean().optional(),
});

const storedGroupSchema = z.object({
  Name: z.string(),
  CreationDate: z.number(),
  LastModificationDate: z.number(),
  Tags: groupBodySchema.shape.Tags,
});

const stateFileSchema = z.object({
  version: z.literal(1),
  groups: z.array(storedGroupSchema),
  schedules: z.array(storedScheduleSchema),
});

type StoredSchedule = z.infer<typeof storedScheduleSchema>;
type StoredGroup = z.infer<typeof storedGroupSchema>;

/** An AWS-shaped error: the SDK reads the type from `x-amzn-errortype`. */
class SchedulerError extends Error {
  constructor(
    readonly type: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const validation = (message: string) => new SchedulerError('ValidationException', 400, message);
const notFound = (message: string) => new SchedulerError('ResourceNotFoundException', 404, message);
const conflict = (message: string) => new SchedulerError('ConflictException', 409, message);

export async function startSchedulerServer(options: SchedulerServerOptions): Promise<SchedulerServer> {
  const nowMs = () => (options.clock?.now() ?? new Date()).getTime();
  const stateFile = options.dataDir === undefined ? undefined : join(options.dataDir, STATE_FILE);
  const groups = new Map<string, StoredGroup>();
  const schedules = new Map<string, StoredSchedule>();
  const key = (group: string, name: string) => `${group}/${name}`;

  const loaded = stateFile === undefined ? undefined : readStateFile(stateFile);
  for (const group of loaded?.groups ?? []) groups.set(group.Name, group);
  for (const schedule of loaded?.schedules ?? [])
    schedules.set(key(schedule.GroupName, schedule.Name), schedule);
  if (!groups.has(DEFAULT_GROUP)) {
    const created = nowMs() / 1000;
    groups.set(DEFAULT_GROUP, { Name: DEFAULT_GROUP, CreationDate: created, LastModificationDate: created });
  }

  function persist(): void {
    if (stateFile === undefined || options.dataDir === undefined) return;
    mkdirSync(options.dataDir, { recursive: true });
    const temporary = `${stateFile}.${process.pid}.${randomUUID()}.tmp`;
    const state = { version: 1, groups: [...groups.values()], schedules: [...schedules.values()] };
    writeFileSync(temporary, JSON.stringify(state, null, 2));
    renameSync(temporary, stateFile);
  }

  // ---- firing ---------------------------------------------------------------------------------

  const retryTimers = new Set<NodeJS.Timeout>();
  let closed = false;

  /** Invokes the target once now; retries, if needed, continue in the background. */
  async function fire(schedule: StoredSchedule): Promise<void> {
    const target: ScheduleTarget = { Arn: schedule.Target.Arn, RoleArn: schedule.Target.RoleArn };
    if (schedule.Target.Input !== undefined) target.Input = schedule.Target.Input;
    const identity = { Name: schedule.Name, GroupName: schedule.GroupName };
    const policy = schedule.Target.RetryPolicy;
    const retries = Math.min(policy?.MaximumRetryAttempts ?? 185, LOCAL_RETRY_CAP);
    const deadline = Date.now() + (policy?.MaximumEventAgeInSeconds ?? 86400) * 1000;

    const attempt = async (attemptNumber: number): Promise<void> => {
      try {
        await options.invokeTarget(target, identity);
      } catch (error) {
        const label = `${identity.GroupName}/${identity.Name}`;
        const message = error instanceof Error ? error.message : String(error);
        if (attemptNumber < retries && Date.now() < deadline && !closed) {
          const delay = Math.min(RETRY_BASE_MS * 2 ** attemptNumber, RETRY_MAX_MS);
          process.stderr.write(
            `[scheduler-standin] ${label}: target failed (${message}); retrying in ${delay} ms\n`,
          );
          const timer = setTimeout(() => {
            retryTimers.delete(timer);
            void attempt(attemptNumber + 1);
          }, delay);
          retryTimers.add(timer);
        } else {
          process.stderr.write(`[scheduler-standin] ${label}: target failed (${message}); giving up\n`);
        }
      }
    };
    await attempt(0);
  }

  async function fireDue(): Promise<number> {
    const now = nowMs();
    const due: StoredSchedule[] = [];
    let changed = false;
    for (const [scheduleKey, schedule] of schedules) {
      if (schedule.State !== 'ENABLED') continue;
      const next = nextOccurrence(schedule, schedule.cursor);
      if (next === undefined) {
        if (schedule.ActionAfterCompletion === 'DELETE' && hasEnded(schedule, now)) {
          schedules.delete(scheduleKey);
          changed = true;
        }
        continue;
      }
      if (next > now) continue;
      // Any further occurrences already in the past are folded into this one firing.
      schedule.cursor = now + 1;
      if (parseExpression(schedule.ScheduleExpression).kind === 'at') schedule.completed = true;
      due.push(schedule);
      changed = true;
    }
    if (changed) persist();

    // Bounded, so a target that never answers cannot stall every later pass.
    await Promise.all(due.map((schedule) => settleWithin(fire(schedule), FIRST_ATTEMPT_WAIT_MS)));

    let deleted = false;
    for (const schedule of due) {
      const scheduleKey = key(schedule.GroupName, schedule.Name);
      // Skipped if the schedule was updated or deleted while its target ran.
      if (schedules.get(scheduleKey) !== schedule) continue;
      if (
        schedule.ActionAfterCompletion === 'DELETE' &&
        nextOccurrence(schedule, schedule.cursor) === undefined
      ) {
        schedules.delete(scheduleKey);
        deleted = true;
      }
    }
    if (deleted) persist();
    return due.length;
  }

  // One pass at a time: runDue() calls queue behind a running pass; timer ticks skip while one runs.
  let queue: Promise<unknown> = Promise.resolve();
  let passesInFlight = 0;
  function runDue(): Promise<number> {
    passesInFlight += 1;
    const pass = queue.then(fireDue).finally(() => {
      passesInFlight -= 1;
    });
    queue = pass.catch(() => undefined);
    return pass;
  }

  const tickMs = options.tickMs ?? 1000;
  const ticker =
    tickMs > 0
      ? setInterval(() => {
          if (passesInFlight > 0) return;
          runDue().catch((error: unknown) =>
            process.stderr.write(`[scheduler-standin] tick failed: ${describeError(error)}\n`),
          );
        }, tickMs)
      : undefined;
  ticker?.unref();

  // ---- API actions ----------------------------------------------------------------------------

  function requireGroup(name: string): StoredGroup {
    const group = groups.get(name);
    if (!group) throw notFound(`Schedule group ${name} does not exist.`);
    return group;
  }

  function requireSchedule(group: string, name: string): StoredSchedule {
    const schedule = schedules.get(key(group, name));
    if (!schedule) throw notFound(`Schedule ${name} does not exist.`);
    return schedule;
  }

  /** Validates a Create/UpdateSchedule body into a stored schedule (runtime fields reset). */
  function buildSchedule(name: string, body: unknown, previous?: StoredSchedule): StoredSchedule {
    checkName(name, 'Name');
    const input = parse(scheduleBodySchema, body);
    const groupName = input.GroupName ?? DEFAULT_GROUP;
    checkName(groupName, 'GroupName');
    requireGroup(groupName);
    const timezone = input.ScheduleExpressionTimezone ?? 'UTC';
    if (!isTimeZone(timezone)) throw validation(`Invalid ScheduleExpressionTimezone: ${timezone}`);
    parseExpression(input.ScheduleExpression);
    if (
      input.FlexibleTimeWindow.Mode === 'FLEXIBLE' &&
      input.FlexibleTimeWindow.MaximumWindowInMinutes === undefined
    ) {
      throw validation('MaximumWindowInMinutes is required when FlexibleTimeWindow Mode is FLEXIBLE');
    }
    if (input.StartDate !== undefined && input.EndDate !== undefined && input.EndDate <= input.StartDate) {
      throw validation('The EndDate must be after the StartDate');
    }
    const now = nowMs();
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
      CreationDate: previous?.CreationDate ?? now / 1000,
      LastModificationDate: now / 1000,
      ClientToken: input.ClientToken,
      cursor: now,
    };
  }

  function handle(
    method: string,
    path: string[],
    query: URLSearchParams,
    body: unknown,
    region: string,
  ): unknown {
    const arnBase = `arn:aws:scheduler:${region}:${ACCOUNT_ID}`;
    const scheduleArn = (schedule: StoredSchedule) =>
      `${arnBase}:schedule/${schedule.GroupName}/${schedule.Name}`;
    const groupArn = (group: StoredGroup) => `${arnBase}:schedule-group/${group.Name}`;
    const [collection, name, extra] = path;
    if (extra !== undefined) throw unknownOperation(method, path);

    if (collection === 'schedules' && name !== undefined) {
      const groupName = query.get('groupName') ?? DEFAULT_GROUP;
      switch (method) {
        case 'POST': {
          const schedule = buildSchedule(name, body);
          const existing = schedules.get(key(schedule.GroupName, name));
          if (existing) {
            // A retried create (same client token) succeeds again, as AWS's idempotency token promises.
            if (schedule.ClientToken !== undefined && existing.ClientToken === schedule.ClientToken) {
              return { ScheduleArn: scheduleArn(existing) };
            }
            throw conflict(`Schedule ${name} already exists.`);
          }
          schedules.set(key(schedule.GroupName, name), schedule);
          persist();
          return { ScheduleArn: scheduleArn(schedule) };
        }
        case 'PUT': {
          const bodyGroup = (body as { GroupName?: unknown } | null)?.GroupName;
          const previous = requireSchedule(typeof bodyGroup === 'string' ? bodyGroup : DEFAULT_GROUP, name);
          // UpdateSchedule replaces the whole definition; unspecified fields return to their defaults.
          const schedule = buildSchedule(name, body, previous);
          schedules.set(key(schedule.GroupName, name), schedule);
          persist();
          return { ScheduleArn: scheduleArn(schedule) };
        }
        case 'GET': {
          const schedule = requireSchedule(groupName, name);
          return {
            Arn: scheduleArn(schedule),
            Name: schedule.Name,
            GroupName: schedule.GroupName,
            ScheduleExpression: schedule.ScheduleExpression,
            ScheduleExpressionTimezone: schedule.ScheduleExpressionTimezone,
            StartDate: schedule.StartDate,
            EndDate: schedule.EndDate,
            Description: schedule.Description,
            State: schedule.State,
            KmsKeyArn: schedule.KmsKeyArn,
            ActionAfterCompletion: schedule.ActionAfterCompletion,
            FlexibleTimeWindow: schedule.FlexibleTimeWindow,
            Target: schedule.Target,
            CreationDate: schedule.CreationDate,
            LastModificationDate: schedule.LastModificationDate,
          };
        }
        case 'DELETE': {
          requireSchedule(groupName, name);
          schedules.delete(key(groupName, name));
          persist();
          return {};
        }
      }
    }

    if (collection === 'schedules' && name === undefined && method === 'GET') {
      const group = query.get('ScheduleGroup') ?? undefined;
      const prefix = query.get('NamePrefix') ?? '';
      const state = query.get('State') ?? undefined;
      if (state !== undefined && state !== 'ENABLED' && state !== 'DISABLED')
        throw validation(`Invalid State: ${state}`);
      const matching = [...schedules.values()]
        .filter((schedule) => group === undefined || schedule.GroupName === group)
        .filter((schedule) => schedule.Name.startsWith(prefix))
        .filter((schedule) => state === undefined || schedule.State === state)
        .sort((a, b) => key(a.GroupName, a.Name).localeCompare(key(b.GroupName, b.Name)));
      const { items, nextToken } = paginate(matching, query);
      return {
        Schedules: items.map((schedule) => ({
          Arn: scheduleArn(schedule),
          Name: schedule.Name,
          GroupName: schedule.GroupName,
          State: schedule.State,
          CreationDate: schedule.CreationDate,
          LastModificationDate: schedule.LastModificationDate,
          Target: { Arn: schedule.Target.Arn },
        })),
        NextToken: nextToken,
      };
    }

    if (collection === 'schedule-groups' && name !== undefined) {
      checkName(name, 'Name');
      switch (method) {
        case 'POST': {
          const input = parse(groupBodySchema, body);
          if (groups.has(name)) throw conflict(`Schedule group ${name} already exists.`);
          const now = nowMs() / 1000;
          const group: StoredGroup = {
            Name: name,
            CreationDate: now,
            LastModificationDate: now,
            Tags: input.Tags,
          };
          groups.set(name, group);
          persist();
          return { ScheduleGroupArn: groupArn(group) };
        }
        case 'GET': {
          const group = requireGroup(name);
          return { Arn: groupArn(group), Name: group.Name, State: 'ACTIVE', ...dates(group) };
        }
        case 'DELETE': {
          requireGroup(name);
          if (name === DEFAULT_GROUP) throw validation('The default schedule group cannot be deleted.');
          // AWS deletes a group's schedules with it.
          for (const schedule of [...schedules.values()]) {
            if (schedule.GroupName === name) schedules.delete(key(name, schedule.Name));
          }
          groups.delete(name);
          persist();
          return {};
        }
      }
    }

    if (collection === 'schedule-groups' && name === undefined && method === 'GET') {
      const prefix = query.get('NamePrefix') ?? '';
      const matching = [...groups.values()]
        .filter((group) => group.Name.startsWith(prefix))
        .sort((a, b) => a.Name.localeCompare(b.Name));
      const { items, nextToken } = paginate(matching, query);
      return {
        ScheduleGroups: items.map((group) => ({
          Arn: groupArn(group),
          Name: group.Name,
          State: 'ACTIVE',
          ...dates(group),
        })),
        NextToken: nextToken,
      };
    }

    throw unknownOperation(method, path);
  }

  const server = createServer((request, response) => {
    void serve(request, response, handle);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    runDue,
    close: async () => {
      closed = true;
      if (ticker) clearInterval(ticker);
      for (const timer of retryTimers) clearTimeout(timer);
      retryTimers.clear();
      // Lets a pass that is firing targets finish (bounded, in case a target never answers).
      await Promise.race([queue, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // SDK clients keep connections alive; without this close() would wait for them to idle out.
        server.closeAllConnections();
      });
    },
  };
}

/** Waits for a promise, but no longer than `ms`; the work itself carries on regardless. */
async function settleWithin(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function dates(group: StoredGroup): { CreationDate: number; LastModificationDate: number } {
  return { CreationDate: group.CreationDate, LastModificationDate: group.LastModificationDate };
}

function checkName(name: string, field: string): void {
  if (!NAME_PATTERN.test(name)) throw validation(`${field} '${name}' must be 1-64 of [0-9a-zA-Z-_.]`);
}

function unknownOperation(method: string, path: string[]): SchedulerError {
  return new SchedulerError(
    'UnknownOperationException',
    404,
    `No operation for ${method} /${path.join('/')}`,
  );
}

function readStateFile(file: string): z.infer<typeof stateFileSchema> | undefined {
  if (!existsSync(file)) return undefined;
  // A corrupt file is fatal rather than overwritten: it may hold schedules someone depends on.
  const parsed = stateFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`Scheduler stand-in: ${file} is not a valid schedules file`);
  return parsed.data;
}

function paginate<T>(items: T[], query: URLSearchParams): { items: T[]; nextToken?: string } {
  const maxText = query.get('MaxResults');
  const max = maxText === null ? 100 : Number(maxText);
  if (!Number.isInteger(max) || max < 1 || max > 1000) throw validation('MaxResults must be 1 to 1000');
  const token = query.get('NextToken');
  const start = token === null ? 0 : Number(Buffer.from(token, 'base64url').toString('utf8'));
  if (!Number.isInteger(start) || start < 0) throw validation('Invalid NextToken');
  const end = start + max;
  return {
    items: items.slice(start, end),
    nextToken: end < items.length ? Buffer.from(String(end), 'utf8').toString('base64url') : undefined,
  };
}

// ---- schedule expressions -----------------------------------------------------------------------

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

type DayPredicate = (year: number, month: number, day: number) => boolean;

interface CronFields {
  minutes: number[];
  hours: number[];
  months: Set<number>;
  years: Set<number>;
  day: DayPredicate;
}

type Expression =
  { kind: 'at'; wall: WallTime } | { kind: 'rate'; periodMs: number } | { kind: 'cron'; fields: CronFields };

const expressionCache = new Map<string, Expression>();

/** Parses at()/rate()/cron(); throws ValidationException, as CreateSchedule does on AWS. */
function parseExpression(expression: string): Expression {
  const cached = expressionCache.get(expression);
  if (cached) return cached;
  const parsed = parseExpressionUncached(expression.trim());
  expressionCache.set(expression, parsed);
  return parsed;
}

function parseExpressionUncached(expression: string): Expression {
  const invalid = (why: string) => validation(`Invalid Schedule Expression ${expression}: ${why}`);
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

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** AWS cron: minutes hours day-of-month month day-of-week year; exactly one day field is `?`. */
function parseCron(text: string): CronFields {
  const fields = text.split(/\s+/);
  if (fields.length !== 6) throw new Error('a cron expression has six fields');
  const [minuteField, hourField, domField, monthField, dowField, yearField] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if ((domField === '?') === (dowField === '?')) {
    throw new Error('exactly one of day-of-month and day-of-week must be ?');
  }
  const day = domField === '?' ? parseDayOfWeek(dowField) : parseDayOfMonth(domField);
  return {
    minutes: [...parseValues(minuteField, 0, 59)].sort((a, b) => a - b),
    hours: [...parseValues(hourField, 0, 23)].sort((a, b) => a - b),
    months: parseValues(monthField, 1, 12, MONTH_NAMES),
    years: parseValues(yearField, 1970, 2199),
    day,
  };
}

/** A numeric field: `*`, values, ranges (wrapping, like FRI-MON), lists and steps (`0/15`, `*\/5`). */
function parseValues(field: string, min: number, max: number, names?: string[]): Set<number> {
  const values = new Set<number>();
  const value = (text: string): number => {
    const named = names?.indexOf(text.toUpperCase()) ?? -1;
    const number = named >= 0 ? named + min : /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!(number >= min && number <= max)) throw new Error(`'${text}' is not in ${min}-${max}`);
    return number;
  };
  for (const part of field.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`'${part}' has an invalid step`);
    let from: number;
    let to: number;
    if (range === '*') {
      [from, to] = [min, max];
    } else if (range.includes('-')) {
      const [start = '', end = ''] = range.split('-');
      [from, to] = [value(start), value(end)];
    } else {
      from = value(range);
      to = stepText === undefined ? from : max;
    }
    const span = to >= from ? to - from : max - from + 1 + (to - min);
    for (let offset = 0; offset <= span; offset += step) {
      values.add(((from - min + offset) % (max - min + 1)) + min);
    }
  }
  return values;
}

function parseDayOfMonth(field: string): DayPredicate {
  const predicates = field.split(',').map((part): DayPredicate => {
    if (part === 'L') return (year, month, day) => day === daysInMonth(year, month);
    if (part === 'LW')
      return (year, month, day) => day === nearestWeekday(year, month, daysInMonth(year, month));
    const weekday = /^(\d+)W$/.exec(part);
    if (weekday) {
      const target = Number(weekday[1]);
      if (target < 1 || target > 31) throw new Error(`'${part}' is not in 1-31`);
      return (year, month, day) =>
        target <= daysInMonth(year, month) && day === nearestWeekday(year, month, target);
    }
    const values = parseValues(part, 1, 31);
    return (_year, _month, day) => values.has(day);
  });
  return (year, month, day) => predicates.some((predicate) => predicate(year, month, day));
}

function parseDayOfWeek(field: string): DayPredicate {
  const predicates = field.split(',').map((part): DayPredicate => {
    const dayNumber = (text: string) => [...parseValues(text, 1, 7, DAY_NAMES)][0]!;
    const nth = /^(\w+)#([1-5])$/.exec(part);
    if (nth) {
      const weekday = dayNumber(nth[1]!);
      const occurrence = Number(nth[2]);
      return (year, month, day) =>
        dayOfWeek(year, month, day) === weekday && Math.ceil(day / 7) === occurrence;
    }
    const last = /^(\w*)L$/.exec(part);
    if (last) {
      // `L` alone is the last day of the week (Saturday); `5L` the month's last Thursday.
      const weekday = last[1] === '' ? 7 : dayNumber(last[1]!);
      return (year, month, day) =>
        dayOfWeek(year, month, day) === weekday && day + 7 > daysInMonth(year, month);
    }
    const values = parseValues(part, 1, 7, DAY_NAMES);
    return (year, month, day) => values.has(dayOfWeek(year, month, day));
  });
  return (year, month, day) => predicates.some((predicate) => predicate(year, month, day));
}

/** The first occurrence at or after `fromMs`, or undefined when the schedule has no more. */
function nextOccurrence(schedule: StoredSchedule, fromMs: number): number | undefined {
  const expression = parseExpression(schedule.ScheduleExpression);
  const timezone = schedule.ScheduleExpressionTimezone;
  if (expression.kind === 'at') {
    // One-time schedules ignore StartDate and EndDate, and fire even when created in the past.
    if (schedule.completed) return undefined;
    const { year, month, day, hour, minute, second } = expression.wall;
    return wallToInstant(timezone, year, month, day, hour, minute, second, true);
  }
  // Dates are stored in epoch seconds, as the API carries them; rounding undoes float error in * 1000.
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

function hasEnded(schedule: StoredSchedule, now: number): boolean {
  if (parseExpression(schedule.ScheduleExpression).kind === 'at') return schedule.completed === true;
  return schedule.EndDate !== undefined && schedule.EndDate * 1000 <= now;
}

/**
 * Walks calendar days in the schedule's time zone and returns the first matching wall-clock minute
 * that exists there and is not before `fromMs`. Wall times skipped by DST are passed over; a repeated
 * wall time maps to its first instant only, so it fires once.
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
          const instant = wallToInstant(timezone, year, month, day, hour, minute, 0, false);
          if (instant !== undefined && instant >= fromMs) return instant;
        }
      }
    }
    [day, firstDay] = [day + 1, false];
  }
  return undefined;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let cached = formatters.get(timezone);
  if (!cached) {
    cached = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timezone, cached);
  }
  return cached;
}

function isTimeZone(timezone: string): boolean {
  try {
    formatter(timezone);
    return true;
  } catch {
    return false;
  }
}

function wallClock(timezone: string, instant: number): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timezone).formatToParts(instant)) parts[part.type] = Number(part.value);
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The zone's offset from UTC at an instant, in ms. */
function offsetAt(timezone: string, instant: number): number {
  const wall = wallClock(timezone, instant);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The earliest instant showing this wall-clock time in the zone. Offsets are sampled 12 h either side,
 * which brackets any one DST change. A time inside a spring-forward gap has no instant: undefined, or
 * with `shiftGap` the instant the clocks show after moving forward (used for at()).
 */
function wallToInstant(
  timezone: string,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  shiftGap: boolean,
): number | undefined {
  const guess = Date.UTC(year, month - 1, day, hour, minute, second);
  const before = offsetAt(timezone, guess - 43_200_000);
  const after = offsetAt(timezone, guess + 43_200_000);
  const matches = [...new Set([before, after])]
    .map((offset) => guess - offset)
    .filter((instant) => {
      const wall = wallClock(timezone, instant);
      return (
        wall.year === year &&
        wall.month === month &&
        wall.day === day &&
        wall.hour === hour &&
        wall.minute === minute &&
        wall.second === second
      );
    })
    .sort((a, b) => a - b);
  return matches[0] ?? (shiftGap ? guess - before : undefined);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 1 = Sunday … 7 = Saturday, as AWS cron counts. */
function dayOfWeek(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

/** The weekday nearest the given day without leaving the month (the cron `W` rule). */
function nearestWeekday(year: number, month: number, day: number): number {
  const weekday = dayOfWeek(year, month, day);
  if (weekday === 7) return day === 1 ? 3 : day - 1;
  if (weekday === 1) return day === daysInMonth(year, month) ? day - 2 : day + 1;
  return day;
}

// ---- HTTP -----------------------------------------------------------------------------------------

type Handler = (
  method: string,
  path: string[],
  query: URLSearchParams,
  body: unknown,
  region: string,
) => unknown;

async function serve(request: IncomingMessage, response: ServerResponse, handle: Handler): Promise<void> {
  try {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname
      .split('/')
      .filter((segment) => segment !== '')
      .map((segment) => decodeURIComponent(segment));
    const text = await readBody(request);
    let body: unknown = {};
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        throw validation('Request body is not valid JSON');
      }
    }
    send(
      response,
      200,
      handle(request.method ?? 'GET', path, url.searchParams, body, signingRegion(request)),
    );
  } catch (error) {
    if (error instanceof SchedulerError) {
      send(response, error.status, { Message: error.message }, error.type);
    } else {
      process.stderr.write(`[scheduler-standin] unexpected error: ${describeError(error)}\n`);
      send(response, 500, { Message: String(error) }, 'InternalServerException');
    }
  }
}

function send(response: ServerResponse, status: number, body: unknown, errorType?: string): void {
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'x-amzn-RequestId': randomUUID(),
    ...(errorType === undefined ? {} : { 'x-amzn-ErrorType': errorType }),
  });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_REQUEST_BYTES) throw validation('Request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The region from the SigV4 credential scope, so returned ARNs match what the client expects. */
function signingRegion(request: IncomingMessage): string {
  const match = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(request.headers.authorization ?? '');
  return match?.[1] ?? FALLBACK_REGION;
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw validation(z.prettifyError(result.error));
  return result.data;
}

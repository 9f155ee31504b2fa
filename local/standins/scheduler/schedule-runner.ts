// Fires due schedules, one pass at a time, on a timer and on demand; occurrences missed while the
// stand-in was stopped (or between passes) fire once, not once each.
import { describeError } from '../http/aws-errors';
import { hasEnded, nextOccurrence, parseScheduleExpression } from './schedule-expression';
import type { StoredSchedule } from './schedule-schemas';
import { scheduleKey, type ScheduleStore } from './schedule-store';
import { TargetInvoker, type InvokeTarget } from './target-invoker';

export interface ScheduleRunnerOptions {
  store: ScheduleStore;
  invokeTarget: InvokeTarget;
  nowMs: () => number;
  /** How often due schedules are fired, in ms; 0 or less turns the timer off. */
  tickMs: number;
}

export interface ScheduleRunner {
  /** Fires every due schedule now and returns how many fired. */
  runDue: () => Promise<number>;
  stop: () => Promise<void>;
}

const FIRST_ATTEMPT_WAIT_MS = 30_000;
const STOP_WAIT_MS = 5000;

export function startScheduleRunner(options: ScheduleRunnerOptions): ScheduleRunner {
  const { store, nowMs } = options;
  const invoker = new TargetInvoker(options.invokeTarget);

  /** Advances every due schedule past now (persisted before firing, so a crash cannot fire it twice). */
  function claimDue(): StoredSchedule[] {
    const now = nowMs();
    const due: StoredSchedule[] = [];
    let changed = false;
    for (const [key, schedule] of store.schedules) {
      if (schedule.State !== 'ENABLED') continue;
      const next = nextOccurrence(schedule, schedule.cursor);
      if (next === undefined) {
        if (schedule.ActionAfterCompletion === 'DELETE' && hasEnded(schedule, now)) {
          store.schedules.delete(key);
          changed = true;
        }
        continue;
      }
      if (next > now) continue;
      // Any further occurrences already in the past are folded into this one firing.
      schedule.cursor = now + 1;
      if (parseScheduleExpression(schedule.ScheduleExpression).kind === 'at') schedule.completed = true;
      due.push(schedule);
      changed = true;
    }
    if (changed) store.persist();
    return due;
  }

  async function fireDue(): Promise<number> {
    const due = claimDue();
    // Bounded, so a target that never answers cannot stall every later pass.
    await Promise.all(due.map((schedule) => settleWithin(invoker.fire(schedule), FIRST_ATTEMPT_WAIT_MS)));

    let deleted = false;
    for (const schedule of due) {
      const key = scheduleKey(schedule.GroupName, schedule.Name);
      // Skipped if the schedule was updated or deleted while its target ran.
      if (store.schedules.get(key) !== schedule) continue;
      if (
        schedule.ActionAfterCompletion === 'DELETE' &&
        nextOccurrence(schedule, schedule.cursor) === undefined
      ) {
        store.schedules.delete(key);
        deleted = true;
      }
    }
    if (deleted) store.persist();
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

  const ticker =
    options.tickMs > 0
      ? setInterval(() => {
          if (passesInFlight > 0) return;
          runDue().catch((error: unknown) =>
            process.stderr.write(`[scheduler-standin] tick failed: ${describeError(error)}\n`),
          );
        }, options.tickMs)
      : undefined;
  // The timer alone must not keep the process alive.
  ticker?.unref();

  return {
    runDue,
    async stop() {
      invoker.stop();
      if (ticker) clearInterval(ticker);
      // Lets a pass that is firing targets finish (bounded, in case a target never answers).
      await settleWithin(queue, STOP_WAIT_MS);
    },
  };
}

/** Waits for a promise, but no longer than `ms`; the work itself carries on regardless. */
async function settleWithin(work: Promise<unknown>, ms: number): Promise<void> {
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

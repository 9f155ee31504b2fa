// Runs a Wait state (rewritten into a Task) as a timer the execution can cut short, so StopExecution
// interrupts it and waits can be skipped in tests.
import type { JsonObject, JsonValue } from './interpreter-types';
import { statesRuntimeError } from './task-errors';
import { MAX_TIMER_MS } from './timer-limits';

export interface WaitOptions {
  /** Woken early when the execution finishes. */
  sleepers: Set<() => void>;
  /** true: every wait takes 0 ms. */
  instant: boolean;
}

/**
 * `input` is the rewritten state's Parameters: the state input and its seconds or timestamp. Resolves
 * with the state input once the wait is over.
 */
export function sleepFor(input: JsonValue, options: WaitOptions): Promise<JsonValue> {
  const { input: passThrough, seconds, timestamp } = (input ?? {}) as JsonObject;
  let delayMs: number;
  if (seconds !== undefined) {
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
      return Promise.reject(
        statesRuntimeError(`Wait seconds must be a non-negative integer, got ${JSON.stringify(seconds)}`),
      );
    }
    delayMs = seconds * 1000;
  } else {
    const at = typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN;
    if (Number.isNaN(at)) {
      return Promise.reject(statesRuntimeError(`Wait timestamp is invalid: ${JSON.stringify(timestamp)}`));
    }
    delayMs = at - Date.now();
  }
  const ms = options.instant ? 0 : Math.min(Math.max(delayMs, 0), MAX_TIMER_MS - 1000);
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      options.sleepers.delete(wake);
      resolve(passThrough as JsonValue);
    };
    const timer = setTimeout(wake, ms);
    options.sleepers.add(wake);
  });
}

/** Hands the stand-ins from jest's globalSetup to its globalTeardown (both run in the parent process). */
import type { StandIns } from '../../local/stand-ins';

interface Running {
  readonly standIns: StandIns;
  readonly scratchDir: string;
}

const holder = globalThis as typeof globalThis & { __lanternStandIns?: Running };

export function setRunningStandIns(running: Running): void {
  holder.__lanternStandIns = running;
}

export function takeRunningStandIns(): Running | undefined {
  const running = holder.__lanternStandIns;
  delete holder.__lanternStandIns;
  return running;
}

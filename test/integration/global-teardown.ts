/** Stops the stand-ins started by global-setup.ts and removes their scratch folder. */
import { rm } from 'node:fs/promises';
import { takeRunningStandIns } from './running-standins';

export default async function globalTeardown(): Promise<void> {
  const running = takeRunningStandIns();
  if (!running) return;
  await running.standIns.stop();
  await rm(running.scratchDir, { recursive: true, force: true });
}

/**
 * A CPU profile of part of the benchmark through the inspector, so seeding does not drown the handler
 * stack's own cost. Open the file in Chrome DevTools (Performance) or any .cpuprofile viewer.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

export interface CpuProfile {
  stopInto(path: string): Promise<void>;
}

export async function startCpuProfile(): Promise<CpuProfile> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stopInto(path) {
      const { profile } = await session.post('Profiler.stop');
      await writeFile(path, JSON.stringify(profile));
      session.disconnect();
      process.stdout.write(`CPU profile of the sampling written to ${path}\n`);
    },
  };
}

/** Jest globalTeardown for the e2e tier: stops the Lantern that global-setup.ts started. */
import { LANTERN_HANDLE_KEY, type RunningLantern } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const store = globalThis as Record<string, unknown>;
  const lantern = store[LANTERN_HANDLE_KEY] as RunningLantern | undefined;
  delete store[LANTERN_HANDLE_KEY];
  delete process.env.LANTERN_E2E_URL;
  await lantern?.stop();
}

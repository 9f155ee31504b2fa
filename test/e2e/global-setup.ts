/**
 * Jest globalSetup for the e2e tier: starts the whole local Lantern (AWS stand-ins, seeded demo data,
 * the API at /api and the built web app from web/dist at /) on a free port. Test workers read its
 * address from LANTERN_E2E_URL; global-teardown.ts stops it (jest runs both in this process).
 */
import { startLantern } from '../../local/runtime';

export type LanternHandle = Awaited<ReturnType<typeof startLantern>>;

/** Where the running Lantern is kept between globalSetup and globalTeardown. */
export const LANTERN_HANDLE_KEY = '__lanternE2eHandle';

export default async function globalSetup(): Promise<void> {
  const lantern = await startLantern({ inMemory: true, port: 0, quiet: true });
  (globalThis as Record<string, unknown>)[LANTERN_HANDLE_KEY] = lantern;
  process.env.LANTERN_E2E_URL = lantern.url.replace(/\/+$/, '');
}

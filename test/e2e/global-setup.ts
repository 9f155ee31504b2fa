/**
 * Jest globalSetup for the e2e tier: starts the whole local Lantern (AWS stand-ins, seeded demo data,
 * the API at /api and the built web app from web/dist at /) on a free port. Test workers read its
 * address from LANTERN_E2E_URL; global-teardown.ts stops it (jest runs both in this process).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { GlobalConfig, ProjectConfig } from 'jest';
import { tsImport } from 'tsx/esm/api';
import type * as LocalRuntime from '../../local/runtime';

export type RunningLantern = Awaited<ReturnType<typeof LocalRuntime.startLantern>>;

/** Where the running Lantern is kept between globalSetup and globalTeardown. */
export const LANTERN_HANDLE_KEY = '__lanternE2e';

export default async function globalSetup(
  _globalConfig: GlobalConfig,
  projectConfig: ProjectConfig,
): Promise<void> {
  // Load the runtime through tsx, as `npm start` does, not through jest's transform: jest compiles
  // globalSetup's modules only while this function runs, but the local API imports each handler
  // module on its first request, long after.
  const runtimeUrl = pathToFileURL(join(projectConfig.rootDir, 'local', 'runtime.ts')).href;
  const { startLantern } = (await tsImport(
    runtimeUrl,
    pathToFileURL(projectConfig.rootDir).href,
  )) as typeof LocalRuntime;

  const lantern = await startLantern({ inMemory: true, port: 0, quiet: true });
  (globalThis as Record<string, unknown>)[LANTERN_HANDLE_KEY] = lantern;
  process.env.LANTERN_E2E_URL = lantern.url.replace(/\/+$/, '');
}

/**
 * Starts the AWS stand-ins once for the whole integration tier and hands their endpoints to the
 * test workers through the SDK's own AWS_ENDPOINT_URL_* variables. Suites create their own tables.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPOSITORY_ROOT } from '../../local/lambda-invoker';
import { LOCAL_POWERTOOLS_ENVIRONMENT, sdkEnvironment } from '../../local/local-environment';
import { startStandIns } from '../../local/stand-ins';
import { setRunningStandIns } from './running-standins';

export default async function globalSetup(): Promise<void> {
  const scratchDir = await mkdtemp(join(tmpdir(), 'lantern-it-'));
  const standIns = await startStandIns({
    cacheDir: join(REPOSITORY_ROOT, '.lantern', 'cache'),
    scratchDir,
    instantWaits: true,
  });
  setRunningStandIns({ standIns, scratchDir });
  Object.assign(process.env, sdkEnvironment(standIns.endpoints), LOCAL_POWERTOOLS_ENVIRONMENT, {
    LANTERN_IT_TRANSFER_STATE_MACHINE_ARN: standIns.stateMachineArn('transfer'),
  });
}

/**
 * DynamoDB Local, the official emulator. Its jar ships inside an npm tarball
 * (amplify-dynamodb-simulator); we fetch only that tarball with `npm pack`, keep its emulator/
 * folder in an ignored cache, and run it with Java.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startChild, waitForPort, type StartedChild } from './child-processes';

const run = promisify(execFile);
const SIMULATOR_PACKAGE = 'amplify-dynamodb-simulator@2.9.30';
const EMULATOR_FOLDER = 'dynamodb-local-1.25.1';

export class JavaMissingError extends Error {
  constructor() {
    super(
      'Java is needed to run DynamoDB Local: install it with `sudo apt-get install -y default-jre-headless` (or run `bash .ci/run`).',
    );
    this.name = 'JavaMissingError';
  }
}

async function assertJava(): Promise<void> {
  try {
    await run('java', ['-version']);
  } catch {
    throw new JavaMissingError();
  }
}

/** The folder holding DynamoDBLocal.jar, fetched once into the cache. */
export async function ensureDynamoDbLocal(cacheDir: string): Promise<string> {
  const target = join(cacheDir, EMULATOR_FOLDER);
  if (existsSync(join(target, 'DynamoDBLocal.jar'))) return target;
  await mkdir(cacheDir, { recursive: true });
  const work = await mkdtemp(join(tmpdir(), 'lantern-ddb-'));
  try {
    const { stdout } = await run('npm', ['pack', SIMULATOR_PACKAGE, '--pack-destination', work, '--silent']);
    const tarball = stdout.trim().split('\n').pop() ?? '';
    await run('tar', ['-xzf', join(work, tarball), '-C', work, 'package/emulator']);
    // Rename into place last, so an interrupted download never leaves a half-filled cache.
    await rename(join(work, 'package', 'emulator'), target);
    return target;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export async function startDynamoDbLocal(options: {
  cacheDir: string;
  port: number;
  dataDir?: string;
  verbose?: boolean;
  /**
   * Compile fully and allow a larger heap: slower to start (about a second), several times faster
   * under heavy writes (an MIS import of a whole school). For npm start and the benchmark; tests,
   * which start it often and write little, keep the quick start.
   */
  forThroughput?: boolean;
}): Promise<StartedChild> {
  await assertJava();
  const emulatorDir = await ensureDynamoDbLocal(options.cacheDir);
  const storage = options.dataDir ? ['-dbPath', options.dataDir] : ['-inMemory'];
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const child = startChild(
    'dynamodb',
    'java',
    [
      ...(options.forThroughput ? ['-Xmx1g'] : ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xmx256m']),
      `-Djava.library.path=${join(emulatorDir, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(emulatorDir, 'DynamoDBLocal.jar'),
      '-port',
      String(options.port),
      ...storage,
      '-sharedDb',
      '-disableTelemetry',
    ],
    { cwd: emulatorDir, verbose: options.verbose ?? false },
  );
  await waitForPort(options.port, 30_000, child);
  return child;
}

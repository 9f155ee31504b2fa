/**
 * `npm start`'s own process as a user runs it: it prints where Lantern is, serves a green health
 * check and the web app, and Ctrl-C (SIGINT) stops it and every process it started.
 */
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPOSITORY_ROOT } from '../../lib/config/repository-root';

jest.setTimeout(120_000);

/** Every process whose ancestry leads to `rootPid`. */
function descendants(rootPid: number): number[] {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [pid, ppid] of table) {
      if (ppid === parent) {
        found.push(pid);
        queue.push(pid);
      }
    }
  }
  return found;
}

/** Running or sleeping; a zombie (exited, not yet reaped by a container's init) counts as gone. */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

it('serves health and the web app, then Ctrl-C leaves no process behind', async () => {
  const child = spawn(
    process.execPath,
    [
      join(REPOSITORY_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
      'local/start.ts',
      '--in-memory',
      '--port',
      '0',
      '--skip-web-build',
    ],
    { cwd: REPOSITORY_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /Lantern is running at (http:\/\/localhost:\d+)/.exec(output);
      if (match?.[1]) {
        clearInterval(timer);
        resolve(match[1]);
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`npm start exited early:\n${output}`));
      }
    }, 100);
  });
  expect(output).toContain('Operator token');

  const health = await fetch(`${url}/api/health`);
  expect(health.status).toBe(200);
  expect(((await health.json()) as { status: string }).status).toBe('ok');
  const page = await fetch(`${url}/`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<div id="root">');

  const started = descendants(child.pid!);
  expect(started.length).toBeGreaterThanOrEqual(3); // DynamoDB Local, s3rver, SES at least
  child.kill('SIGINT');
  expect(await exited).toBe(0);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const survivors = started.filter(isAlive).map((pid) => {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    return `${pid} ${commandLine}`;
  });
  expect(survivors).toEqual([]);
});

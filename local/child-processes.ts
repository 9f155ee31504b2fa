/**
 * Child processes of the local runtime (DynamoDB Local, S3 and SES stand-ins): started with
 * their output captured, waited for until their port answers, and always stopped with us —
 * on stop(), on Ctrl-C and on exit — so nothing is left behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';

const running = new Set<ChildProcess>();

process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface StartedChild {
  readonly name: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export function startChild(
  name: string,
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; verbose?: boolean } = {},
): StartedChild {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stopping = false;
  const recent: string[] = [];
  const remember = (chunk: Buffer): void => {
    recent.push(chunk.toString('utf8'));
    if (recent.length > 50) recent.shift();
    if (options.verbose) process.stderr.write(`[${name}] ${chunk.toString('utf8')}`);
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);
  child.once('exit', (code, signal) => {
    running.delete(child);
    // A stand-in that dies on its own is news; its last output says why.
    if (code !== 0 && code !== null && !stopping) {
      process.stderr.write(
        `[${name}] exited with code ${code}${signal ? ` (${signal})` : ''}\n${recent.join('')}`,
      );
    }
  });
  return {
    name,
    process: child,
    stop: () => {
      stopping = true;
      return stopChild(child);
    },
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/** Resolves once something accepts TCP connections on the port, or rejects after the deadline. */
export async function waitForPort(port: number, deadlineMs: number, child?: StartedChild): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (child && child.process.exitCode !== null) {
      throw new Error(`${child.name} exited (code ${child.process.exitCode}) before it was ready`);
    }
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() - started > deadlineMs) {
      throw new Error(`${child?.name ?? 'service'} did not open port ${port} within ${deadlineMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A port the OS says is free right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Task tokens: issued in AWS's shape, held until completed once, kept alive by heartbeats, then retired. */
import { AwsError } from '../../../local/standins/http/aws-errors';
import {
  TaskTokenRegistry,
  type PendingTask,
} from '../../../local/standins/stepfunctions/task-token-registry';

function caught(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('TaskTokenRegistry', () => {
  let registry: TaskTokenRegistry;
  let open: Set<PendingTask>;

  beforeEach(() => {
    registry = new TaskTokenRegistry();
    open = new Set();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('issues distinct tokens shaped like AWS task tokens', () => {
    const first = registry.issue();
    expect(first).toMatch(/^AQ[A-Za-z0-9_-]{128}$/);
    expect(registry.issue()).not.toBe(first);
  });

  it('holds a task until SendTaskSuccess resolves it with the output', async () => {
    const token = registry.issue();
    const task = registry.hold(token, { timeoutSeconds: 60 }, open);
    expect(open.has(task)).toBe(true);
    expect(registry.find(token)).toBe(task);

    registry.find(token).resolve({ approved: true });
    await expect(task.promise).resolves.toEqual({ approved: true });
    expect(task.settled).toBe(true);
    expect(open.size).toBe(0);
  });

  it('refuses a second completion of a token with TaskTimedOut, keeping the first result', async () => {
    const token = registry.issue();
    const task = registry.hold(token, { timeoutSeconds: 60 }, open);
    registry.find(token).resolve('first');

    expect(caught(() => registry.find(token))).toMatchObject({
      type: 'TaskTimedOut',
      message: "Task Timed Out: 'Provided task does not exist anymore'",
    });
    // Even a direct second call on the task cannot change the outcome.
    task.reject(new Error('late'));
    await expect(task.promise).resolves.toBe('first');
  });

  it('tells a well-formed token it never issued from a malformed one', () => {
    const unknown = caught(() => registry.find(`AQ${'A'.repeat(128)}`));
    expect(unknown).toBeInstanceOf(AwsError);
    expect(unknown).toMatchObject({ type: 'TaskDoesNotExist' });
    expect(caught(() => registry.find('not-a-token'))).toMatchObject({ type: 'InvalidToken' });
  });

  it('fails a task with States.Timeout when its heartbeat lapses, and heartbeats keep it alive', async () => {
    jest.useFakeTimers();
    const token = registry.issue();
    const task = registry.hold(token, { timeoutSeconds: 60, heartbeatSeconds: 2 }, open);
    const outcome = task.promise.catch((error: unknown) => error);

    jest.advanceTimersByTime(1500);
    registry.find(token).heartbeat();
    jest.advanceTimersByTime(1500);
    expect(task.settled).toBe(false);

    jest.advanceTimersByTime(600);
    expect(await outcome).toMatchObject({ name: 'States.Timeout', message: 'No heartbeat within 2 seconds' });
    expect(caught(() => registry.find(token))).toMatchObject({ type: 'TaskTimedOut' });
  });

  it('retires the token just after the task timeout', async () => {
    jest.useFakeTimers();
    const token = registry.issue();
    const task = registry.hold(token, { timeoutSeconds: 5 }, open);
    const outcome = task.promise.catch((error: unknown) => error);

    jest.advanceTimersByTime(5000);
    expect(task.settled).toBe(false);
    jest.advanceTimersByTime(50);
    expect(await outcome).toMatchObject({ name: 'States.Timeout', message: 'The task timed out' });
    expect(open.size).toBe(0);
  });
});

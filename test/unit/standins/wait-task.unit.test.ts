/** Wait states run by the stand-in: durations checked as on AWS, skippable in tests, cut short on stop. */
import { sleepFor } from '../../../local/standins/stepfunctions/wait-task';

afterEach(() => {
  jest.useRealTimers();
});

it('passes the state input through once the wait is over', async () => {
  jest.useFakeTimers();
  let done = false;
  const sleepers = new Set<() => void>();
  const wait = sleepFor({ input: { kept: 1 }, seconds: 30 }, { sleepers, instant: false }).then((output) => {
    done = true;
    return output;
  });
  await jest.advanceTimersByTimeAsync(29_000);
  expect(done).toBe(false);
  await jest.advanceTimersByTimeAsync(1000);
  await expect(wait).resolves.toEqual({ kept: 1 });
  expect(sleepers.size).toBe(0);
});

it('takes no time when waits are overridden, even until a far-off timestamp', async () => {
  const sleepers = new Set<() => void>();
  await expect(
    sleepFor({ input: 'x', timestamp: '2999-01-01T00:00:00Z' }, { sleepers, instant: true }),
  ).resolves.toBe('x');
});

it('wakes early when the execution finishes', async () => {
  const sleepers = new Set<() => void>();
  const wait = sleepFor({ input: 'woken', seconds: 3600 }, { sleepers, instant: false });
  expect(sleepers.size).toBe(1);
  for (const wake of sleepers) wake();
  await expect(wait).resolves.toBe('woken');
});

it.each([
  [{ input: {}, seconds: -1 }, 'Wait seconds must be a non-negative integer, got -1'],
  [{ input: {}, seconds: 1.5 }, 'Wait seconds must be a non-negative integer, got 1.5'],
  [{ input: {}, timestamp: 'soon' }, 'Wait timestamp is invalid: "soon"'],
])('fails %j with States.Runtime, which no Retry or Catch handles', async (input, message) => {
  const failure = await sleepFor(input, { sleepers: new Set(), instant: true }).catch(
    (error: unknown) => error,
  );
  expect(failure).toMatchObject({ name: 'States.Runtime', message, isRetryable: false, isCatchable: false });
});

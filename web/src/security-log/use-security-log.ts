/**
 * Loads the newest `limit` entries of the signed-in person's security log. `refreshKey` reloads it
 * when something that adds an entry happens, such as switching school.
 */
import { useEffect, useState } from 'react';
import { isAbortError } from '../api/client';
import type { Problem } from '../api/problem';
import { fetchSecurityLog, type SecurityEvent } from '../api/security-log';

export type SecurityLogState =
  { phase: 'loading' } | { phase: 'loaded'; events: SecurityEvent[] } | { phase: 'failed'; problem: Problem };

const unexpectedFailure: Problem = {
  title: 'Your security log could not be loaded',
  detail: 'Something went wrong while loading your security log. Try again in a few minutes.',
};

export function useSecurityLog(limit: number, refreshKey: string): SecurityLogState {
  const [state, setState] = useState<SecurityLogState>({ phase: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    async function load() {
      try {
        const result = await fetchSecurityLog(limit, controller.signal);
        setState(
          result.ok
            ? { phase: 'loaded', events: result.events }
            : { phase: 'failed', problem: result.problem },
        );
      } catch (error) {
        if (!isAbortError(error)) setState({ phase: 'failed', problem: unexpectedFailure });
      }
    }
    void load();
    return () => controller.abort();
  }, [limit, refreshKey]);

  return state;
}

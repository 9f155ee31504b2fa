/** Loads the signed-in person's keys; `reload` fetches them again after one is added or removed. */
import { useCallback, useEffect, useState } from 'react';
import { listKeys, type KeySummary } from '../api/keys';
import type { Problem } from '../api/problem';

export type KeysState =
  { phase: 'loading' } | { phase: 'loaded'; keys: KeySummary[] } | { phase: 'failed'; problem: Problem };

const unexpectedFailure: Problem = {
  title: 'Your keys could not be loaded',
  detail: 'Something went wrong while loading your keys. Try again in a few minutes.',
};

export function useKeys(): { state: KeysState; reload: () => void } {
  const [state, setState] = useState<KeysState>({ phase: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    listKeys().then(
      (result) => {
        if (!current) return;
        setState(
          result.ok ? { phase: 'loaded', keys: result.value } : { phase: 'failed', problem: result.problem },
        );
      },
      () => {
        if (current) setState({ phase: 'failed', problem: unexpectedFailure });
      },
    );
    return () => {
      current = false;
    };
  }, [generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { state, reload };
}

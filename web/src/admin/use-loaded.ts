/**
 * Loads what an admin page shows, and loads it again on request (after a change, or after a 409 said
 * someone else had changed it). A request still running when the page goes away is cancelled.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ApiResult } from '../api/api-result';
import { isAbortError } from '../api/client';
import type { Problem } from '../api/problem';

export type LoadState<T> =
  { phase: 'loading' } | { phase: 'loaded'; value: T } | { phase: 'failed'; problem: Problem };

const unexpectedFailure: Problem = {
  title: 'This page could not be loaded',
  detail: 'Something went wrong while loading this page. Try again in a few minutes.',
};

export interface Loaded<T> {
  state: LoadState<T>;
  /** Loads again, keeping what is on screen until the new answer arrives. */
  reload: () => void;
  /** Counts answers received, so forms built from the last one can start again from the next. */
  answers: number;
}

/** `load` must be stable for the same inputs (wrap it in useCallback with its inputs). */
export function useLoaded<T>(load: (signal: AbortSignal) => Promise<ApiResult<T>>): Loaded<T> {
  const [state, setState] = useState<LoadState<T>>({ phase: 'loading' });
  const [generation, setGeneration] = useState(0);
  const [answers, setAnswers] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        setAnswers((count) => count + 1);
        setState(
          result.ok ? { phase: 'loaded', value: result.value } : { phase: 'failed', problem: result.problem },
        );
      },
      (error: unknown) => {
        if (!isAbortError(error)) setState({ phase: 'failed', problem: unexpectedFailure });
      },
    );
    return () => controller.abort();
  }, [load, generation]);

  const reload = useCallback(() => setGeneration((count) => count + 1), []);
  return { state, reload, answers };
}

/** Both results, or the first problem: for pages that need two lists before they can show anything. */
export async function bothLoaded<A, B>(
  first: Promise<ApiResult<A>>,
  second: Promise<ApiResult<B>>,
): Promise<ApiResult<[A, B]>> {
  const [a, b] = await Promise.all([first, second]);
  if (!a.ok) return a;
  if (!b.ok) return b;
  return { ok: true, value: [a.value, b.value] };
}

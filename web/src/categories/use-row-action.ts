/**
 * One action at a time on a row of an admin list (disable, enable, delete): a notice saying what
 * happened, or the problem, and a reload either way so the list shows what is now stored.
 */
import { useState } from 'react';
import type { ApiResult } from '../api/api-result';
import type { ActionOutcome } from '../components/action-notice';

export interface RowAction {
  readonly outcome: ActionOutcome | undefined;
  /** Whether an action is under way. */
  readonly busy: boolean;
  readonly run: (action: () => Promise<ApiResult<unknown>>, doneText: string) => Promise<void>;
}

export function useRowAction(reload: () => void): RowAction {
  const [outcome, setOutcome] = useState<ActionOutcome | undefined>();
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<ApiResult<unknown>>, doneText: string) {
    if (busy) return;
    setBusy(true);
    const result = await action();
    setBusy(false);
    setOutcome(result.ok ? { kind: 'done', text: doneText } : { kind: 'failed', problem: result.problem });
    reload();
  }

  return { outcome, busy, run };
}

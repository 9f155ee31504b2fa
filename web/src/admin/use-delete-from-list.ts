/**
 * Deleting one item of an admin list: one delete at a time, a notice saying what happened, and a
 * reload either way (the item is gone, or whatever stopped the delete is now shown).
 */
import { useState } from 'react';
import type { ApiResult } from '../api/api-result';
import type { ActionOutcome } from '../components/action-notice';

export interface DeleteFromList {
  readonly outcome: ActionOutcome | undefined;
  /** The id being deleted, while a delete is under way. */
  readonly deleting: string | undefined;
  readonly remove: (id: string, name: string) => Promise<void>;
}

export function useDeleteFromList(
  noun: string,
  deleteById: (id: string) => Promise<ApiResult<unknown>>,
  reload: () => void,
): DeleteFromList {
  const [outcome, setOutcome] = useState<ActionOutcome | undefined>();
  const [deleting, setDeleting] = useState<string | undefined>();

  async function remove(id: string, name: string) {
    if (deleting) return;
    setDeleting(id);
    const result = await deleteById(id);
    setDeleting(undefined);
    setOutcome(
      result.ok
        ? { kind: 'done', text: `The ${noun} ${name} has been deleted.` }
        : { kind: 'failed', problem: result.problem },
    );
    reload();
  }

  return { outcome, deleting, remove };
}

/**
 * The outcome of an action taken on the page itself (unlocking, sending a link): a success notice or
 * the problem, focused when it appears so a screen reader reads it and keyboard users start from it.
 */
import { useEffect, useRef } from 'react';
import type { Problem } from '../api/problem';
import { AdminProblem } from './admin-problem';

export type ActionOutcome = { kind: 'done'; text: string } | { kind: 'failed'; problem: Problem };

export function ActionNotice({
  outcome,
  onReload,
}: {
  outcome: ActionOutcome | undefined;
  onReload?: () => void;
}) {
  const alertRef = useRef<HTMLDivElement>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (outcome) (outcome.kind === 'failed' ? alertRef : noticeRef).current?.focus();
  }, [outcome]);
  if (!outcome) return null;
  if (outcome.kind === 'failed') {
    return <AdminProblem ref={alertRef} problem={outcome.problem} {...(onReload ? { onReload } : {})} />;
  }
  return (
    <p ref={noticeRef} className="notice notice--success" role="status" tabIndex={-1}>
      {outcome.text}
    </p>
  );
}

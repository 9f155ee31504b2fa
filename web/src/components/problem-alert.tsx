/**
 * Shows an API problem (RFC 9457) as an alert: its title, its detail, what to do next if the page says,
 * and a reference for support.
 */
import type { ReactNode, Ref } from 'react';
import type { Problem } from '../api/problem';

interface ProblemAlertProps {
  problem: Problem;
  ref?: Ref<HTMLDivElement>;
  /** What the person can do about it, such as a link, shown after the detail. */
  children?: ReactNode;
}

export function ProblemAlert({ problem, ref, children }: ProblemAlertProps) {
  return (
    <div ref={ref} className="alert" role="alert" tabIndex={-1}>
      <h2 className="alert__title">{problem.title}</h2>
      {problem.detail && <p className="alert__detail">{problem.detail}</p>}
      {children}
      {problem.requestId && (
        <p className="alert__reference">
          Reference: <span className="alert__reference-id">{problem.requestId}</span>
        </p>
      )}
    </div>
  );
}

/** Shows an API problem (RFC 9457) as an alert: its title, its detail and a reference for support. */
import type { Ref } from 'react';
import type { Problem } from '../api/problem';

interface ProblemAlertProps {
  problem: Problem;
  ref?: Ref<HTMLDivElement>;
}

export function ProblemAlert({ problem, ref }: ProblemAlertProps) {
  return (
    <div ref={ref} className="alert" role="alert" tabIndex={-1}>
      <h2 className="alert__title">{problem.title}</h2>
      {problem.detail && <p className="alert__detail">{problem.detail}</p>}
      {problem.requestId && (
        <p className="alert__reference">
          Reference: <span className="alert__reference-id">{problem.requestId}</span>
        </p>
      )}
    </div>
  );
}

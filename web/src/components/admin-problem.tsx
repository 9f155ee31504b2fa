/**
 * An API problem on an admin page. When the API says the session must be elevated first, it links to
 * "Elevate your access"; when the answer was a conflict with someone else's change, it offers to reload.
 */
import type { Ref } from 'react';
import type { Problem } from '../api/problem';
import { ELEVATE_PATH, ELEVATION_REQUIRED_TYPE } from '../admin/admin-areas';
import { Link } from '../routing/link';
import { ProblemAlert } from './problem-alert';

interface AdminProblemProps {
  problem: Problem;
  ref?: Ref<HTMLDivElement>;
  /** Offered when the problem is a 409: loads the latest version, discarding unsaved changes. */
  onReload?: () => void;
}

export function AdminProblem({ problem, ref, onReload }: AdminProblemProps) {
  const list = problem.errors?.filter(({ field }) => field !== 'body.version') ?? [];
  return (
    <ProblemAlert ref={ref} problem={problem}>
      {list.length > 0 && (
        <ul className="alert__list alert__list--plain">
          {list.map(({ field, reason }) => (
            <li key={`${field} ${reason}`}>{reason}</li>
          ))}
        </ul>
      )}
      {problem.type === ELEVATION_REQUIRED_TYPE && (
        <p className="alert__action">
          <Link href={ELEVATE_PATH}>Elevate your access</Link>
        </p>
      )}
      {problem.status === 409 && onReload && (
        <p className="alert__action">
          <button className="link-button" type="button" onClick={onReload}>
            Reload and start again
          </button>
        </p>
      )}
    </ProblemAlert>
  );
}

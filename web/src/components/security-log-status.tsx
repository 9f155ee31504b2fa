/** The loading, failed and empty states shared by every view of the security log. */
import type { SecurityLogState } from '../security-log/use-security-log';
import { ProblemAlert } from './problem-alert';

export function SecurityLogStatus({ state }: { state: SecurityLogState }) {
  if (state.phase === 'loading') return <p className="loading">Loading your security log…</p>;
  if (state.phase === 'failed') return <ProblemAlert problem={state.problem} />;
  if (state.events.length === 0) return <p>There is nothing in your security log yet.</p>;
  return null;
}

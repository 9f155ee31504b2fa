/**
 * The outcome of an action taken from the header (switching school, a failed sign-out), above the page.
 * The status region is always present so screen readers announce a notice when it appears.
 */
import type { Problem } from '../api/problem';
import { ProblemAlert } from './problem-alert';

export type ShellMessageContent = { kind: 'notice'; text: string } | { kind: 'problem'; problem: Problem };

export function ShellMessage({ message }: { message: ShellMessageContent | undefined }) {
  return (
    <>
      <div role="status" className="shell-message">
        {message?.kind === 'notice' && <p className="notice notice--success">{message.text}</p>}
      </div>
      {message?.kind === 'problem' && <ProblemAlert problem={message.problem} />}
    </>
  );
}

/** Helping a user sign in: clearing a lockout early, and emailing a link to set a password. */
import { useState } from 'react';
import { sendUserPasswordLink, unlockUser, type UserDetail } from '../../../api/admin-users';
import type { ActionOutcome } from '../../../components/action-notice';
import { isLocked } from '../../../components/user-markers';
import { formatUkDateTime } from '../../../formatting/uk-date-time';

interface UserSignInActionsProps {
  user: UserDetail;
  onDone: (outcome: ActionOutcome) => void;
}

export function UserSignInActions({ user, onDone }: UserSignInActionsProps) {
  const [busy, setBusy] = useState<'unlocking' | 'sending' | undefined>();
  const locked = isLocked(user);

  async function run(kind: 'unlocking' | 'sending') {
    if (busy) return;
    setBusy(kind);
    try {
      if (kind === 'unlocking') {
        const result = await unlockUser(user.personId);
        onDone(
          result.ok
            ? { kind: 'done', text: `${user.displayName} can sign in again.` }
            : { kind: 'failed', problem: result.problem },
        );
      } else {
        const result = await sendUserPasswordLink(user.personId);
        onDone(
          result.ok ? { kind: 'done', text: result.value } : { kind: 'failed', problem: result.problem },
        );
      }
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <section className="admin-section" aria-labelledby="user-sign-in-heading">
      <h2 className="section-title" id="user-sign-in-heading">
        Signing in
      </h2>
      {locked && user.lockedUntil && (
        <div className="admin-action">
          <p>
            Sign-in is locked until {formatUkDateTime(user.lockedUntil)} after too many wrong passwords.
            Unlock it if you are sure the attempts were theirs.
          </p>
          <button
            className="button button--secondary"
            type="button"
            onClick={() => void run('unlocking')}
            aria-disabled={busy ? true : undefined}
          >
            {busy === 'unlocking' ? 'Unlocking…' : 'Unlock sign-in'}
          </button>
        </div>
      )}
      <div className="admin-action">
        <p>
          {user.hasPassword
            ? 'If they have forgotten their password, send them a link to choose a new one.'
            : 'They have not set a password yet. Send them a link to set one.'}{' '}
          The link works until midnight tonight.
        </p>
        <button
          className="button button--secondary"
          type="button"
          onClick={() => void run('sending')}
          aria-disabled={busy ? true : undefined}
        >
          {busy === 'sending' ? 'Sending…' : 'Send a link to set a password'}
        </button>
      </div>
    </section>
  );
}

/** Deactivating a user here: they are signed out of this school at once and cannot sign in to it again. */
import { useState } from 'react';
import { deactivateUser, type UserDetail } from '../../../api/admin-users';
import type { ActionOutcome } from '../../../components/action-notice';

interface UserDeactivateSectionProps {
  user: UserDetail;
  /** Admins cannot deactivate themselves (the API refuses it), so their own page says so instead. */
  isSelf: boolean;
  onDone: (outcome: ActionOutcome) => void;
}

export function UserDeactivateSection({ user, isSelf, onDone }: UserDeactivateSectionProps) {
  const [busy, setBusy] = useState(false);

  async function deactivate() {
    if (busy) return;
    setBusy(true);
    const result = await deactivateUser(user.personId);
    setBusy(false);
    onDone(
      result.ok
        ? { kind: 'done', text: `${user.displayName} has been deactivated and signed out of this school.` }
        : { kind: 'failed', problem: result.problem },
    );
  }

  return (
    <section className="admin-section" aria-labelledby="user-deactivate-heading">
      <h2 className="section-title" id="user-deactivate-heading">
        Deactivate
      </h2>
      {isSelf ? (
        <p>You cannot deactivate yourself. Ask another administrator if you are leaving.</p>
      ) : (
        <>
          <p>
            When someone leaves, deactivate them: they are signed out of this school at once and can no longer
            sign in to it. Their records stay. You can reactivate them later.
          </p>
          <button
            className="button button--warning"
            type="button"
            onClick={() => void deactivate()}
            aria-disabled={busy ? true : undefined}
          >
            {busy ? 'Deactivating…' : `Deactivate ${user.displayName}`}
          </button>
        </>
      )}
    </section>
  );
}

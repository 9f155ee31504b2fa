/**
 * Who is signed in and the school they are working in, with the ways to sign out, at the top of every
 * signed-in page, and whether the session's access is elevated. The school named here is always the
 * session's, never an unconfirmed choice.
 */
import type { SessionView } from '../api/session-view';
import { ElevationStatus } from '../keys/elevation-status';
import { HideNamesToggle } from '../pupils/hide-names-toggle';

interface AccountSummaryProps {
  view: SessionView;
  busy: boolean;
  onSignOut: (everywhere: boolean) => void;
}

export function AccountSummary({ view, busy, onSignOut }: AccountSummaryProps) {
  return (
    <div className="account-summary">
      <div className="account-summary__who">
        <p className="account-summary__name">
          <span className="visually-hidden">Signed in as </span>
          {view.person.displayName}
        </p>
        <p className="account-summary__school">
          <span className="visually-hidden">School: </span>
          {view.school.name}
        </p>
        <ElevationStatus view={view} />
      </div>
      <div className="account-summary__actions" aria-busy={busy}>
        <HideNamesToggle />
        <button
          className="link-button link-button--inverse"
          type="button"
          onClick={() => onSignOut(false)}
          aria-disabled={busy ? true : undefined}
        >
          Sign out
        </button>
        <button
          className="link-button link-button--inverse"
          type="button"
          onClick={() => onSignOut(true)}
          aria-disabled={busy ? true : undefined}
        >
          Sign out of all devices
        </button>
      </div>
    </div>
  );
}

/** Short tags beside a user: has a key (a shield), locked out of sign-in, no password yet. */
import type { UserSummary } from '../api/admin-users';
import { formatUkDateTime } from '../formatting/uk-date-time';

function ShieldIcon() {
  return (
    <svg className="tag__icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M8 1 2 3.5v4C2 11 4.6 14 8 15c3.4-1 6-4 6-7.5v-4L8 1Z" fill="currentColor" />
    </svg>
  );
}

/** Whether sign-in is locked now: the API reports the time the lock ends while it lasts. */
export function isLocked(user: UserSummary, now = Date.now()): boolean {
  return user.lockedUntil !== undefined && Date.parse(user.lockedUntil) > now;
}

export function UserMarkers({ user }: { user: UserSummary }) {
  const locked = isLocked(user);
  return (
    <span className="tag-list">
      {user.hasKey && (
        <span className="tag tag--key">
          <ShieldIcon />
          Has key
        </span>
      )}
      {locked && user.lockedUntil && (
        <span className="tag tag--locked">Locked until {formatUkDateTime(user.lockedUntil)}</span>
      )}
      {!user.hasPassword && <span className="tag tag--muted">No password yet</span>}
    </span>
  );
}

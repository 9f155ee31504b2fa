/**
 * A user's dashboard alerts: "Clear user's dashboard alerts" between two dates (REC-5), for when
 * someone comes back from leave to hundreds of alerts others have dealt with. Audited by the server.
 */
import { useState, type FormEvent } from 'react';
import type { UserDetail } from '../../../api/admin-users';
import { clearUserAlerts } from '../../../api/auto-alerts';
import type { ActionOutcome } from '../../../components/action-notice';

interface UserAlertsSectionProps {
  user: UserDetail;
  onDone: (outcome: ActionOutcome) => void;
}

export function UserAlertsSection({ user, onDone }: UserAlertsSectionProps) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!from || !to) return setError('Enter both dates');
    if (from > to) return setError('The second date must be on or after the first');
    setError(undefined);
    setBusy(true);
    const result = await clearUserAlerts(user.personId, from, to);
    setBusy(false);
    onDone(
      result.ok
        ? {
            kind: 'done',
            text: `Removed ${result.value} unread ${result.value === 1 ? 'alert' : 'alerts'} from ${user.displayName}'s dashboard.`,
          }
        : { kind: 'failed', problem: result.problem },
    );
  }

  return (
    <section className="admin-section" aria-labelledby="user-alerts-heading">
      <h2 className="section-title" id="user-alerts-heading">
        Dashboard alerts
      </h2>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <p>Remove {user.displayName}&apos;s unread dashboard alerts sent between two dates.</p>
        {error && (
          <p className="field__error" role="alert">
            {error}
          </p>
        )}
        <div className="field">
          <label className="field__label" htmlFor="clear-alerts-from">
            From
          </label>
          <input
            id="clear-alerts-from"
            className="field__input field__input--narrow"
            type="date"
            value={from}
            onChange={(event) => setFrom(event.target.value)}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="clear-alerts-to">
            To
          </label>
          <input
            id="clear-alerts-to"
            className="field__input field__input--narrow"
            type="date"
            value={to}
            onChange={(event) => setTo(event.target.value)}
          />
        </div>
        <button type="submit" className="button button--secondary" aria-disabled={busy || undefined}>
          {busy ? 'Removing…' : 'Remove dashboard alerts'}
        </button>
      </form>
    </section>
  );
}

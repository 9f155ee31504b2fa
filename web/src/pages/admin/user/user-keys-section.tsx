/**
 * A user's keys, and removing them all when a phone or security key is lost. Removing keys signs them
 * out everywhere and stops them elevating until they add a new key, so it asks for confirmation first.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { removeUserKeys, type UserDetail } from '../../../api/admin-users';
import type { ActionOutcome } from '../../../components/action-notice';
import { Checkbox } from '../../../components/checkbox';
import { formatUkDateTime } from '../../../formatting/uk-date-time';

const KEY_TYPE_NAMES = { totp: 'Authenticator app', webauthn: 'Security key or passkey' } as const;
const CONFIRM_ID = 'remove-keys-confirm';

interface UserKeysSectionProps {
  user: UserDetail;
  onDone: (outcome: ActionOutcome) => void;
}

export function UserKeysSection({ user, onDone }: UserKeysSectionProps) {
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (error) confirmRef.current?.querySelector('input')?.focus();
  }, [error]);

  async function remove() {
    if (!confirmed) {
      setError('Tick the box to confirm you understand what removing their keys does');
      return;
    }
    setError(undefined);
    setBusy(true);
    const result = await removeUserKeys(user.personId);
    setBusy(false);
    setConfirmed(false);
    onDone(
      result.ok
        ? {
            kind: 'done',
            text: `Removed ${result.value} ${result.value === 1 ? 'key' : 'keys'} from ${user.displayName}. They have been signed out everywhere.`,
          }
        : { kind: 'failed', problem: result.problem },
    );
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!busy) void remove();
  }

  return (
    <section className="admin-section" aria-labelledby="user-keys-heading">
      <h2 className="section-title" id="user-keys-heading">
        Keys
      </h2>
      {user.keys.length === 0 ? (
        <p>
          {user.displayName} has no key, so they cannot elevate their access. They add one themselves from
          Your keys.
        </p>
      ) : (
        <>
          <table className="table admin-table">
            <caption className="visually-hidden">Keys of {user.displayName}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Added</th>
                <th scope="col">Last used</th>
              </tr>
            </thead>
            <tbody>
              {user.keys.map((key) => (
                <tr key={key.keyId}>
                  <th scope="row">{key.label}</th>
                  <td>{KEY_TYPE_NAMES[key.type]}</td>
                  <td>{formatUkDateTime(key.createdAt)}</td>
                  <td>{key.lastUsedAt ? formatUkDateTime(key.lastUsedAt) : 'Not used yet'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3 className="subsection-title">Remove all keys</h3>
          <p>
            Do this if they have lost their phone or security key, or it may be in someone else&apos;s hands.
          </p>
          <form className="form" noValidate onSubmit={handleSubmit} aria-busy={busy}>
            <div ref={confirmRef}>
              <Checkbox
                id={CONFIRM_ID}
                label={`I understand ${user.displayName} will be signed out everywhere and cannot elevate their access until they add a new key`}
                checked={confirmed}
                onChange={(checked) => {
                  setConfirmed(checked);
                  if (checked) setError(undefined);
                }}
                error={error}
              />
            </div>
            <button className="button button--warning" type="submit" aria-disabled={busy ? true : undefined}>
              {busy ? 'Removing…' : 'Remove all keys'}
            </button>
          </form>
        </>
      )}
    </section>
  );
}

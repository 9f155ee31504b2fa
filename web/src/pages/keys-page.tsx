/**
 * "Your keys": the person's second-factor keys (authenticator apps, security keys, passkeys), removing
 * one, and adding one. The first key is added with the password session alone; after that, adding or
 * removing keys needs elevated access, so a stolen password is not enough to swap the keys.
 */
import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { useEffect, useRef, useState } from 'react';
import { removeKey, type KeySummary } from '../api/keys';
import type { Problem } from '../api/problem';
import type { SessionView } from '../api/session-view';
import { ProblemAlert } from '../components/problem-alert';
import { AddAuthenticatorApp } from '../keys/add-authenticator-app';
import { AddSecurityKey } from '../keys/add-security-key';
import { KeyTable } from '../keys/key-table';
import { refreshSession } from '../keys/refresh-session';
import { useKeys } from '../keys/use-keys';
import '../keys/keys.css';
import { Link } from '../routing/link';
import { useDocumentTitle } from '../routing/use-document-title';

type Removal =
  | { kind: 'none' }
  | { kind: 'confirming'; key: KeySummary }
  | { kind: 'removing'; key: KeySummary }
  | { kind: 'failed'; problem: Problem };

export function KeysPage({ view }: { view: SessionView }) {
  useDocumentTitle('Your keys');
  const { state, reload } = useKeys();
  const [notice, setNotice] = useState<string | undefined>();
  const [removal, setRemoval] = useState<Removal>({ kind: 'none' });
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const mayChangeKeys = view.elevated || !view.hasKey;

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  useEffect(() => {
    if (removal.kind === 'confirming' || removal.kind === 'failed') confirmRef.current?.focus();
  }, [removal]);

  function keyAdded(key: KeySummary) {
    setNotice(`Key added: ${key.label}`);
    reload();
    void refreshSession();
  }

  async function remove(key: KeySummary) {
    setRemoval({ kind: 'removing', key });
    const result = await removeKey(key.keyId);
    if (!result.ok) {
      setRemoval({ kind: 'failed', problem: result.problem });
      return;
    }
    setRemoval({ kind: 'none' });
    setNotice(`Key removed: ${key.label}`);
    reload();
    // Removing the last key ends the elevation, and "has a key" changes: the header must follow.
    await refreshSession();
  }

  return (
    <div className="page-stack">
      <div className="panel">
        <h1 className="page-title" tabIndex={-1}>
          Your keys
        </h1>
        <p className="lede">
          A key proves it is you when you elevate your access to see or change sensitive records. Your keys
          work in every school you work at.
        </p>
        {notice && (
          <p className="notice notice--success" role="status" tabIndex={-1} ref={noticeRef}>
            {notice}
          </p>
        )}
        {!mayChangeKeys && (
          <p className="notice">
            To add or remove keys, first <Link href="/elevate">elevate your access</Link> with one of your
            keys.
          </p>
        )}
        {removal.kind === 'failed' && <ProblemAlert ref={confirmRef} problem={removal.problem} />}
        {(removal.kind === 'confirming' || removal.kind === 'removing') && (
          <div className="confirm-panel" role="alert" tabIndex={-1} ref={confirmRef}>
            <h2 className="confirm-panel__title">Remove {removal.key.label}?</h2>
            <p>
              You will no longer be able to use it to elevate your access.
              {state.phase === 'loaded' && state.keys.length === 1
                ? ' It is your only key: your access stops being elevated, and you will need to add a key again.'
                : ''}
            </p>
            <div className="button-group">
              <button
                className="button button--warning"
                type="button"
                onClick={() => void remove(removal.key)}
                aria-disabled={removal.kind === 'removing' ? true : undefined}
                disabled={removal.kind === 'removing'}
              >
                {removal.kind === 'removing' ? 'Removing…' : 'Remove key'}
              </button>
              <button
                className="link-button"
                type="button"
                onClick={() => setRemoval({ kind: 'none' })}
                disabled={removal.kind === 'removing'}
              >
                Keep it
              </button>
            </div>
          </div>
        )}
        {state.phase === 'loading' && <p className="loading">Loading your keys…</p>}
        {state.phase === 'failed' && <ProblemAlert problem={state.problem} />}
        {state.phase === 'loaded' && state.keys.length === 0 && (
          <p>You have no keys yet. Add one below: you will need it to work with sensitive records.</p>
        )}
        {state.phase === 'loaded' && state.keys.length > 0 && (
          <KeyTable
            keys={state.keys}
            onRemove={mayChangeKeys ? (key) => setRemoval({ kind: 'confirming', key }) : undefined}
            busy={removal.kind === 'removing'}
          />
        )}
      </div>

      {mayChangeKeys && (
        <section className="panel" aria-labelledby="add-key-heading">
          <h2 className="section-title" id="add-key-heading">
            Add a key
          </h2>
          <p>Add more than one if you can, so losing one does not lock you out of sensitive records.</p>
          <div className="add-key-options">
            <AddAuthenticatorApp onAdded={keyAdded} />
            {browserSupportsWebAuthn() && <AddSecurityKey onAdded={keyAdded} />}
          </div>
        </section>
      )}
    </div>
  );
}

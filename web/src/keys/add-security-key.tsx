/**
 * Adding a security key or passkey: the person names it, then the browser asks them to touch the key
 * (or use the phone or computer's screen lock); Lantern checks the response and stores the key.
 */
import { startRegistration } from '@simplewebauthn/browser';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { confirmWebAuthnRegistration, startWebAuthnRegistration, type KeySummary } from '../api/keys';
import type { Problem } from '../api/problem';
import { ErrorSummary } from '../components/error-summary';
import { ProblemAlert } from '../components/problem-alert';
import { KeyField, keyNameProblem } from './key-field';
import { webAuthnProblem } from './webauthn-problem';

const NAME_FIELD_ID = 'webauthn-key-name';

type State =
  | { kind: 'closed' }
  | { kind: 'naming'; nameError?: string; problem?: Problem }
  | { kind: 'waiting-for-key' };

interface AddSecurityKeyProps {
  onAdded: (key: KeySummary) => void;
}

export function AddSecurityKey({ onAdded }: AddSecurityKeyProps) {
  const [state, setState] = useState<State>({ kind: 'closed' });
  const [label, setLabel] = useState('');
  const alertRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (state.kind === 'naming' && (state.nameError || state.problem)) alertRef.current?.focus();
  }, [state]);

  function open() {
    setLabel('');
    setState({ kind: 'naming' });
    requestAnimationFrame(() => headingRef.current?.focus());
  }

  async function register() {
    const nameError = keyNameProblem(label);
    if (nameError) {
      setState({ kind: 'naming', nameError });
      return;
    }
    setState({ kind: 'waiting-for-key' });
    const options = await startWebAuthnRegistration();
    if (!options.ok) {
      setState({ kind: 'naming', problem: options.problem });
      return;
    }
    let response;
    try {
      response = await startRegistration({ optionsJSON: options.value });
    } catch (error) {
      setState({ kind: 'naming', problem: webAuthnProblem(error, 'add') });
      return;
    }
    const result = await confirmWebAuthnRegistration({ response, label: label.trim() });
    if (!result.ok) {
      setState({ kind: 'naming', problem: result.problem });
      return;
    }
    setState({ kind: 'closed' });
    onAdded(result.value);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (state.kind !== 'waiting-for-key') void register();
  }

  if (state.kind === 'closed') {
    return (
      <div className="add-key">
        <h3 className="add-key__title">Security key or passkey</h3>
        <p>
          Use a security key you plug in or tap, or a passkey on this phone or computer (fingerprint, face or
          screen lock).
        </p>
        <button className="button button--secondary" type="button" onClick={open}>
          Add a security key or passkey
        </button>
      </div>
    );
  }

  const waiting = state.kind === 'waiting-for-key';
  const nameError = state.kind === 'naming' ? state.nameError : undefined;
  return (
    <div className="add-key add-key--open">
      <h3 className="add-key__title" tabIndex={-1} ref={headingRef}>
        Add a security key or passkey
      </h3>
      {nameError && <ErrorSummary ref={alertRef} items={[{ fieldId: NAME_FIELD_ID, message: nameError }]} />}
      {state.kind === 'naming' && state.problem && <ProblemAlert ref={alertRef} problem={state.problem} />}
      <form className="form" noValidate onSubmit={handleSubmit} aria-busy={waiting}>
        <KeyField
          id={NAME_FIELD_ID}
          label="Name for this key"
          hint="So you can tell your keys apart, for example Blue security key or Work laptop"
          errors={nameError ? [nameError] : undefined}
          value={label}
          onChange={setLabel}
          inputProps={{ name: 'key-name', autoComplete: 'off', maxLength: 60 }}
        />
        <p className="hint" role="status">
          {waiting ? 'Follow your browser’s instructions to use your key.' : ''}
        </p>
        <div className="button-group">
          <button className="button" type="submit" aria-disabled={waiting ? true : undefined}>
            {waiting ? 'Waiting for your key…' : 'Continue with your key'}
          </button>
          <button
            className="link-button"
            type="button"
            onClick={() => setState({ kind: 'closed' })}
            disabled={waiting}
          >
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}

/**
 * "Elevate your access": the person proves it is them with one of their keys, a code from their
 * authenticator app or their security key or passkey, and this session may then do what their user
 * group allows only with a key. Elevation lasts until they sign out, switch school or are signed out.
 */
import { browserSupportsWebAuthn, startAuthentication } from '@simplewebauthn/browser';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { elevateWithCode, elevateWithKey, startWebAuthnElevation } from '../api/keys';
import type { Problem } from '../api/problem';
import type { SessionView } from '../api/session-view';
import { ErrorSummary } from '../components/error-summary';
import { ProblemAlert } from '../components/problem-alert';
import { codeProblem, KeyField, ONE_TIME_CODE_INPUT } from '../keys/key-field';
import '../keys/keys.css';
import { useKeys } from '../keys/use-keys';
import { webAuthnProblem } from '../keys/webauthn-problem';
import { Link } from '../routing/link';
import { useDocumentTitle } from '../routing/use-document-title';
import { sessionUpdated } from '../session/session-store';

const CODE_FIELD_ID = 'elevate-code';

type State =
  | { kind: 'ready' }
  | { kind: 'checking-code' }
  | { kind: 'waiting-for-key' }
  | { kind: 'code-invalid'; message: string }
  | { kind: 'refused'; problem: Problem };

function ElevatedNotice({ view }: { view: SessionView }) {
  return (
    <>
      <p className="notice notice--success" role="status" tabIndex={-1} data-autofocus>
        Your access is elevated for this session at {view.school.name}.
      </p>
      <p>It lasts until you sign out, switch school, or are signed out after a time without activity.</p>
      <p>
        <Link href="/">Go to the home page</Link>
      </p>
    </>
  );
}

export function ElevatePage({ view }: { view: SessionView }) {
  useDocumentTitle('Elevate your access');
  const { state: keys } = useKeys();
  const [code, setCode] = useState('');
  const [state, setState] = useState<State>({ kind: 'ready' });
  const alertRef = useRef<HTMLDivElement>(null);
  const successRef = useRef<HTMLDivElement>(null);
  const wasElevated = useRef(view.elevated);

  useEffect(() => {
    if (state.kind === 'code-invalid' || state.kind === 'refused') alertRef.current?.focus();
  }, [state]);

  // Elevated just now, on this page: say so where focus is, as the form it replaces had it.
  useEffect(() => {
    if (view.elevated && !wasElevated.current) {
      successRef.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    wasElevated.current = view.elevated;
  }, [view.elevated]);

  const busy = state.kind === 'checking-code' || state.kind === 'waiting-for-key';

  async function submitCode() {
    const problem = codeProblem(code);
    if (problem) {
      setState({ kind: 'code-invalid', message: problem });
      return;
    }
    setState({ kind: 'checking-code' });
    const result = await elevateWithCode(code.trim());
    setCode('');
    if (result.ok) {
      setState({ kind: 'ready' });
      sessionUpdated(result.value);
      return;
    }
    const fieldReason = result.problem.errors?.find(({ field }) => field === 'body.code');
    setState(
      fieldReason && result.problem.status === 400
        ? {
            kind: 'code-invalid',
            message: 'That code was not accepted. Enter the code your app shows now: each code works once.',
          }
        : { kind: 'refused', problem: result.problem },
    );
  }

  async function elevateWithSecurityKey() {
    setState({ kind: 'waiting-for-key' });
    const options = await startWebAuthnElevation();
    if (!options.ok) {
      setState({ kind: 'refused', problem: options.problem });
      return;
    }
    let response;
    try {
      response = await startAuthentication({ optionsJSON: options.value });
    } catch (error) {
      setState({ kind: 'refused', problem: webAuthnProblem(error, 'elevate') });
      return;
    }
    const result = await elevateWithKey(response);
    if (!result.ok) {
      setState({ kind: 'refused', problem: result.problem });
      return;
    }
    setState({ kind: 'ready' });
    sessionUpdated(result.value);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!busy) void submitCode();
  }

  const loadedKeys = keys.phase === 'loaded' ? keys.keys : [];
  const hasTotp = loadedKeys.some((key) => key.type === 'totp');
  const hasSecurityKey = loadedKeys.some((key) => key.type === 'webauthn') && browserSupportsWebAuthn();

  return (
    <div className="panel panel--narrow" ref={successRef}>
      <h1 className="page-title" tabIndex={-1}>
        Elevate your access
      </h1>
      {view.elevated ? (
        <ElevatedNotice view={view} />
      ) : !view.hasKey ? (
        <>
          <p className="lede">You need a key before you can elevate your access.</p>
          <p>
            <Link href="/keys">Add a key</Link>: an authenticator app on your phone, a security key or a
            passkey.
          </p>
        </>
      ) : (
        <>
          <p className="lede">
            Use one of your keys to show it is you. You can then work with sensitive records at{' '}
            {view.school.name} until you sign out or switch school.
          </p>
          {state.kind === 'code-invalid' && (
            <ErrorSummary ref={alertRef} items={[{ fieldId: CODE_FIELD_ID, message: state.message }]} />
          )}
          {state.kind === 'refused' && <ProblemAlert ref={alertRef} problem={state.problem} />}
          {keys.phase === 'loading' && <p className="loading">Loading your keys…</p>}
          {keys.phase === 'failed' && <ProblemAlert problem={keys.problem} />}
          {hasTotp && (
            <form
              className="form"
              noValidate
              onSubmit={handleSubmit}
              aria-busy={state.kind === 'checking-code'}
            >
              <KeyField
                id={CODE_FIELD_ID}
                label="Code from your authenticator app"
                hint="The 6-digit code it shows now for Lantern"
                errors={state.kind === 'code-invalid' ? [state.message] : undefined}
                value={code}
                onChange={setCode}
                inputProps={ONE_TIME_CODE_INPUT}
              />
              <button className="button" type="submit" aria-disabled={busy ? true : undefined}>
                {state.kind === 'checking-code' ? 'Checking…' : 'Elevate with code'}
              </button>
            </form>
          )}
          {hasSecurityKey && (
            <div className="elevate-with-key">
              {hasTotp && <h2 className="section-title">Or use a security key or passkey</h2>}
              <p className="hint" role="status">
                {state.kind === 'waiting-for-key'
                  ? 'Follow your browser’s instructions to use your key.'
                  : ''}
              </p>
              <button
                className={hasTotp ? 'button button--secondary' : 'button'}
                type="button"
                onClick={() => {
                  if (!busy) void elevateWithSecurityKey();
                }}
                aria-disabled={busy ? true : undefined}
              >
                {state.kind === 'waiting-for-key' ? 'Waiting for your key…' : 'Use security key or passkey'}
              </button>
            </div>
          )}
          <p className="panel__footer-link">
            <Link href="/keys">Your keys</Link>
          </p>
        </>
      )}
    </div>
  );
}

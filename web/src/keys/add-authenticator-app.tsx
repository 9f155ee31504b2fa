/**
 * Adding an authenticator app: Lantern makes a secret and shows it as a QR code (and as text, for apps
 * that cannot scan); the person names the app and types the code it shows, which proves the app has
 * the secret before it becomes a key. The secret is shown only here and only until the form is left.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  confirmTotpRegistration,
  startTotpRegistration,
  type KeySummary,
  type TotpRegistration,
} from '../api/keys';
import type { Problem } from '../api/problem';
import { ErrorSummary } from '../components/error-summary';
import { ProblemAlert } from '../components/problem-alert';
import { groupedSecret } from './describe-key';
import { codeProblem, KeyField, keyNameProblem, ONE_TIME_CODE_INPUT } from './key-field';
import { QrCode } from './qr-code';

type FieldName = 'label' | 'code';
type FieldErrors = Partial<Record<FieldName, string[]>>;

type State =
  | { kind: 'closed' }
  | { kind: 'starting' }
  | { kind: 'start-failed'; problem: Problem }
  | { kind: 'entering'; registration: TotpRegistration; errors?: FieldErrors; problem?: Problem }
  | { kind: 'confirming'; registration: TotpRegistration };

const FIELD_IDS: Record<FieldName, string> = { label: 'totp-key-name', code: 'totp-code' };

function fieldErrorsFrom(problem: Problem): FieldErrors {
  const errors: FieldErrors = {};
  for (const { field, reason } of problem.errors ?? []) {
    const name = field === 'body.code' ? 'code' : field === 'body.label' ? 'label' : undefined;
    if (name) errors[name] = [...(errors[name] ?? []), reason.charAt(0).toUpperCase() + reason.slice(1)];
  }
  return errors;
}

interface AddAuthenticatorAppProps {
  onAdded: (key: KeySummary) => void;
}

export function AddAuthenticatorApp({ onAdded }: AddAuthenticatorAppProps) {
  const [state, setState] = useState<State>({ kind: 'closed' });
  const [label, setLabel] = useState('');
  const [code, setCode] = useState('');
  const alertRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const hasAlert =
    state.kind === 'start-failed' || (state.kind === 'entering' && (state.errors || state.problem));

  useEffect(() => {
    if (hasAlert) alertRef.current?.focus();
  }, [state, hasAlert]);

  async function start() {
    setState({ kind: 'starting' });
    const result = await startTotpRegistration();
    if (!result.ok) {
      setState({ kind: 'start-failed', problem: result.problem });
      return;
    }
    setLabel('');
    setCode('');
    setState({ kind: 'entering', registration: result.value });
    // The new instructions replace the button that was pressed: take focus to them.
    requestAnimationFrame(() => headingRef.current?.focus());
  }

  async function confirm(registration: TotpRegistration) {
    const errors: FieldErrors = {};
    const labelProblem = keyNameProblem(label);
    const typedCodeProblem = codeProblem(code);
    if (labelProblem) errors.label = [labelProblem];
    if (typedCodeProblem) errors.code = [typedCodeProblem];
    if (Object.keys(errors).length > 0) {
      setState({ kind: 'entering', registration, errors });
      return;
    }
    setState({ kind: 'confirming', registration });
    const result = await confirmTotpRegistration({
      registrationId: registration.registrationId,
      code: code.trim(),
      label: label.trim(),
    });
    if (result.ok) {
      setState({ kind: 'closed' });
      onAdded(result.value);
      return;
    }
    const fieldErrors = fieldErrorsFrom(result.problem);
    setCode('');
    setState(
      Object.keys(fieldErrors).length > 0
        ? { kind: 'entering', registration, errors: fieldErrors }
        : { kind: 'entering', registration, problem: result.problem },
    );
  }

  if (state.kind === 'closed' || state.kind === 'starting' || state.kind === 'start-failed') {
    return (
      <div className="add-key">
        <h3 className="add-key__title">Authenticator app</h3>
        <p>
          Use an app on your phone, such as Microsoft Authenticator or Google Authenticator, that shows a new
          6-digit code every 30 seconds.
        </p>
        {state.kind === 'start-failed' && <ProblemAlert ref={alertRef} problem={state.problem} />}
        <button
          className="button button--secondary"
          type="button"
          onClick={() => void start()}
          aria-disabled={state.kind === 'starting' ? true : undefined}
          disabled={state.kind === 'starting'}
        >
          {state.kind === 'starting' ? 'Preparing…' : 'Add an authenticator app'}
        </button>
      </div>
    );
  }

  const { registration } = state;
  const errors = state.kind === 'entering' ? state.errors : undefined;
  const confirming = state.kind === 'confirming';

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!confirming) void confirm(registration);
  }

  return (
    <div className="add-key add-key--open">
      <h3 className="add-key__title" tabIndex={-1} ref={headingRef}>
        Add an authenticator app
      </h3>
      {errors && (
        <ErrorSummary
          ref={alertRef}
          items={(Object.keys(errors) as FieldName[]).flatMap((name) =>
            (errors[name] ?? []).map((message) => ({ fieldId: FIELD_IDS[name], message })),
          )}
        />
      )}
      {state.kind === 'entering' && state.problem && <ProblemAlert ref={alertRef} problem={state.problem} />}
      <ol className="add-key__steps">
        <li>
          <p>Scan this QR code with your authenticator app.</p>
          <QrCode text={registration.otpauthUri} label="QR code to add Lantern to your authenticator app" />
          <p>If your app cannot scan it, enter this setup key instead:</p>
          <p className="secret-key">
            <code className="secret-key__value">{groupedSecret(registration.secret)}</code>
          </p>
          <p className="hint">Keep it to yourself: anyone with this key can make your codes.</p>
        </li>
        <li>
          <p>Name the app and enter the code it shows for Lantern.</p>
          <form className="form" noValidate onSubmit={handleSubmit} aria-busy={confirming}>
            <KeyField
              id={FIELD_IDS.label}
              label="Name for this key"
              hint="So you can tell your keys apart, for example Work phone"
              errors={errors?.label}
              value={label}
              onChange={setLabel}
              inputProps={{ name: 'key-name', autoComplete: 'off', maxLength: 60 }}
            />
            <KeyField
              id={FIELD_IDS.code}
              label="Code from the app"
              hint="The 6-digit code it shows now"
              errors={errors?.code}
              value={code}
              onChange={setCode}
              inputProps={ONE_TIME_CODE_INPUT}
            />
            <div className="button-group">
              <button className="button" type="submit" aria-disabled={confirming ? true : undefined}>
                {confirming ? 'Checking…' : 'Add authenticator app'}
              </button>
              <button
                className="link-button"
                type="button"
                onClick={() => setState({ kind: 'closed' })}
                disabled={confirming}
              >
                Cancel
              </button>
            </div>
          </form>
        </li>
      </ol>
    </div>
  );
}

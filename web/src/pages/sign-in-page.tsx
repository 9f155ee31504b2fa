/**
 * The sign-in page. It posts the email address and password to /api/auth/sign-in, shows the API's
 * problem details when sign-in is refused or throttled, and on success starts the session and goes
 * to the home page. After a session ends (or a new password is set) it says why, so being sent here is
 * never a mystery. It links to asking for a link to set a password.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { signIn } from '../api/auth';
import type { Problem } from '../api/problem';
import { EmailField } from '../components/email-field';
import { ErrorSummary } from '../components/error-summary';
import { ProblemAlert } from '../components/problem-alert';
import { emailAddressProblem } from '../forms/email-address';
import { formatDuration } from '../formatting/duration';
import { Link } from '../routing/link';
import { useDocumentTitle } from '../routing/use-document-title';
import { sessionStarted, type SignedOutReason } from '../session/session-store';

type FieldName = 'email' | 'password';
type FieldErrors = Partial<Record<FieldName, string>>;

type FormState =
  | { kind: 'editing' }
  | { kind: 'submitting' }
  | { kind: 'invalid'; errors: FieldErrors }
  | { kind: 'refused'; problem: Problem; errors: FieldErrors };

const FIELD_IDS: Record<FieldName, string> = { email: 'sign-in-email', password: 'sign-in-password' };

function validate(email: string, password: string): FieldErrors {
  const errors: FieldErrors = {};
  const emailProblem = emailAddressProblem(email);
  if (emailProblem) errors.email = emailProblem;
  if (password === '') errors.password = 'Enter your password';
  return errors;
}

/** Field errors the API reported against the request body ("body.email"), by form field. */
function fieldErrorsFromProblem(problem: Problem): FieldErrors {
  const errors: FieldErrors = {};
  for (const { field, reason } of problem.errors ?? []) {
    if (field === 'body.email') errors.email ??= reason;
    if (field === 'body.password') errors.password ??= reason;
  }
  return errors;
}

function noticeFor(reason: SignedOutReason, idleTimeoutSeconds: number | undefined): string {
  switch (reason) {
    case 'session-ended':
      return 'Your session has ended. Please sign in again.';
    case 'idle':
      return idleTimeoutSeconds
        ? `You were signed out after ${formatDuration(idleTimeoutSeconds)} without activity. Please sign in again.`
        : 'Your session has ended. Please sign in again.';
    case 'signed-out':
      return 'You have signed out of Lantern.';
    case 'signed-out-everywhere':
      return 'You have signed out of Lantern on all your devices.';
    case 'password-set':
      return 'Your password is set. Sign in with it now.';
  }
}

interface SignInPageProps {
  /** Why the person is here again, if they were signed in before. */
  reason?: SignedOutReason | undefined;
  idleTimeoutSeconds?: number | undefined;
  /** Why Lantern could not tell whether this browser is already signed in. */
  problem?: Problem | undefined;
}

export function SignInPage({ reason, idleTimeoutSeconds, problem }: SignInPageProps) {
  useDocumentTitle('Sign in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [state, setState] = useState<FormState>({ kind: 'editing' });
  const alertRef = useRef<HTMLDivElement>(null);

  const errors: FieldErrors = state.kind === 'invalid' || state.kind === 'refused' ? state.errors : {};
  const submitting = state.kind === 'submitting';

  // Move focus to the summary of what went wrong, so it is read out and the fields follow it.
  useEffect(() => {
    if (state.kind === 'invalid' || state.kind === 'refused') alertRef.current?.focus();
  }, [state]);

  async function submit() {
    const trimmedEmail = email.trim();
    const invalid = validate(trimmedEmail, password);
    if (Object.keys(invalid).length > 0) {
      setState({ kind: 'invalid', errors: invalid });
      return;
    }
    setState({ kind: 'submitting' });
    const result = await signIn(trimmedEmail, password);
    if (result.ok) {
      sessionStarted(result.view);
      return;
    }
    setPassword('');
    setState({ kind: 'refused', problem: result.problem, errors: fieldErrorsFromProblem(result.problem) });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    void submit();
  }

  // Once the person tries again, what happened before no longer matters.
  const untouched = state.kind === 'editing';

  return (
    <div className="panel panel--narrow">
      {untouched && reason && (
        <p
          className={reason === 'password-set' ? 'notice notice--success' : 'notice notice--info'}
          role="status"
          tabIndex={-1}
          data-autofocus
        >
          {noticeFor(reason, idleTimeoutSeconds)}
        </p>
      )}
      {untouched && problem && <ProblemAlert problem={problem} />}
      <h1 className="page-title" tabIndex={-1}>
        Sign in to Lantern
      </h1>
      <p className="lede">Use the email address and password you were given by your school.</p>

      {state.kind === 'invalid' && (
        <ErrorSummary
          ref={alertRef}
          items={(Object.keys(state.errors) as FieldName[]).map((field) => ({
            fieldId: FIELD_IDS[field],
            message: state.errors[field] ?? '',
          }))}
        />
      )}
      {state.kind === 'refused' && <ProblemAlert ref={alertRef} problem={state.problem} />}

      <form className="form" noValidate onSubmit={handleSubmit} aria-busy={submitting}>
        <EmailField id={FIELD_IDS.email} value={email} onChange={setEmail} error={errors.email} />

        <div className={errors.password ? 'field field--error' : 'field'}>
          <label className="field__label" htmlFor={FIELD_IDS.password}>
            Password
          </label>
          {errors.password && (
            <p className="field__error" id={`${FIELD_IDS.password}-error`}>
              <span className="visually-hidden">Error: </span>
              {errors.password}
            </p>
          )}
          <input
            className="field__input"
            id={FIELD_IDS.password}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-invalid={errors.password ? true : undefined}
            aria-describedby={errors.password ? `${FIELD_IDS.password}-error` : undefined}
          />
        </div>

        <button className="button" type="submit" aria-disabled={submitting ? true : undefined}>
          {submitting ? 'Signing in…' : 'Sign in'}
        </button>
      </form>

      <p className="form-aside">
        <Link href="/forgotten-password">Forgotten your password, or using Lantern for the first time?</Link>
      </p>
    </div>
  );
}

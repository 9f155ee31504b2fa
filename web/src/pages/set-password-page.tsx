/**
 * Choosing a password from an emailed link (/set-password?token=…). The token is read once and taken
 * out of the address bar straight away, so it is not left in the browser's history. The browser checks
 * the two entries match and are long enough; the API's own reasons show beside the password field, and
 * a link that no longer works says so with a way to ask for a new one. Once set, it is sign-in next.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { setPassword } from '../api/password-link';
import type { Problem } from '../api/problem';
import { ErrorSummary } from '../components/error-summary';
import { ProblemAlert } from '../components/problem-alert';
import { Link } from '../routing/link';
import { useDocumentTitle } from '../routing/use-document-title';
import { passwordSet } from '../session/session-store';

type FieldName = 'password' | 'confirm';
type FieldErrors = Partial<Record<FieldName, string[]>>;

type FormState =
  | { kind: 'editing' }
  | { kind: 'submitting' }
  | { kind: 'invalid'; errors: FieldErrors }
  | { kind: 'refused'; problem: Problem }
  | { kind: 'link-unusable'; problem: Problem };

const MIN_LENGTH = 12;
const FIELD_IDS: Record<FieldName, string> = { password: 'new-password', confirm: 'confirm-password' };
const FIELD_LABELS: Record<FieldName, string> = { password: 'New password', confirm: 'Confirm new password' };
const LINK_UNUSABLE_TITLE = 'This link no longer works';
const LINK_UNUSABLE_DETAIL = 'This link no longer works. Ask for a new one from the sign-in page.';

/** The token from the address bar, read before anything removes it. */
function tokenFromAddress(): string | undefined {
  const token = new URLSearchParams(window.location.search).get('token')?.trim();
  return token ? token : undefined;
}

function validate(password: string, confirm: string): FieldErrors {
  const errors: FieldErrors = {};
  // NIST counts each Unicode code point as one character, as the API does.
  if (password === '') errors.password = ['Enter a new password'];
  else if ([...password.normalize('NFKC')].length < MIN_LENGTH) {
    errors.password = [`Your password must be at least ${MIN_LENGTH} characters`];
  }
  if (confirm === '') errors.confirm = ['Enter your new password again'];
  else if (password !== '' && confirm !== password) errors.confirm = ['The passwords do not match'];
  return errors;
}

function fieldErrorsFromProblem(problem: Problem): FieldErrors {
  const reasons = (problem.errors ?? []).filter(({ field }) => field === 'body.password');
  return reasons.length > 0 ? { password: reasons.map(({ reason }) => reason) } : {};
}

function linkUnusable(problem?: Problem): Problem {
  return {
    title: LINK_UNUSABLE_TITLE,
    detail: problem?.detail ?? LINK_UNUSABLE_DETAIL,
    ...(problem?.requestId ? { requestId: problem.requestId } : {}),
  };
}

export function SetPasswordPage() {
  useDocumentTitle('Choose a password');
  const [token] = useState(tokenFromAddress);
  const [password, setPasswordValue] = useState('');
  const [confirm, setConfirm] = useState('');
  const [state, setState] = useState<FormState>(() =>
    token ? { kind: 'editing' } : { kind: 'link-unusable', problem: linkUnusable() },
  );
  const alertRef = useRef<HTMLDivElement>(null);

  // The token is a one-time secret: keep it out of history, bookmarks and anything copied from the bar.
  useEffect(() => {
    if (window.location.search !== '') window.history.replaceState(null, '', window.location.pathname);
  }, []);

  useEffect(() => {
    if (state.kind !== 'editing' && state.kind !== 'submitting') alertRef.current?.focus();
  }, [state]);

  const errors: FieldErrors = state.kind === 'invalid' ? state.errors : {};
  const submitting = state.kind === 'submitting';

  async function submit() {
    const invalid = validate(password, confirm);
    if (Object.keys(invalid).length > 0) {
      setState({ kind: 'invalid', errors: invalid });
      return;
    }
    if (!token) return;
    setState({ kind: 'submitting' });
    const result = await setPassword(token, password);
    if (result.ok) {
      passwordSet();
      return;
    }
    const { problem } = result;
    if (problem.errors?.some(({ field }) => field === 'body.token')) {
      setState({ kind: 'link-unusable', problem: linkUnusable(problem) });
      return;
    }
    // The API's reasons against the password read like the browser's own: show them the same way.
    const fieldErrors = fieldErrorsFromProblem(problem);
    setState(
      Object.keys(fieldErrors).length > 0
        ? { kind: 'invalid', errors: fieldErrors }
        : { kind: 'refused', problem },
    );
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    void submit();
  }

  if (state.kind === 'link-unusable') {
    return (
      <div className="panel panel--narrow">
        <h1 className="page-title" tabIndex={-1}>
          Choose a password
        </h1>
        <ProblemAlert ref={alertRef} problem={state.problem}>
          <p className="alert__action">
            <Link href="/forgotten-password">Ask for a new link</Link>
          </p>
        </ProblemAlert>
        <p>
          <Link href="/sign-in">Back to sign in</Link>
        </p>
      </div>
    );
  }

  function field(name: FieldName, value: string, onChange: (value: string) => void, hint?: string) {
    const fieldErrors = errors[name];
    const errorId = `${FIELD_IDS[name]}-error`;
    const hintId = `${FIELD_IDS[name]}-hint`;
    const describedBy = [hint ? hintId : '', fieldErrors ? errorId : ''].filter(Boolean).join(' ');
    return (
      <div className={fieldErrors ? 'field field--error' : 'field'}>
        <label className="field__label" htmlFor={FIELD_IDS[name]}>
          {FIELD_LABELS[name]}
        </label>
        {hint && (
          <p className="field__hint" id={hintId}>
            {hint}
          </p>
        )}
        {fieldErrors && (
          <div id={errorId}>
            {fieldErrors.map((reason) => (
              <p className="field__error" key={reason}>
                <span className="visually-hidden">Error: </span>
                {reason}
              </p>
            ))}
          </div>
        )}
        <input
          className="field__input"
          id={FIELD_IDS[name]}
          name={name === 'password' ? 'new-password' : 'confirm-password'}
          type="password"
          autoComplete="new-password"
          required
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={fieldErrors ? true : undefined}
          aria-describedby={describedBy || undefined}
        />
      </div>
    );
  }

  return (
    <div className="panel panel--narrow">
      <h1 className="page-title" tabIndex={-1}>
        Choose a password
      </h1>
      <p className="lede">
        This link works once. Setting a password signs you out everywhere you are signed in.
      </p>

      {state.kind === 'invalid' && (
        <ErrorSummary
          ref={alertRef}
          items={(Object.keys(state.errors) as FieldName[]).flatMap((name) =>
            (state.errors[name] ?? []).map((message) => ({ fieldId: FIELD_IDS[name], message })),
          )}
        />
      )}
      {state.kind === 'refused' && <ProblemAlert ref={alertRef} problem={state.problem} />}

      <form className="form" noValidate onSubmit={handleSubmit} aria-busy={submitting}>
        {field(
          'password',
          password,
          setPasswordValue,
          `Use at least ${MIN_LENGTH} characters. A few unrelated words together are easy to remember.`,
        )}
        {field('confirm', confirm, setConfirm)}
        <button className="button" type="submit" aria-disabled={submitting ? true : undefined}>
          {submitting ? 'Saving…' : 'Set my password'}
        </button>
      </form>
    </div>
  );
}

/**
 * Asking for an emailed link to set a password: for a forgotten one, or the first one. It posts the
 * email address to /api/auth/password-link and shows the API's answer, which is the same whether or
 * not the address belongs to anyone, so this page never reveals who has a Lantern account.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { requestPasswordLink } from '../api/password-link';
import type { Problem } from '../api/problem';
import { EmailField } from '../components/email-field';
import { ErrorSummary } from '../components/error-summary';
import { ProblemAlert } from '../components/problem-alert';
import { emailAddressProblem } from '../forms/email-address';
import { Link } from '../routing/link';
import { useDocumentTitle } from '../routing/use-document-title';

type FormState =
  | { kind: 'editing' }
  | { kind: 'submitting' }
  | { kind: 'invalid'; error: string }
  | { kind: 'refused'; problem: Problem }
  | { kind: 'sent'; message: string };

const EMAIL_ID = 'forgotten-password-email';

export function ForgottenPasswordPage() {
  useDocumentTitle('Set or reset your password');
  const [email, setEmail] = useState('');
  const [state, setState] = useState<FormState>({ kind: 'editing' });
  const alertRef = useRef<HTMLDivElement>(null);
  const sentRef = useRef<HTMLParagraphElement>(null);

  const submitting = state.kind === 'submitting';
  const fieldError =
    state.kind === 'invalid'
      ? state.error
      : state.kind === 'refused'
        ? fieldErrorOf(state.problem)
        : undefined;

  useEffect(() => {
    if (state.kind === 'invalid' || state.kind === 'refused') alertRef.current?.focus();
    if (state.kind === 'sent') sentRef.current?.focus();
  }, [state]);

  async function submit() {
    const trimmed = email.trim();
    const problem = emailAddressProblem(trimmed);
    if (problem) {
      setState({ kind: 'invalid', error: problem });
      return;
    }
    setState({ kind: 'submitting' });
    const result = await requestPasswordLink(trimmed);
    setState(
      result.ok ? { kind: 'sent', message: result.message } : { kind: 'refused', problem: result.problem },
    );
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    void submit();
  }

  return (
    <div className="panel panel--narrow">
      <h1 className="page-title" tabIndex={-1}>
        Set or reset your password
      </h1>
      <p className="lede">
        Enter the email address your school uses for you. We will email you a link to choose a password. It
        works once, until midnight tonight.
      </p>

      {state.kind === 'invalid' && (
        <ErrorSummary ref={alertRef} items={[{ fieldId: EMAIL_ID, message: state.error }]} />
      )}
      {state.kind === 'refused' && <ProblemAlert ref={alertRef} problem={state.problem} />}

      <div role="status">
        {state.kind === 'sent' && (
          <p ref={sentRef} className="notice notice--success" tabIndex={-1}>
            {state.message}
          </p>
        )}
      </div>

      <form className="form" noValidate onSubmit={handleSubmit} aria-busy={submitting}>
        <EmailField id={EMAIL_ID} value={email} onChange={setEmail} error={fieldError} />

        <button className="button" type="submit" aria-disabled={submitting ? true : undefined}>
          {submitting ? 'Sending…' : 'Send me a link'}
        </button>
      </form>

      <p className="form-aside">
        <Link href="/sign-in">Back to sign in</Link>
      </p>
    </div>
  );
}

/** The API's reason against the email field ("body.email"), if it gave one. */
function fieldErrorOf(problem: Problem): string | undefined {
  return problem.errors?.find(({ field }) => field === 'body.email')?.reason;
}

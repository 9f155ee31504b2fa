/**
 * A change that needs a reason (REC-6): delete, restore, edit, merge, split. The reason is required
 * here and by the API; a refusal naming body.reason shows at the field, any other as a problem.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { ApiResult } from '../api/api-result';
import type { Problem } from '../api/problem';
import { ErrorSummary } from '../components/error-summary';
import { ProblemAlert } from '../components/problem-alert';
import { TextareaField } from '../components/textarea-field';

interface ReasonFormProps<T> {
  id: string;
  title: string;
  reasonLabel: string;
  hint?: string;
  submitLabel: string;
  /** Other fields of the change, above the reason. */
  children?: ReactNode;
  onSubmit: (reason: string) => Promise<ApiResult<T>>;
  onDone: (value: T) => void;
  onCancel: () => void;
  warning?: boolean;
}

export function ReasonForm<T>({
  id,
  title,
  reasonLabel,
  hint,
  submitLabel,
  children,
  onSubmit,
  onDone,
  onCancel,
  warning,
}: ReasonFormProps<T>) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  const [sending, setSending] = useState(false);
  const fieldId = `${id}-reason`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sending) return;
    if (reason.trim() === '') return setError('Give a reason');
    setError(undefined);
    setProblem(undefined);
    setSending(true);
    const result = await onSubmit(reason.trim());
    setSending(false);
    if (result.ok) return onDone(result.value);
    const fieldError = result.problem.errors?.find((item) => item.field === 'body.reason');
    if (fieldError) setError(fieldError.reason);
    else setProblem(result.problem);
  }

  return (
    <form className="form panel incident-change" id={id} noValidate onSubmit={(event) => void submit(event)}>
      <h3 className="section-title">{title}</h3>
      {error && <ErrorSummary items={[{ fieldId, message: error }]} />}
      {problem && <ProblemAlert problem={problem} />}
      {children}
      <TextareaField
        id={fieldId}
        label={reasonLabel}
        {...(hint ? { hint } : {})}
        value={reason}
        onChange={setReason}
        error={error}
        rows={2}
      />
      <div className="incident-card__buttons">
        <button
          type="submit"
          className={warning ? 'button button--warning' : 'button'}
          aria-disabled={sending ? true : undefined}
        >
          {sending ? 'Saving…' : submitLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

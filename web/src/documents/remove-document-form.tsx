/** Remove a vault document with a reason: it stays, marked, for incident editors (REC-9 history). */
import { useState, type FormEvent } from 'react';
import { removeDocument, type VaultDocument } from '../api/documents';
import type { Problem } from '../api/problem';
import { ErrorSummary } from '../components/error-summary';
import { ProblemAlert } from '../components/problem-alert';
import { TextareaField } from '../components/textarea-field';

interface RemoveDocumentFormProps {
  pupilId: string;
  document: VaultDocument;
  /** `changed` when the document was removed. */
  onDone: (changed: boolean) => void;
}

export function RemoveDocumentForm({ pupilId, document, onDone }: RemoveDocumentFormProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sending) return;
    if (reason.trim() === '') return setError('Say why the file is removed');
    setError(undefined);
    setSending(true);
    const result = await removeDocument(pupilId, document.documentId, reason.trim());
    setSending(false);
    if (result.ok) return onDone(true);
    const fieldError = result.problem.errors?.find((item) => item.field === 'body.reason');
    if (fieldError) setError(fieldError.reason);
    else setProblem(result.problem);
  }

  return (
    <form className="form panel" noValidate onSubmit={(event) => void submit(event)}>
      <h3 className="section-title">Remove {document.fileName}</h3>
      {error && <ErrorSummary items={[{ fieldId: 'remove-reason', message: error }]} />}
      {problem && <ProblemAlert problem={problem} />}
      <TextareaField
        id="remove-reason"
        label="Why is this file being removed?"
        hint="The file is kept and shown as removed, with this reason, to staff who can edit incidents."
        value={reason}
        onChange={setReason}
        error={error}
        rows={3}
      />
      <div className="vault-actions">
        <button type="submit" className="button" aria-disabled={sending ? true : undefined}>
          Remove file
        </button>
        <button type="button" className="button button--secondary" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

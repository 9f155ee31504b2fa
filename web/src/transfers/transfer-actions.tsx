/**
 * What this school may do with the transfer now, as buttons from the API's `allowed`: Request, Dismiss,
 * Cancel request, Authorise (after a confirmation step), Reject, each with an optional note for the
 * other school, and Confirm receipt. A decision is accepted once: a second (say from a page left open)
 * is answered 409 and its detail ("already authorised by …") is shown as it is.
 */
import { useState } from 'react';
import type { Problem } from '../api/problem';
import { TextareaField } from '../components/textarea-field';
import { AuthoriseConfirmation } from './authorise-confirmation';
import {
  confirmTransferReceipt,
  decideTransfer,
  type AllowedAction,
  type TransferView,
} from './transfers-api';
import { ACTION_DONE, ACTION_WORDS } from './transfer-words';

interface TransferActionsProps {
  view: TransferView;
  onDone: (next: TransferView, text: string) => void;
  onFailed: (problem: Problem) => void;
}

const NOTE_LIMIT = 500;

export function TransferActions({ view, onDone, onFailed }: TransferActionsProps) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<AllowedAction | undefined>();
  const [confirming, setConfirming] = useState(false);
  const decisions = view.allowed.filter((action) => action !== 'confirm-receipt');
  const noteError =
    note.trim().length > NOTE_LIMIT ? `The note must be ${NOTE_LIMIT} characters or fewer` : undefined;

  async function act(action: AllowedAction) {
    if (busy || noteError) return;
    setBusy(action);
    const result =
      action === 'confirm-receipt'
        ? await confirmTransferReceipt(view.transferId)
        : await decideTransfer(view.transferId, action, note);
    setBusy(undefined);
    setConfirming(false);
    if (result.ok) {
      setNote('');
      onDone(result.value, ACTION_DONE[action]);
    } else {
      onFailed(result.problem);
    }
  }

  if (view.allowed.length === 0) return null;
  return (
    <section className="admin-section transfer-actions" aria-labelledby="transfer-actions-heading">
      <h2 className="section-title" id="transfer-actions-heading">
        {view.direction === 'incoming'
          ? 'Your decision as the new school'
          : 'Your decision as the previous school'}
      </h2>
      {decisions.length > 0 && (
        <TextareaField
          id="transfer-note"
          label="Note for the other school (optional)"
          hint="For example why you are rejecting or dismissing it. No pupil details: the note is shown to both schools."
          rows={3}
          value={note}
          onChange={setNote}
          error={noteError}
        />
      )}
      {confirming ? (
        <AuthoriseConfirmation
          view={view}
          busy={busy === 'authorise'}
          onConfirm={() => void act('authorise')}
          onBack={() => setConfirming(false)}
        />
      ) : (
        <div className="transfer-actions__buttons">
          {view.allowed.map((action) => (
            <button
              key={action}
              className={
                action === 'reject' || action === 'dismiss' || action === 'cancel'
                  ? 'button button--secondary'
                  : 'button'
              }
              type="button"
              onClick={() => (action === 'authorise' ? setConfirming(true) : void act(action))}
              aria-disabled={busy ? true : undefined}
            >
              {busy === action ? 'Sending…' : ACTION_WORDS[action]}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}

/**
 * An action's options for editors (REC-6): Edit (what was done and when), Delete (or Restore when
 * deleted) and "Split as incident", each with a reason, made against the version shown.
 */
import { useState } from 'react';
import { deleteAction, editAction, restoreAction, splitAction } from '../api/incident-changes';
import type { IncidentAction } from '../api/incidents';
import { TextareaField } from '../components/textarea-field';
import { instantOf, localDateAndTime } from './date-time-fields';
import { ReasonForm } from './reason-form';

type Open = 'edit' | 'delete' | 'restore' | 'split' | undefined;

/** The action's text and when it happened; only what changed is sent, with the reason. */
function EditActionForm({
  action,
  onDone,
  onCancel,
}: {
  action: IncidentAction;
  onDone: () => void;
  onCancel: () => void;
}) {
  const id = `action-${action.actionId}-edit`;
  const [text, setText] = useState(action.text);
  const initial = localDateAndTime(new Date(action.occurredAt));
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time);
  const moved = date !== initial.date || time !== initial.time;
  const when = instantOf(date, time);
  return (
    <ReasonForm
      id={id}
      title="Edit action"
      reasonLabel="Why are you changing it?"
      hint="The earlier version is kept in the incident's history with this reason."
      submitLabel="Save action"
      onSubmit={(reason) =>
        editAction(action.incidentId, action.actionId, {
          version: action.version,
          reason,
          ...(text.trim() !== action.text ? { text } : {}),
          // An incomplete date or time is sent as it is, so the API names the field.
          ...(moved ? { occurredAt: when ? when.toISOString() : `${date}T${time}` } : {}),
        })
      }
      onDone={onDone}
      onCancel={onCancel}
    >
      <TextareaField id={`${id}-text`} label="What was done" value={text} onChange={setText} rows={4} />
      <div className="field">
        <label className="field__label" htmlFor={`${id}-date`}>
          Date it happened
        </label>
        <input
          id={`${id}-date`}
          className="field__input"
          type="date"
          value={date}
          onChange={(event) => setDate(event.target.value)}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-time`}>
          Time it happened
        </label>
        <input
          id={`${id}-time`}
          className="field__input"
          type="time"
          value={time}
          onChange={(event) => setTime(event.target.value)}
        />
      </div>
    </ReasonForm>
  );
}

interface ActionEditControlsProps {
  action: IncidentAction;
  onChanged: () => void;
}

export function ActionEditControls({ action, onChanged }: ActionEditControlsProps) {
  const [open, setOpen] = useState<Open>();
  // The new incident's id, chosen once per form so a retried split returns the same incident.
  const [newIncidentId] = useState(() => crypto.randomUUID());
  const done = () => {
    setOpen(undefined);
    onChanged();
  };
  const change = (reason: string) => ({ version: action.version, reason });
  const id = `action-${action.actionId}`;
  if (open === 'edit') {
    return <EditActionForm action={action} onDone={done} onCancel={() => setOpen(undefined)} />;
  }
  if (open === 'delete') {
    return (
      <ReasonForm
        id={`${id}-delete`}
        title="Delete action"
        reasonLabel="Why are you deleting it?"
        submitLabel="Delete action"
        warning
        onSubmit={(reason) => deleteAction(action.incidentId, action.actionId, change(reason))}
        onDone={done}
        onCancel={() => setOpen(undefined)}
      />
    );
  }
  if (open === 'restore') {
    return (
      <ReasonForm
        id={`${id}-restore`}
        title="Restore action"
        reasonLabel="Why are you restoring it?"
        submitLabel="Restore action"
        onSubmit={(reason) => restoreAction(action.incidentId, action.actionId, change(reason))}
        onDone={done}
        onCancel={() => setOpen(undefined)}
      />
    );
  }
  if (open === 'split') {
    return (
      <ReasonForm
        id={`${id}-split`}
        title="Split as incident"
        reasonLabel="Why should it be an incident of its own?"
        hint="The action becomes a new, numbered incident with the same pupils and categories."
        submitLabel="Split"
        onSubmit={(reason) =>
          splitAction(action.incidentId, action.actionId, { ...change(reason), incidentId: newIncidentId })
        }
        onDone={done}
        onCancel={() => setOpen(undefined)}
      />
    );
  }
  return (
    <div className="incident-card__buttons" role="group" aria-label="Action options">
      {action.deleted ? (
        <button type="button" className="button button--small" onClick={() => setOpen('restore')}>
          Restore action
        </button>
      ) : (
        <>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setOpen('edit')}
          >
            Edit action
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setOpen('delete')}
          >
            Delete action
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setOpen('split')}
          >
            Split as incident
          </button>
        </>
      )}
    </div>
  );
}

/**
 * An action's options for editors (REC-6): Delete (or Restore when deleted) and "Split as incident",
 * each with a reason, made against the version shown.
 */
import { useState } from 'react';
import { deleteAction, restoreAction, splitAction } from '../api/incident-changes';
import type { IncidentAction } from '../api/incidents';
import { ReasonForm } from './reason-form';

type Open = 'delete' | 'restore' | 'split' | undefined;

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

/**
 * The incident's options for staff with "Edit and delete incidents" (REC-6): Edit, Delete or Restore,
 * History, Pin to the top of this pupil's chronology, and Merge into another incident by its number
 * (a preview first, then Merge again to confirm). Every change asks for a reason and is made against
 * the version shown, so a change someone else made meanwhile is refused rather than overwritten.
 */
import { useState } from 'react';
import {
  deleteIncident,
  editIncident,
  mergeIncident,
  pinIncident,
  restoreIncident,
  type MergePreview,
} from '../api/incident-changes';
import type { IncidentCopy, IncidentStatus } from '../api/incidents';
import type { Problem } from '../api/problem';
import { ProblemAlert } from '../components/problem-alert';
import { SelectField } from '../components/select-field';
import { TextField } from '../components/text-field';
import { TextareaField } from '../components/textarea-field';
import { formatUkDateTime } from '../formatting/uk-date-time';
import { instantOf, localDateAndTime } from './date-time-fields';
import { IncidentHistoryPanel } from './incident-history';
import { ReasonForm } from './reason-form';

type Open = 'edit' | 'delete' | 'restore' | 'history' | 'merge' | undefined;

interface IncidentEditControlsProps {
  incident: IncidentCopy;
  /** Whose chronology a pin goes on. */
  pupilId: string;
  onChanged: () => void;
  /** After a merge the incident lives on as an action of the other one. */
  onMerged: (intoIncidentId: string) => void;
}

function EditForm({
  incident,
  onDone,
  onCancel,
}: {
  incident: IncidentCopy;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState(incident.text);
  const [status, setStatus] = useState<IncidentStatus>(incident.status);
  const initial = localDateAndTime(new Date(incident.occurredAt));
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time);
  const moved = date !== initial.date || time !== initial.time;
  const when = instantOf(date, time);
  return (
    <ReasonForm
      id="edit-incident"
      title={`Edit incident ${incident.number}`}
      reasonLabel="Why are you changing it?"
      hint="The earlier version is kept in the incident's history with this reason."
      submitLabel="Save changes"
      onSubmit={(reason) =>
        editIncident(incident.incidentId, {
          version: incident.version,
          reason,
          ...(text.trim() !== incident.text ? { text } : {}),
          ...(status !== incident.status ? { status } : {}),
          // An incomplete date or time is sent as it is, so the API names the field.
          ...(moved ? { occurredAt: when ? when.toISOString() : `${date}T${time}` } : {}),
        })
      }
      onDone={onDone}
      onCancel={onCancel}
    >
      <TextareaField id="edit-incident-text" label="What happened" value={text} onChange={setText} rows={5} />
      <div className="field">
        <label className="field__label" htmlFor="edit-incident-date">
          Date it happened
        </label>
        <input
          id="edit-incident-date"
          className="field__input"
          type="date"
          value={date}
          onChange={(event) => setDate(event.target.value)}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor="edit-incident-time">
          Time it happened
        </label>
        <input
          id="edit-incident-time"
          className="field__input"
          type="time"
          value={time}
          onChange={(event) => setTime(event.target.value)}
        />
      </div>
      <SelectField
        id="edit-incident-status"
        label="Status"
        options={[
          { value: 'active', label: 'Active' },
          { value: 'closed', label: 'Closed' },
        ]}
        value={status}
        onChange={(value) => setStatus(value === 'closed' ? 'closed' : 'active')}
      />
    </ReasonForm>
  );
}

function MergeForm({
  incident,
  onMerged,
  onCancel,
}: {
  incident: IncidentCopy;
  onMerged: (intoIncidentId: string) => void;
  onCancel: () => void;
}) {
  const [number, setNumber] = useState('');
  const [preview, setPreview] = useState<MergePreview | undefined>();
  const [numberError, setNumberError] = useState<string | undefined>();
  const intoNumber = Number.parseInt(number, 10);
  return (
    <ReasonForm
      id="merge-incident"
      title={`Merge incident ${incident.number} into another`}
      reasonLabel="Why merge them?"
      hint="This incident becomes an action of the one you name. It stays in the history."
      submitLabel={preview ? 'Merge' : 'Search'}
      warning={preview !== undefined}
      onSubmit={async (reason) => {
        if (!Number.isInteger(intoNumber) || intoNumber < 1) {
          setNumberError('Enter the other incident’s number');
          return { ok: false, problem: { title: 'Enter the other incident’s number', status: 400 } };
        }
        setNumberError(undefined);
        const result = await mergeIncident(incident.incidentId, {
          version: incident.version,
          reason,
          intoNumber,
          confirm: preview !== undefined && preview.into.number === intoNumber,
        });
        if (!result.ok) {
          const field = result.problem.errors?.find((item) => item.field === 'body.intoNumber');
          if (field) setNumberError(field.reason);
        }
        return result;
      }}
      onDone={(result) => (result.merged ? onMerged(result.into.incidentId) : setPreview(result))}
      onCancel={onCancel}
    >
      <TextField
        id="merge-into-number"
        label="Number of the incident to merge into"
        value={number}
        inputMode="numeric"
        narrow
        error={numberError}
        onChange={(value) => {
          setNumber(value);
          setPreview(undefined);
        }}
      />
      {preview && (
        <div className="notice incident-change__preview" role="status">
          <p>
            <strong>Incident {preview.into.number}</strong>, {formatUkDateTime(preview.into.occurredAt)},
            recorded by {preview.into.recordedBy.name}:
          </p>
          <p className="incident-card__text">{preview.into.text}</p>
          <p>Select Merge again to merge this incident into it.</p>
        </div>
      )}
    </ReasonForm>
  );
}

export function IncidentEditControls({ incident, pupilId, onChanged, onMerged }: IncidentEditControlsProps) {
  const [open, setOpen] = useState<Open>();
  const [pinned, setPinned] = useState<boolean | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  const done = () => {
    setOpen(undefined);
    onChanged();
  };

  async function pin(next: boolean) {
    setProblem(undefined);
    const result = await pinIncident(incident.incidentId, pupilId, next);
    if (result.ok) setPinned(next);
    else setProblem(result.problem);
  }

  return (
    <div className="incident-options">
      {problem && <ProblemAlert problem={problem} />}
      {pinned !== undefined && (
        <p className="notice notice--success" role="status">
          {pinned ? 'Pinned to the top of the chronology.' : 'Unpinned.'}
        </p>
      )}
      <div className="incident-card__buttons" role="group" aria-label="Incident options">
        {!incident.deleted && (
          <button type="button" className="button button--secondary" onClick={() => setOpen('edit')}>
            Edit
          </button>
        )}
        {incident.deleted ? (
          <button type="button" className="button" onClick={() => setOpen('restore')}>
            Restore
          </button>
        ) : (
          <button type="button" className="button button--secondary" onClick={() => setOpen('delete')}>
            Delete
          </button>
        )}
        <button type="button" className="button button--secondary" onClick={() => setOpen('history')}>
          History
        </button>
        {!incident.deleted && (
          <>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void pin(pinned !== true)}
            >
              {pinned === true ? 'Unpin' : 'Pin to top'}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setOpen('merge')}>
              Merge
            </button>
          </>
        )}
      </div>
      {open === 'edit' && <EditForm incident={incident} onDone={done} onCancel={() => setOpen(undefined)} />}
      {open === 'delete' && (
        <ReasonForm
          id="delete-incident"
          title={`Delete incident ${incident.number}`}
          reasonLabel="Why are you deleting it?"
          hint="Nothing is removed: staff who can edit incidents see it as deleted, with this reason, and can restore it."
          submitLabel="Delete incident"
          warning
          onSubmit={(reason) => deleteIncident(incident.incidentId, { version: incident.version, reason })}
          onDone={done}
          onCancel={() => setOpen(undefined)}
        />
      )}
      {open === 'restore' && (
        <ReasonForm
          id="restore-incident"
          title={`Restore incident ${incident.number}`}
          reasonLabel="Why are you restoring it?"
          submitLabel="Restore incident"
          onSubmit={(reason) => restoreIncident(incident.incidentId, { version: incident.version, reason })}
          onDone={done}
          onCancel={() => setOpen(undefined)}
        />
      )}
      {open === 'merge' && (
        <MergeForm incident={incident} onMerged={onMerged} onCancel={() => setOpen(undefined)} />
      )}
      {open === 'history' && (
        <IncidentHistoryPanel incidentId={incident.incidentId} onClose={() => setOpen(undefined)} />
      )}
    </div>
  );
}

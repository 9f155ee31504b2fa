/**
 * Choose or drop files for a pupil (the incident and action forms, the vault tab). Each file goes
 * straight to storage and is checked by Lantern; the list shows progress, and why a file was refused.
 * `onChange` receives the ids of the files stored so far, to send with the form.
 */
import { useEffect, useState, type DragEvent } from 'react';
import './documents.css';
import { ACCEPT_ATTRIBUTE, formatFileSize } from './accepted-files';
import { storedDocumentIds, useVaultUpload, type UploadEntry } from './use-vault-upload';

interface FileUploadFieldProps {
  id: string;
  pupilId: string;
  label: string;
  hint?: string;
  onChange: (documentIds: string[]) => void;
  /** Called when no file is still on its way: a form can then be sent. */
  onSettled?: (settled: boolean) => void;
}

function statusText(entry: UploadEntry): string {
  switch (entry.status.phase) {
    case 'sending':
      return `Sending, ${Math.round(entry.status.fraction * 100)}%`;
    case 'checking':
      return 'Checking';
    case 'stored':
      return 'Stored';
    case 'refused':
      return `Not stored: ${entry.status.reason}`;
  }
}

export function FileUploadField({ id, pupilId, label, hint, onChange, onSettled }: FileUploadFieldProps) {
  const { entries, add, forget } = useVaultUpload(pupilId);
  const [dragging, setDragging] = useState(false);
  const storedIds = storedDocumentIds(entries).join(',');
  const settled = entries.every(
    (entry) => entry.status.phase === 'stored' || entry.status.phase === 'refused',
  );

  useEffect(() => onChange(storedIds === '' ? [] : storedIds.split(',')), [storedIds, onChange]);
  useEffect(() => onSettled?.(settled), [settled, onSettled]);

  function drop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    add([...event.dataTransfer.files]);
  }

  const hintId = `${id}-hint`;
  return (
    <div className="field file-upload">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      <div
        className={dragging ? 'file-upload__drop file-upload__drop--active' : 'file-upload__drop'}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      >
        <input
          id={id}
          className="file-upload__input"
          type="file"
          multiple
          accept={ACCEPT_ATTRIBUTE}
          aria-describedby={hint ? hintId : undefined}
          onChange={(event) => {
            add([...(event.target.files ?? [])]);
            event.target.value = '';
          }}
        />
        <p className="file-upload__drop-text">or drop files here</p>
      </div>
      {entries.length > 0 && (
        <ul className="file-upload__list" aria-live="polite">
          {entries.map((entry) => (
            <li
              key={entry.key}
              className={
                entry.status.phase === 'refused'
                  ? 'file-upload__item file-upload__item--refused'
                  : 'file-upload__item'
              }
            >
              <span className="file-upload__name">{entry.fileName}</span>{' '}
              <span className="file-upload__size">({formatFileSize(entry.sizeBytes)})</span>
              {entry.status.phase === 'sending' && (
                <progress className="file-upload__progress" max={1} value={entry.status.fraction} />
              )}
              <span className="file-upload__status">{statusText(entry)}</span>
              {(entry.status.phase === 'stored' || entry.status.phase === 'refused') && (
                <button type="button" className="link-button" onClick={() => forget(entry.key)}>
                  Remove<span className="visually-hidden"> {entry.fileName} from this form</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

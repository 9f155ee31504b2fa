/**
 * Finding a pupil by any part of their name (the API's lookup, open to everyone who may record). Typing
 * at least two characters lists up to 20 matches as buttons; choosing one shows it with a "Change" button.
 */
import { useEffect, useState } from 'react';
import { isAbortError } from '../api/client';
import { lookupPupils, type PupilRef } from '../api/incidents';
import { PupilName } from '../pupils/pupil-name';

interface PupilPickerProps {
  id: string;
  label: string;
  chosen: PupilRef | undefined;
  onChoose: (pupil: PupilRef | undefined) => void;
  error?: string | undefined;
  /** Pupils that may not be chosen here (already in the incident). */
  exclude?: readonly string[];
}

function groups(pupil: PupilRef): string {
  return [pupil.yearGroup && `Year ${pupil.yearGroup}`, pupil.tutorGroup].filter(Boolean).join(', ');
}

export function PupilPicker({ id, label, chosen, onChoose, error, exclude = [] }: PupilPickerProps) {
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<PupilRef[]>([]);
  const [status, setStatus] = useState<'idle' | 'searching' | 'failed'>('idle');

  useEffect(() => {
    const typed = query.trim();
    if (chosen || typed.length < 2) {
      setMatches([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setStatus('searching');
      lookupPupils(typed, controller.signal).then(
        (result) => {
          if (controller.signal.aborted) return;
          setStatus(result.ok ? 'idle' : 'failed');
          setMatches(result.ok ? result.value : []);
        },
        (failure: unknown) => {
          if (!isAbortError(failure)) setStatus('failed');
        },
      );
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, chosen]);

  const errorId = `${id}-error`;
  if (chosen) {
    return (
      <div className={error ? 'field field--error' : 'field'}>
        <p className="field__label" id={`${id}-label`}>
          {label}
        </p>
        {error && (
          <p className="field__error" id={errorId}>
            <span className="visually-hidden">Error: </span>
            {error}
          </p>
        )}
        <p className="pupil-picker__chosen">
          <strong>
            <PupilName name={chosen.displayName} />
          </strong>{' '}
          {groups(chosen)}{' '}
          <button
            id={id}
            type="button"
            className="button button--secondary button--small"
            onClick={() => onChoose(undefined)}
            aria-describedby={`${id}-label${error ? ` ${errorId}` : ''}`}
          >
            Change<span className="visually-hidden"> {label.toLowerCase()}</span>
          </button>
        </p>
      </div>
    );
  }

  const visible = matches.filter((pupil) => !exclude.includes(pupil.pupilId));
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <p className="field__hint" id={`${id}-hint`}>
        Type at least two letters of any part of their name.
      </p>
      {error && (
        <p className="field__error" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      <input
        id={id}
        className="field__input"
        type="search"
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        aria-describedby={`${id}-hint${error ? ` ${errorId}` : ''}`}
        aria-invalid={error ? true : undefined}
      />
      <div aria-live="polite" className="pupil-picker__status">
        {status === 'searching' && <span className="loading">Searching…</span>}
        {status === 'failed' && <span>The search did not work. Try again.</span>}
        {status === 'idle' && query.trim().length >= 2 && visible.length === 0 && (
          <span>No pupil matches.</span>
        )}
      </div>
      {visible.length > 0 && (
        <ul className="pupil-picker__matches" aria-label="Matching pupils">
          {visible.map((pupil) => (
            <li key={pupil.pupilId}>
              <button type="button" className="pupil-picker__match" onClick={() => onChoose(pupil)}>
                <PupilName name={pupil.displayName} />
                <span className="pupil-picker__groups"> {groups(pupil)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

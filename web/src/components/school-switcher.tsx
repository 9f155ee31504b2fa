/**
 * Chooses which of the person's schools they are working in. A labelled select and an explicit
 * "Switch school" button, rather than switching on change: moving between schools changes every
 * record on screen, so it should never happen by scrolling through the options with the keyboard.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { SchoolChoice } from '../api/session-view';

interface SchoolSwitcherProps {
  current: SchoolChoice;
  schools: readonly SchoolChoice[];
  busy: boolean;
  onSwitch: (schoolId: string) => void;
}

export function SchoolSwitcher({ current, schools, busy, onSwitch }: SchoolSwitcherProps) {
  const [chosen, setChosen] = useState(current.schoolId);

  // Follow the session when the school changes (here or from elsewhere).
  useEffect(() => setChosen(current.schoolId), [current.schoolId]);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || chosen === current.schoolId) return;
    onSwitch(chosen);
  }

  return (
    <form className="school-switcher" onSubmit={handleSubmit} aria-busy={busy}>
      <label className="school-switcher__label" htmlFor="school-switcher-select">
        School
      </label>
      <select
        className="school-switcher__select"
        id="school-switcher-select"
        value={chosen}
        onChange={(event) => setChosen(event.target.value)}
      >
        {schools.map((school) => (
          <option key={school.schoolId} value={school.schoolId}>
            {school.name}
          </option>
        ))}
      </select>
      <button className="button button--small" type="submit" aria-disabled={busy ? true : undefined}>
        {busy ? 'Switching…' : 'Switch school'}
      </button>
    </form>
  );
}

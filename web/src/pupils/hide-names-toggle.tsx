/** The header's "Hide names" switch: a pressed/unpressed button, so its state is announced. */
import './pupils.css';
import { setNamesHidden, useNamesHidden } from './hide-names-store';

export function HideNamesToggle() {
  const hidden = useNamesHidden();
  return (
    <button
      type="button"
      className="link-button link-button--inverse hide-names-toggle"
      aria-pressed={hidden}
      onClick={() => setNamesHidden(!hidden)}
    >
      Hide names
    </button>
  );
}

/**
 * The header's "Hide names" button (seed 29.2): it stars out every pupil name until pressed again,
 * when it reads "Show names".
 */
import { setNamesHidden, useNamesHidden } from './hide-names-store';
import './pupils.css';

export function HideNamesToggle() {
  const hidden = useNamesHidden();
  return (
    <button
      type="button"
      className="link-button link-button--inverse hide-names-toggle"
      onClick={() => setNamesHidden(!hidden)}
    >
      {hidden ? 'Show names' : 'Hide names'}
    </button>
  );
}

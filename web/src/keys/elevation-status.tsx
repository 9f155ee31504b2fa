/**
 * In the signed-in header: whether this session's access is elevated, and if not, the way there:
 * "Elevate your access" for someone with a key, "Add a key" for someone without one.
 */
import type { SessionView } from '../api/session-view';
import { Link } from '../routing/link';
import './keys.css';

export function ElevationStatus({ view }: { view: SessionView }) {
  if (view.elevated) {
    return (
      <p className="elevation-status">
        <span className="elevation-status__tag">Access elevated</span>
      </p>
    );
  }
  return (
    <p className="elevation-status">
      <span className="visually-hidden">Access not elevated. </span>
      {view.hasKey ? (
        <Link href="/elevate" className="elevation-status__link">
          Elevate your access
        </Link>
      ) : (
        <Link href="/keys" className="elevation-status__link">
          Add a key
        </Link>
      )}
    </p>
  );
}

/**
 * The person's keys as a table: name, kind, when added and last used (UK time). When `onRemove` is
 * given, each row offers to remove its key.
 */
import type { KeySummary } from '../api/keys';
import { formatUkDateTime } from '../formatting/uk-date-time';
import { KEY_TYPE_NAMES } from './describe-key';

interface KeyTableProps {
  keys: readonly KeySummary[];
  onRemove?: ((key: KeySummary) => void) | undefined;
  busy?: boolean;
}

export function KeyTable({ keys, onRemove, busy }: KeyTableProps) {
  return (
    // Focusable, so keyboard users can scroll it on a narrow screen.
    <div className="key-table-scroll" role="region" aria-label="Your keys" tabIndex={0}>
      <table className="table key-table">
        <caption className="visually-hidden">Your keys</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Added</th>
            <th scope="col">Last used</th>
            {onRemove && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key.keyId}>
              <th scope="row" className="key-table__name">
                {key.label}
              </th>
              <td>{KEY_TYPE_NAMES[key.type]}</td>
              <td>
                <time dateTime={key.createdAt}>{formatUkDateTime(key.createdAt)}</time>
              </td>
              <td>
                {key.lastUsedAt ? (
                  <time dateTime={key.lastUsedAt}>{formatUkDateTime(key.lastUsedAt)}</time>
                ) : (
                  'Not yet'
                )}
              </td>
              {onRemove && (
                <td className="key-table__action">
                  <button
                    className="link-button"
                    type="button"
                    onClick={() => onRemove(key)}
                    aria-disabled={busy ? true : undefined}
                  >
                    Remove<span className="visually-hidden"> {key.label}</span>
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Pupils as a list that reads well on a phone: name (to the record), year and tutor group, the
 * categories they are monitored under now, and "Add incident". With a selection, each row has a
 * checkbox instead of its links (the class register's "Update categories").
 */
import type { PupilListItem } from '../api/pupils';
import { Link } from '../routing/link';
import { CategoryTag } from './category-tag';
import { pupilPaths } from './pupil-paths';
import { PupilName } from './pupil-name';

export interface Selection {
  readonly selected: ReadonlySet<string>;
  readonly onToggle: (pupilId: string, checked: boolean) => void;
}

function groupsOf(item: PupilListItem): string {
  return [item.yearGroup && `Year ${item.yearGroup}`, item.tutorGroup].filter(Boolean).join(', ');
}

export function PupilResults({
  items,
  selection,
}: {
  items: readonly PupilListItem[];
  selection?: Selection;
}) {
  return (
    <ul className="pupil-results">
      {items.map((item) => (
        <li key={item.pupilId} className="pupil-results__row">
          <div className="pupil-results__who">
            {selection ? (
              <div className="checkbox">
                <input
                  className="checkbox__input"
                  type="checkbox"
                  id={`select-${item.pupilId}`}
                  checked={selection.selected.has(item.pupilId)}
                  onChange={(event) => selection.onToggle(item.pupilId, event.target.checked)}
                />
                <label className="checkbox__label" htmlFor={`select-${item.pupilId}`}>
                  <PupilName name={item.displayName} />
                </label>
              </div>
            ) : (
              <Link className="pupil-results__name" href={pupilPaths.pupil(item.pupilId)}>
                <PupilName name={item.displayName} />
              </Link>
            )}
            <span className="pupil-results__groups">
              {groupsOf(item)}
              {item.archived && <span className="tag tag--muted pupil-header__tag">Archived</span>}
            </span>
          </div>
          {item.monitoring.length > 0 && (
            <ul className="tag-list pupil-results__monitoring" aria-label="Monitored under">
              {item.monitoring.map((entry) => (
                <li key={entry.categoryId}>
                  <CategoryTag name={entry.categoryName} colour={entry.colour} />
                </li>
              ))}
            </ul>
          )}
          {!selection && !item.archived && (
            <Link className="pupil-results__action" href={pupilPaths.addIncident(item.pupilId)}>
              Add incident<span className="visually-hidden"> about </span>
              <span className="visually-hidden">
                <PupilName name={item.displayName} />
              </span>
            </Link>
          )}
        </li>
      ))}
    </ul>
  );
}

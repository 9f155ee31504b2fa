/**
 * What may be done in safeguarding categories, as a grid: a row each, a column per permission (view
 * students, view incidents, add incidents). The user-group screen has a row per category (sub-categories
 * beneath their parent) and one for categories created from now on; the new-category form has a row per
 * user group.
 */
import type { CategoryPermission } from '../api/admin-user-groups';
import '../categories/categories.css';

export const NEW_CATEGORY_ROW = 'new-categories';

const COLUMNS: readonly { key: keyof CategoryPermission; label: string }[] = [
  { key: 'viewStudents', label: 'View students' },
  { key: 'viewIncidents', label: 'View incidents' },
  { key: 'addIncidents', label: 'Add incidents' },
];

export interface CategoryRow {
  /** NEW_CATEGORY_ROW, a category id or a user group id. */
  key: string;
  label: string;
  /** A sub-category's parent: the row is indented beneath it, and its checkboxes name both. */
  parentLabel?: string;
  permission: CategoryPermission;
}

interface CategoryPermissionGridProps {
  rows: readonly CategoryRow[];
  onChange: (rowKey: string, permission: CategoryPermission) => void;
  caption?: string;
  /** The heading of the column of row names. */
  rowHeading?: string;
}

function fullLabel(row: CategoryRow): string {
  return row.parentLabel === undefined ? row.label : `${row.label} (${row.parentLabel})`;
}

export function CategoryPermissionGrid({
  rows,
  onChange,
  caption = 'Category permissions',
  rowHeading = 'Category',
}: CategoryPermissionGridProps) {
  return (
    <table className="table permission-grid">
      <caption className="permission-grid__caption">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{rowHeading}</th>
          {COLUMNS.map((column) => (
            <th scope="col" key={column.key} className="permission-grid__column">
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, rowIndex) => (
          <tr key={row.key}>
            <th
              scope="row"
              className={row.parentLabel === undefined ? undefined : 'permission-grid__sub-row'}
            >
              {row.label}
              {row.parentLabel !== undefined && (
                <span className="visually-hidden"> (sub-category of {row.parentLabel})</span>
              )}
            </th>
            {COLUMNS.map((column) => {
              const id = `category-${rowIndex}-${column.key}`;
              return (
                <td key={column.key} className="permission-grid__cell">
                  <input
                    className="checkbox__input permission-grid__input"
                    type="checkbox"
                    id={id}
                    checked={row.permission[column.key]}
                    onChange={(event) =>
                      onChange(row.key, { ...row.permission, [column.key]: event.target.checked })
                    }
                  />
                  <label className="visually-hidden" htmlFor={id}>
                    {column.label}: {fullLabel(row)}
                  </label>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * What a user group may do in each safeguarding category, as a grid: a row per category, a column per
 * permission. Categories arrive with a later release; until then the grid has the row for categories
 * created from now on, and a row for each category the group already has settings for.
 */
import type { CategoryPermission } from '../api/admin-user-groups';

export const NEW_CATEGORY_ROW = 'new-categories';

const COLUMNS: readonly { key: keyof CategoryPermission; label: string }[] = [
  { key: 'viewStudents', label: 'View students' },
  { key: 'viewIncidents', label: 'View incidents' },
  { key: 'addIncidents', label: 'Add incidents' },
];

export interface CategoryRow {
  /** NEW_CATEGORY_ROW, or a category id. */
  key: string;
  label: string;
  permission: CategoryPermission;
}

interface CategoryPermissionGridProps {
  rows: readonly CategoryRow[];
  onChange: (rowKey: string, permission: CategoryPermission) => void;
}

export function CategoryPermissionGrid({ rows, onChange }: CategoryPermissionGridProps) {
  return (
    <table className="table permission-grid">
      <caption className="permission-grid__caption">Category permissions</caption>
      <thead>
        <tr>
          <th scope="col">Category</th>
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
            <th scope="row">{row.label}</th>
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
                    {column.label}: {row.label}
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

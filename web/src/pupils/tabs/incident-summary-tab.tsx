/**
 * Incident summary (REC-8 overview charts): how many of the pupil's incidents the viewer may see, by
 * category and by month (UTC), each as a table with a bar per row so the pattern shows at a glance and
 * the numbers are still read out. Only incidents the viewer may see are counted by the API.
 */
import { useCallback } from 'react';
import { getChronologyOverview, type ChronologyOverview } from '../../api/incidents';
import { useLoaded } from '../../admin/use-loaded';
import { AdminProblem } from '../../components/admin-problem';
import { indexCategories, type CategoryIndex } from '../../incidents/category-index';
import { useIncidentReference } from '../../incidents/use-incident-reference';
import { CategoryTag } from '../category-tag';
import type { PupilTabProps } from '../pupil-tabs';
import { monthRows } from '../summary-months';

function monthName(month: string): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-GB', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** A bar for a table row: a meter needs no style attribute, which the Content-Security-Policy forbids. */
function Bar({ value, max }: { value: number; max: number }) {
  return <meter className="summary-bar" min={0} max={max} value={value} aria-hidden="true" />;
}

function CategoryTable({ overview, index }: { overview: ChronologyOverview; index: CategoryIndex }) {
  const max = Math.max(...overview.byCategory.map((row) => row.count));
  const rows = [...overview.byCategory].sort((a, b) => b.count - a.count);
  return (
    <table className="table summary-table">
      <caption className="visually-hidden">Incidents by category, most first</caption>
      <thead>
        <tr>
          <th scope="col">Category</th>
          <th scope="col" className="numeric">
            Incidents
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const category = index.get(row.categoryId);
          const parent = category?.parentId ? index.get(category.parentId) : undefined;
          const name = category
            ? parent
              ? `${parent.name} > ${category.name}`
              : category.name
            : 'Unknown category';
          return (
            <tr key={row.categoryId}>
              <th scope="row">
                <CategoryTag name={name} colour={category?.colour ?? ''} />
              </th>
              <td className="numeric summary-table__count">
                {row.count} <Bar value={row.count} max={max} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function MonthTable({ overview }: { overview: ChronologyOverview }) {
  const rows = monthRows(overview.byMonth);
  const max = Math.max(...rows.map((row) => row.count));
  return (
    <table className="table summary-table">
      <caption className="visually-hidden">Incidents by month, oldest first</caption>
      <thead>
        <tr>
          <th scope="col">Month</th>
          <th scope="col" className="numeric">
            Incidents
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.month}>
            <th scope="row">{monthName(row.month)}</th>
            <td className="numeric summary-table__count">
              {row.count} <Bar value={row.count} max={max} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function IncidentSummaryTab({ pupil }: PupilTabProps) {
  const load = useCallback(
    (signal: AbortSignal) => getChronologyOverview(pupil.pupilId, signal),
    [pupil.pupilId],
  );
  const { state } = useLoaded(load);
  const reference = useIncidentReference();
  const index = reference.phase === 'loaded' ? reference.value.categories : indexCategories([]);
  return (
    <>
      <h2 className="section-title">Incident summary</h2>
      {state.phase === 'loading' && <p className="loading">Loading…</p>}
      {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
      {state.phase === 'loaded' &&
        (state.value.total === 0 ? (
          <p>No incidents you can see are recorded for this pupil.</p>
        ) : (
          <>
            <p>
              {state.value.total === 1
                ? '1 incident you can see.'
                : `${state.value.total} incidents you can see.`}{' '}
              An incident in several categories counts once in each.
            </p>
            <h3 className="subsection-title">By category</h3>
            <CategoryTable overview={state.value} index={index} />
            <h3 className="subsection-title">By month</h3>
            <MonthTable overview={state.value} />
          </>
        ))}
    </>
  );
}

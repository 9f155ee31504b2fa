/**
 * Monitoring history (seed 8.12): when the pupil became monitored and un-monitored under each
 * category the viewer may see, with durations, a timeline and a CSV download. People who may change
 * monitoring can start and stop categories here, from a date.
 */
import { useCallback, useState } from 'react';
import { getMonitoringHistory, type MonitoringHistory } from '../../api/monitoring';
import { useLoaded } from '../../admin/use-loaded';
import { ActionNotice, type ActionOutcome } from '../../components/action-notice';
import { AdminProblem } from '../../components/admin-problem';
import { SelectField } from '../../components/select-field';
import { CategoryTag } from '../category-tag';
import { formatUkDate } from '../format-date';
import { MonitoringChangeForm } from '../monitoring-change-form';
import { monitoringCsv } from '../monitoring-csv';
import { MonitoringTimeline } from '../monitoring-timeline';
import type { PupilTabProps } from '../pupil-tabs';

const PERIODS = [
  { value: '6', label: 'Past 6 months' },
  { value: '12', label: 'Past year' },
  { value: '36', label: 'Past 3 years' },
  { value: 'all', label: 'All of it' },
];

function downloadCsv(history: MonitoringHistory) {
  const url = URL.createObjectURL(
    new Blob([monitoringCsv(history.entries)], { type: 'text/csv;charset=utf-8' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = `monitoring-history-${history.today}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

function HistoryTable({ history }: { history: MonitoringHistory }) {
  return (
    <table className="table">
      <caption className="visually-hidden">Monitoring history, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Category</th>
          <th scope="col">Started</th>
          <th scope="col">Ended</th>
          <th scope="col">Duration</th>
        </tr>
      </thead>
      <tbody>
        {history.entries.map((entry) => (
          <tr key={`${entry.categoryId} ${entry.startedAt}`}>
            <th scope="row">
              <CategoryTag name={entry.categoryName} colour={entry.colour} />
            </th>
            <td>
              {formatUkDate(entry.since)}
              <span className="hint"> {entry.reason === 'incident' ? '(an incident)' : '(by hand)'}</span>
            </td>
            <td>{entry.until ? formatUkDate(entry.until) : 'Still monitored'}</td>
            <td>
              {entry.durationDays} {entry.durationDays === 1 ? 'day' : 'days'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function MonitoringTab({ pupil, onChanged }: PupilTabProps) {
  const load = useCallback(
    (signal: AbortSignal) => getMonitoringHistory(pupil.pupilId, signal),
    [pupil.pupilId],
  );
  const { state, reload } = useLoaded(load);
  const [period, setPeriod] = useState('6');
  const [changing, setChanging] = useState(false);
  const [outcome, setOutcome] = useState<ActionOutcome | undefined>();

  if (state.phase === 'loading') return <p className="loading">Loading the monitoring history…</p>;
  if (state.phase === 'failed') return <AdminProblem problem={state.problem} />;
  const history = state.value;
  const current = history.entries.filter((entry) => entry.open);
  return (
    <>
      <div className="pupil-search__heading">
        <h2 className="section-title">Monitoring history</h2>
        {history.mayChange && !changing && (
          <button className="button button--secondary" type="button" onClick={() => setChanging(true)}>
            Change monitoring
          </button>
        )}
      </div>
      <ActionNotice outcome={outcome} />
      {changing && (
        <MonitoringChangeForm
          pupilId={pupil.pupilId}
          history={history}
          onCancel={() => setChanging(false)}
          onChanged={(text) => {
            setChanging(false);
            setOutcome({ kind: 'done', text });
            reload();
            onChanged?.();
          }}
        />
      )}
      <h3 className="subsection-title">Monitored now</h3>
      {current.length === 0 ? (
        <p>Not monitored under any category you can see.</p>
      ) : (
        <ul className="tag-list">
          {current.map((entry) => (
            <li key={entry.categoryId}>
              <CategoryTag name={entry.categoryName} colour={entry.colour} /> since{' '}
              {formatUkDate(entry.since)}
            </li>
          ))}
        </ul>
      )}
      {history.entries.length > 0 && (
        <>
          <h3 className="subsection-title">Timeline</h3>
          <SelectField
            id="monitoring-period"
            label="Timescale"
            options={PERIODS}
            value={period}
            onChange={setPeriod}
          />
          <MonitoringTimeline
            entries={history.entries}
            today={history.today}
            months={period === 'all' ? undefined : Number(period)}
          />
          <h3 className="subsection-title">Every spell</h3>
          <HistoryTable history={history} />
          <button className="button button--secondary" type="button" onClick={() => downloadCsv(history)}>
            Download history as CSV
          </button>
        </>
      )}
      {history.entries.length === 0 && (
        <p>No monitoring has been recorded under the categories you can see.</p>
      )}
    </>
  );
}

/** Monitoring history: every spell of monitoring under the categories this person may see. */
import { formatUkDate } from '../format-date';
import type { PupilTabProps } from '../pupil-tabs';

export function MonitoringTab({ pupil }: PupilTabProps) {
  return (
    <>
      <h2 className="section-title">Monitoring now</h2>
      {pupil.monitoring.length === 0 ? (
        <p>Not monitored under any category you can see.</p>
      ) : (
        <ul>
          {pupil.monitoring.map((entry) => (
            <li key={entry.categoryId}>
              {entry.categoryName} since {formatUkDate(entry.since)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

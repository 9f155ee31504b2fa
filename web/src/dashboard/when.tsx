/** A time shown as "time ago", with the full UK date and time for machines and on hover. */
import { formatUkDateTime } from '../formatting/uk-date-time';
import { timeAgo } from './time-ago';

export function When({ at }: { at: string }) {
  return (
    <time className="dashboard-row__when" dateTime={at} title={formatUkDateTime(at)}>
      {timeAgo(at)}
    </time>
  );
}

/**
 * Security log entries as a table: when (UK time), what happened in plain words, and from which address.
 * On a phone the rows stack into short cards (see styles.css); the explicit roles keep them a table for
 * screen readers, which drop table semantics from tables whose display CSS changes.
 */
import type { SecurityEvent } from '../api/security-log';
import type { SchoolChoice } from '../api/session-view';
import { formatUkDateTime } from '../formatting/uk-date-time';
import { describeSecurityEvent } from '../security-log/describe-security-event';

interface SecurityEventTableProps {
  events: readonly SecurityEvent[];
  schools: readonly SchoolChoice[];
  caption: string;
}

export function SecurityEventTable({ events, schools, caption }: SecurityEventTableProps) {
  return (
    <table className="table event-table" role="table">
      <caption className="visually-hidden">{caption}</caption>
      <thead role="rowgroup">
        <tr role="row">
          <th scope="col" role="columnheader">
            When
          </th>
          <th scope="col" role="columnheader">
            What
          </th>
          <th scope="col" role="columnheader">
            From
          </th>
        </tr>
      </thead>
      <tbody role="rowgroup">
        {events.map((event) => {
          const { text, warning } = describeSecurityEvent(event, schools);
          return (
            <tr key={event.eventId} role="row" className={warning ? 'event-table__row--warning' : undefined}>
              <td className="event-table__when" role="cell">
                <time dateTime={event.at}>{formatUkDateTime(event.at)}</time>
              </td>
              <td className="event-table__what" role="cell">
                {text}
              </td>
              <td className="event-table__from" role="cell">
                <span className="event-table__label" aria-hidden="true">
                  From{' '}
                </span>
                <span className="event-table__address">{event.sourceIp}</span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

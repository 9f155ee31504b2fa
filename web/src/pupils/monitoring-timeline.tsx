/**
 * The monitoring timeline (seed 8.12): one row per category, a bar for each spell within the chosen
 * period, so spells on and off a category stand out. Drawn as SVG with presentation attributes (the
 * CSP forbids style attributes); the table beside it carries the same facts for screen readers.
 */
import type { MonitoringHistoryEntry } from '../api/monitoring';

const DAY_MS = 86_400_000;
const ROW_HEIGHT = 28;
const LABEL_WIDTH = 180;
const WIDTH = 720;
/** Room a month label needs to the right of its line. */
const LABEL_ROOM = 40;

function dayNumber(isoDate: string): number {
  return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
}

function monthStarts(fromDay: number, toDay: number): { day: number; label: string }[] {
  const starts: { day: number; label: string }[] = [];
  const date = new Date(fromDay * DAY_MS);
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + 1);
  const format = new Intl.DateTimeFormat('en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' });
  while (date.getTime() / DAY_MS <= toDay) {
    starts.push({ day: date.getTime() / DAY_MS, label: format.format(date) });
    date.setUTCMonth(date.getUTCMonth() + 1);
  }
  return starts;
}

interface TimelineProps {
  entries: readonly MonitoringHistoryEntry[];
  today: string;
  /** How far back to draw, in months; undefined for all of the history. */
  months: number | undefined;
}

export function MonitoringTimeline({ entries, today, months }: TimelineProps) {
  const end = dayNumber(today) + 1;
  const earliest = Math.min(...entries.map((entry) => dayNumber(entry.since)), end - 30);
  const start = months === undefined ? earliest : end - Math.round(months * 30.44);
  const categories = [...new Map(entries.map((entry) => [entry.categoryId, entry])).values()].sort((a, b) =>
    a.categoryName.localeCompare(b.categoryName, 'en-GB'),
  );
  const span = Math.max(1, end - start);
  const x = (day: number) =>
    LABEL_WIDTH + ((Math.min(Math.max(day, start), end) - start) / span) * (WIDTH - LABEL_WIDTH);
  const height = (categories.length + 1) * ROW_HEIGHT;
  return (
    <div className="monitoring-timeline">
      <svg
        className="monitoring-timeline__svg"
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label="Timeline of monitoring by category; the table below lists the same spells"
      >
        {monthStarts(start, end).map(({ day, label }) => (
          <g key={day}>
            <line x1={x(day)} x2={x(day)} y1={0} y2={height - ROW_HEIGHT} stroke="#c4c9ce" />
            {/* A label too near the right edge would be cut off: its line is enough there. */}
            {x(day) < WIDTH - LABEL_ROOM && (
              <text x={x(day) + 2} y={height - 8} fontSize="11" fill="#4f5a61">
                {label}
              </text>
            )}
          </g>
        ))}
        {categories.map((category, row) => (
          <g key={category.categoryId}>
            <text x={0} y={row * ROW_HEIGHT + 18} fontSize="13" fill="#0b0c0c">
              {category.categoryName}
            </text>
            {entries
              .filter((entry) => entry.categoryId === category.categoryId)
              .filter((entry) => dayNumber(entry.until ?? today) + 1 >= start)
              .map((entry) => (
                <rect
                  key={entry.startedAt}
                  x={x(dayNumber(entry.since))}
                  y={row * ROW_HEIGHT + 6}
                  width={Math.max(2, x(dayNumber(entry.until ?? today) + 1) - x(dayNumber(entry.since)))}
                  height={ROW_HEIGHT - 12}
                  rx={3}
                  fill={/^#[0-9a-f]{6}$/i.test(entry.colour) ? entry.colour : '#4f5a61'}
                />
              ))}
          </g>
        ))}
      </svg>
    </div>
  );
}

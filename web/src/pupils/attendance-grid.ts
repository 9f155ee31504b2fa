/**
 * The calendar of one month for the Attendance tab: a row per week, a column per school day (Monday to
 * Friday, and Saturday and Sunday only when the month has a mark on one), so patterns such as "every
 * Monday afternoon" line up. Pure, in UTC: dates are calendar dates, not instants.
 */
import type { AttendanceMonth, SessionMarks } from '../api/attendance';

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export interface GridCell {
  /** YYYY-MM-DD. */
  date: string;
  day: number;
  marks?: SessionMarks;
}

export interface MonthGrid {
  /** Indexes into WEEKDAY_NAMES (0 is Monday). */
  columns: number[];
  /** Each week's cells by column; undefined outside the month. */
  weeks: (GridCell | undefined)[][];
}

/** 0 for Monday … 6 for Sunday. */
function weekdayOf(date: Date): number {
  return (date.getUTCDay() + 6) % 7;
}

export function monthGrid(month: AttendanceMonth): MonthGrid {
  const [year, monthNumber] = month.month.split('-').map(Number) as [number, number];
  const length = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  const cells: GridCell[] = [];
  for (let day = 1; day <= length; day += 1) {
    const date = `${month.month}-${String(day).padStart(2, '0')}`;
    const marks = month.days[date];
    cells.push({ date, day, ...(marks ? { marks } : {}) });
  }
  const weekendMarked = cells.some(
    (cell) => cell.marks && weekdayOf(new Date(`${cell.date}T00:00:00Z`)) >= 5,
  );
  const columns = weekendMarked ? [0, 1, 2, 3, 4, 5, 6] : [0, 1, 2, 3, 4];
  const weeks: (GridCell | undefined)[][] = [];
  let week: (GridCell | undefined)[] | undefined;
  let lastWeekday = 0;
  for (const cell of cells) {
    const weekday = weekdayOf(new Date(`${cell.date}T00:00:00Z`));
    const column = columns.indexOf(weekday);
    if (column === -1) continue;
    // The days run in order, so a weekday no later than the last one shown starts a new week.
    if (!week || weekday <= lastWeekday) {
      week = Array.from({ length: columns.length }, () => undefined);
      weeks.push(week);
    }
    week[column] = cell;
    lastWeekday = weekday;
  }
  return { columns, weeks };
}

/** Every code used in these months, in the order the legend lists them. */
export function codesUsed(months: readonly AttendanceMonth[], order: readonly string[]): string[] {
  const used = new Set<string>();
  for (const month of months) {
    for (const marks of Object.values(month.days)) {
      if (marks.am) used.add(marks.am);
      if (marks.pm) used.add(marks.pm);
    }
  }
  const known = order.filter((code) => used.has(code));
  const unknown = [...used].filter((code) => !order.includes(code)).sort();
  return [...known, ...unknown];
}

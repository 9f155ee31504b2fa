/**
 * Attendance (seed 8.5): the pupil's DfE figures from the stored daily marks (sessions possible,
 * attended, authorised and unauthorised absence, the percentage and a persistent-absence badge at 10 %
 * or more missed), the MIS's own summary when it sent one, and a calendar of AM/PM marks per month so
 * patterns show. Each mark is its code as text with a colour for its kind, never colour alone, and the
 * legend explains the codes shown. Reading it is audited by the API.
 */
import { useCallback, useState } from 'react';
import {
  getPupilAttendance,
  type AttendanceFigures,
  type AttendanceMonth,
  type MarkedAttendanceFigures,
  type PupilAttendance,
} from '../../api/attendance';
import { useLoaded } from '../../admin/use-loaded';
import { AdminProblem } from '../../components/admin-problem';
import { SelectField } from '../../components/select-field';
import { ATTENDANCE_CODE_MEANINGS, KIND_LABELS, kindOf, meaningOf } from '../attendance-codes';
import { codesUsed, monthGrid, WEEKDAY_NAMES } from '../attendance-grid';
import { formatUkDate } from '../format-date';
import type { PupilTabProps } from '../pupil-tabs';

const PERIODS = [
  { value: '3', label: 'Last 3 months' },
  { value: '6', label: 'Last 6 months' },
  { value: '12', label: 'Last 12 months' },
];

function monthName(month: string): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

function percent(figures: AttendanceFigures): string {
  return figures.attendancePercent === undefined ? '–' : `${figures.attendancePercent.toFixed(1)}%`;
}

function PersistentAbsenceBadge({ figures }: { figures: AttendanceFigures }) {
  if (!figures.persistentAbsence) return null;
  return (
    <p>
      <span className="tag tag--down attendance-badge">Persistent absence</span>{' '}
      <span className="hint">10% or more of possible sessions missed</span>
    </p>
  );
}

function FiguresTable({
  caption,
  figures,
  marked,
}: {
  caption: string;
  figures: AttendanceFigures;
  marked?: MarkedAttendanceFigures;
}) {
  const rows: [string, number][] = [
    ['Sessions possible', figures.sessionsPossible],
    ['Attended', figures.sessionsAttended],
    ...(marked
      ? ([
          ['of which present', marked.sessionsPresent],
          ['of which approved educational activity', marked.sessionsApprovedActivity],
        ] as [string, number][])
      : []),
    ['Authorised absence', figures.sessionsAuthorisedAbsence],
    ['Unauthorised absence', figures.sessionsUnauthorisedAbsence],
    ...(marked
      ? ([
          ['Late before the register closed', marked.sessionsLateBeforeRegisterClosed],
          ['Late after the register closed (unauthorised)', marked.sessionsLateAfterRegisterClosed],
          ['Not counted (school closed, not required…)', marked.sessionsNotCounted],
        ] as [string, number][])
      : []),
  ];
  return (
    <table className="table summary-table attendance-figures">
      <caption className="visually-hidden">{caption}</caption>
      <tbody>
        <tr>
          <th scope="row">Attendance</th>
          <td className="numeric attendance-figures__percent">{percent(figures)}</td>
        </tr>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td className="numeric">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Mark({ code, session }: { code: string | undefined; session: 'AM' | 'PM' }) {
  if (code === undefined) {
    return <span className="attendance-mark attendance-mark--none">{session} –</span>;
  }
  return (
    <span className={`attendance-mark attendance-mark--${kindOf(code)}`}>
      <span className="visually-hidden">{session} </span>
      <abbr title={`${session}: ${meaningOf(code)}`}>{code}</abbr>
    </span>
  );
}

function MonthCalendar({ month }: { month: AttendanceMonth }) {
  const grid = monthGrid(month);
  return (
    <table className="table attendance-month">
      <caption className="attendance-month__caption">{monthName(month.month)}</caption>
      <thead>
        <tr>
          {grid.columns.map((column) => (
            <th key={column} scope="col">
              <abbr title={WEEKDAY_NAMES[column]}>{WEEKDAY_NAMES[column]!.slice(0, 3)}</abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {grid.weeks.map((week, index) => (
          <tr key={index}>
            {week.map((cell, column) =>
              cell ? (
                <td key={cell.date} className="attendance-day">
                  <span className="attendance-day__date">{cell.day}</span>
                  {cell.marks && (
                    <span className="attendance-day__marks">
                      <Mark code={cell.marks.am} session="AM" />
                      <Mark code={cell.marks.pm} session="PM" />
                    </span>
                  )}
                </td>
              ) : (
                <td key={`empty-${column}`} className="attendance-day attendance-day--outside" />
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Legend({ months }: { months: readonly AttendanceMonth[] }) {
  const codes = codesUsed(months, Object.keys(ATTENDANCE_CODE_MEANINGS));
  return (
    <dl className="attendance-legend" aria-label="What the marks mean">
      {codes.map((code) => (
        <div key={code} className="attendance-legend__entry">
          <dt>
            <span className={`attendance-mark attendance-mark--${kindOf(code)}`}>{code}</span>
          </dt>
          <dd>
            {meaningOf(code)} <span className="hint">({KIND_LABELS[kindOf(code)].toLowerCase()})</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Loaded({ attendance }: { attendance: PupilAttendance }) {
  const { marked, reported, months } = attendance;
  return (
    <>
      {marked && (
        <>
          <h3 className="subsection-title">
            From the daily marks, {formatUkDate(marked.from)} to {formatUkDate(marked.to)}
          </h3>
          <PersistentAbsenceBadge figures={marked} />
          <FiguresTable caption="Attendance from the daily marks" figures={marked} marked={marked} />
        </>
      )}
      {reported && (
        <>
          <h3 className="subsection-title">
            As the MIS reports it, {formatUkDate(reported.from)} to {formatUkDate(reported.to)}
          </h3>
          {!marked && <PersistentAbsenceBadge figures={reported} />}
          <FiguresTable caption="Attendance as the MIS reports it" figures={reported} />
        </>
      )}
      {months.length > 0 && (
        <>
          <h3 className="subsection-title">Daily marks</h3>
          <Legend months={months} />
          <div className="attendance-months">
            {months.map((month) => (
              <MonthCalendar key={month.month} month={month} />
            ))}
          </div>
        </>
      )}
    </>
  );
}

function isEmpty(attendance: PupilAttendance): boolean {
  return !attendance.marked && !attendance.reported && attendance.months.length === 0;
}

export function AttendanceTab({ pupil }: PupilTabProps) {
  const [period, setPeriod] = useState('3');
  const load = useCallback(
    (signal: AbortSignal) => getPupilAttendance(pupil.pupilId, Number(period), signal),
    [pupil.pupilId, period],
  );
  const { state } = useLoaded(load);
  const empty = state.phase === 'loaded' && isEmpty(state.value);
  return (
    <>
      <h2 className="section-title">Attendance</h2>
      {/* Stays while another period loads, so the list keeps its focus. */}
      {state.phase !== 'failed' && !empty && (
        <SelectField
          id="attendance-months"
          label="Marks shown"
          value={period}
          options={PERIODS}
          onChange={setPeriod}
        />
      )}
      {state.phase === 'loading' && <p className="loading">Loading the attendance…</p>}
      {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
      {state.phase === 'loaded' &&
        (empty ? <p>No attendance recorded.</p> : <Loaded attendance={state.value} />)}
    </>
  );
}

/**
 * A transfer's history (who, at which school, when, with their note) and its KCSIE clock (BYD-1): the
 * school day the count starts from, the fifth school day it should have moved by, and the reminder and
 * escalation to the previous school's DSLs.
 */
import { SummaryRow, UkDateTime } from '../components/summary-row';
import { formatUkDate } from '../pupils/format-date';
import type { TransferClock, TransferStep, TransferView } from './transfers-api';
import { isOverdue } from './transfer-words';
import { TransferStatusTag } from './transfer-status-tag';

function schoolOf(view: TransferView, schoolId: string | undefined): string | undefined {
  if (schoolId === view.from.schoolId) return view.from.schoolName;
  if (schoolId === view.to.schoolId) return view.to.schoolName;
  return undefined;
}

function StepItem({ step, view }: { step: TransferStep; view: TransferView }) {
  const school = schoolOf(view, step.schoolId);
  return (
    <li className="transfer-history__step">
      <p className="transfer-history__what">
        <TransferStatusTag status={step.status} /> <UkDateTime at={step.at} />
      </p>
      <p className="transfer-history__who">
        {step.by ? `${step.by.name}${school ? `, ${school}` : ''}` : 'Lantern'}
      </p>
      {step.note && <p className="transfer-history__note">Note: {step.note}</p>}
    </li>
  );
}

export function TransferHistory({ view }: { view: TransferView }) {
  return (
    <section className="admin-section" aria-labelledby="transfer-history-heading">
      <h2 className="section-title" id="transfer-history-heading">
        History
      </h2>
      <ol className="transfer-history">
        {view.history.map((step, index) => (
          <StepItem key={`${step.at}-${index}`} step={step} view={view} />
        ))}
      </ol>
    </section>
  );
}

export function TransferClockSection({ clock, view }: { clock: TransferClock; view: TransferView }) {
  const overdue = view.status === 'Requested' && isOverdue(clock.dueBy);
  return (
    <section className="admin-section" aria-labelledby="transfer-clock-heading">
      <h2 className="section-title" id="transfer-clock-heading">
        KCSIE deadline
      </h2>
      <p className="hint">
        Keeping Children Safe in Education asks for the child protection file to move within five school days
        of the request. Lantern counts {view.from.schoolName}&apos;s school days from its calendar: weekends,
        bank holidays, holidays and closures do not count. A request made during a holiday is counted from the
        first day of the new term.
      </p>
      {clock.newTerm && (
        <p className="notice notice--info">
          This request came during a school holiday, so the five school days are the first five of the new
          term.
        </p>
      )}
      <dl className="summary-list">
        <SummaryRow label="Requested">
          <UkDateTime at={clock.requestedAt} />
        </SummaryRow>
        <SummaryRow label="Day one">
          <time dateTime={clock.dayOne}>{formatUkDate(clock.dayOne)}</time>
        </SummaryRow>
        <SummaryRow label="Due by">
          <span className={overdue ? 'transfer-due transfer-due--overdue' : 'transfer-due'}>
            <time dateTime={clock.dueBy}>{formatUkDate(clock.dueBy)}</time> (the end of the fifth school day)
            {overdue && <strong> Overdue</strong>}
          </span>
        </SummaryRow>
        <SummaryRow label="Reminder">
          {clock.remindedAt ? (
            <>
              Sent <UkDateTime at={clock.remindedAt} />
            </>
          ) : (
            <>
              Due <UkDateTime at={clock.remindAt} /> (if not yet authorised)
            </>
          )}
        </SummaryRow>
        <SummaryRow label="Escalation">
          {clock.escalatedAt ? (
            <>
              Sent <UkDateTime at={clock.escalatedAt} />
            </>
          ) : (
            <>
              Due <UkDateTime at={clock.escalateAt} /> (if not yet authorised)
            </>
          )}
        </SummaryRow>
      </dl>
    </section>
  );
}

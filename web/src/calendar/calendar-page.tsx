/**
 * Admin > Calendar (BYD-1): the terms, closures and bank holidays the KCSIE transfer clock counts school
 * days from. Saving sends the version read (0 before the first save), so a change made meanwhile is
 * reported instead of overwritten.
 */
import { useState, type FormEvent } from 'react';
import { useFormState } from '../admin/form-state';
import { useLoaded } from '../admin/use-loaded';
import { ActionNotice, type ActionOutcome } from '../components/action-notice';
import { AdminPage } from '../components/admin-page';
import { AdminProblem } from '../components/admin-problem';
import { ErrorSummary } from '../components/error-summary';
import { SelectField } from '../components/select-field';
import {
  fetchSchoolCalendar,
  NATION_LABELS,
  NATIONS,
  saveSchoolCalendar,
  type Nation,
  type SchoolCalendarView,
} from './calendar-api';
import { BankHolidayList } from './calendar-bank-holidays';
import {
  checkDraft,
  draftOf,
  errorsFromProblem,
  fieldId,
  inputOf,
  type CalendarDraft,
} from './calendar-draft';
import { ClosureRows, TermRows } from './calendar-rows';
import './calendar.css';

const NATION_OPTIONS = NATIONS.map((nation) => ({ value: nation, label: NATION_LABELS[nation] }));

interface CalendarFormProps {
  view: SchoolCalendarView;
  onSaved: (outcome: ActionOutcome) => void;
  onReload: () => void;
}

function CalendarForm({ view, onSaved, onReload }: CalendarFormProps) {
  const [draft, setDraft] = useState<CalendarDraft>(() => draftOf(view.calendar));
  const form = useFormState<string>();

  async function submit() {
    const errors = checkDraft(draft);
    if (Object.keys(errors).length > 0) {
      form.setState({ kind: 'invalid', errors });
      return;
    }
    form.setState({ kind: 'submitting' });
    const result = await saveSchoolCalendar(inputOf(draft), view.calendar.version);
    if (!result.ok) {
      const fieldErrors = errorsFromProblem(result.problem);
      form.setState(
        fieldErrors ? { kind: 'invalid', errors: fieldErrors } : { kind: 'refused', problem: result.problem },
      );
      return;
    }
    form.setState({ kind: 'editing' });
    const { terms, closures } = result.value.calendar;
    onSaved({
      kind: 'done',
      text: `Calendar saved: ${terms.length} ${terms.length === 1 ? 'term' : 'terms'} and ${closures.length} ${closures.length === 1 ? 'closure' : 'closures'}.`,
    });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.submitting) void submit();
  }

  const summary = Object.entries(form.errors).flatMap(([path, message]) =>
    message ? [{ fieldId: fieldId(path), message }] : [],
  );

  return (
    <>
      {form.state.kind === 'invalid' && <ErrorSummary ref={form.alertRef} items={summary} />}
      {form.state.kind === 'refused' && (
        <AdminProblem ref={form.alertRef} problem={form.state.problem} onReload={onReload} />
      )}
      <form className="form calendar" noValidate onSubmit={handleSubmit} aria-busy={form.submitting}>
        <SelectField
          id={fieldId('bankHolidays')}
          label="Bank holidays"
          hint="Whose bank holidays the school keeps."
          options={NATION_OPTIONS}
          value={draft.bankHolidays}
          onChange={(value) => setDraft({ ...draft, bankHolidays: value as Nation })}
          error={form.errors.bankHolidays}
        />
        <TermRows
          rows={draft.terms}
          errors={form.errors}
          onChange={(terms) => setDraft({ ...draft, terms })}
        />
        <ClosureRows
          rows={draft.closures}
          errors={form.errors}
          onChange={(closures) => setDraft({ ...draft, closures })}
        />
        <button className="button" type="submit" aria-disabled={form.submitting ? true : undefined}>
          {form.submitting ? 'Saving…' : 'Save calendar'}
        </button>
      </form>
      <BankHolidayList nation={draft.bankHolidays} holidays={view.upcomingBankHolidays[draft.bankHolidays]} />
    </>
  );
}

export function CalendarPage() {
  const { state, reload, answers } = useLoaded(fetchSchoolCalendar);
  const [outcome, setOutcome] = useState<ActionOutcome | undefined>();

  function handleSaved(next: ActionOutcome) {
    setOutcome(next);
    reload();
  }

  return (
    <AdminPage
      title="Calendar"
      lede="Your term dates, closures and bank holidays. Lantern counts school days from them, for example the five school days KCSIE allows to send a child protection file to a new school."
    >
      <ActionNotice outcome={outcome} />
      {state.phase === 'loading' && <p className="loading">Loading the calendar…</p>}
      {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
      {state.phase === 'loaded' && (
        <CalendarForm key={answers} view={state.value} onSaved={handleSaved} onReload={reload} />
      )}
    </AdminPage>
  );
}

/**
 * "Nightly import": when the school's import runs each night, on the school's own clock (02:00 unless
 * an admin chose another time). Saving moves the schedule; a time the API refuses shows beside the
 * field, as other admin forms show it.
 */
import { useState, type FormEvent } from 'react';
import {
  fetchMisNightlySchedule,
  setMisNightlySchedule,
  type NightlyScheduleState,
} from '../api/mis-imports';
import { useLoaded } from '../admin/use-loaded';
import { refusalState, useFormState, type FormFields } from '../admin/form-state';
import { AdminProblem } from '../components/admin-problem';
import { FormProblems } from '../components/form-problems';
import { TextField } from '../components/text-field';

type Field = 'nightlyAt';

const FIELDS: FormFields<Field> = { nightlyAt: { id: 'nightly-at', label: 'Time' } };

/** "02:00, Europe/London time": the zone is named, so nobody reads it as their own clock. */
export function describeNightlyTime(nightlyAt: string, timeZone: string): string {
  return `${nightlyAt}, ${timeZone} time`;
}

function NightlyTimeForm({ loaded }: { loaded: NightlyScheduleState }) {
  const [nightlyAt, setNightlyAt] = useState(loaded.nightlyAt);
  const [saved, setSaved] = useState<NightlyScheduleState>(loaded);
  const form = useFormState<Field>();

  async function save() {
    form.setState({ kind: 'submitting' });
    const result = await setMisNightlySchedule(nightlyAt);
    if (!result.ok) {
      form.setState(refusalState(result.problem, FIELDS));
      return;
    }
    setSaved({ ...result.value, scheduled: true });
    form.setState({ kind: 'editing' });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.submitting) void save();
  }

  return (
    <>
      <p className="hint" role="status">
        The import runs every night at {describeNightlyTime(saved.nightlyAt, saved.timeZone)}
        {saved.scheduled ? '.' : ', once your MIS connector has sent its first extract.'}
      </p>
      <FormProblems state={form.state} fields={FIELDS} alertRef={form.alertRef} />
      <form className="form" noValidate onSubmit={handleSubmit} aria-busy={form.submitting}>
        <TextField
          id={FIELDS.nightlyAt.id}
          type="time"
          narrow
          label={`Time (${saved.timeZone})`}
          hint="A quiet time after your MIS has finished its own overnight jobs."
          value={nightlyAt}
          onChange={setNightlyAt}
          error={form.errors.nightlyAt}
        />
        <button className="button" type="submit" aria-disabled={form.submitting ? true : undefined}>
          {form.submitting ? 'Saving…' : 'Save'}
        </button>
      </form>
    </>
  );
}

export function NightlyImportTime() {
  const { state } = useLoaded(fetchMisNightlySchedule);
  return (
    <section className="admin-section" aria-labelledby="nightly-import-heading">
      <h2 className="section-title" id="nightly-import-heading">
        Nightly import
      </h2>
      {state.phase === 'loading' && <p className="loading">Loading the import time…</p>}
      {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
      {state.phase === 'loaded' && <NightlyTimeForm loaded={state.value} />}
    </section>
  );
}

/**
 * Admin > Agencies > rename one, against the version read. Past incidents and actions show the new
 * name, so it should keep the agency's meaning.
 */
import { useCallback, useState, type FormEvent } from 'react';
import { listAgencies, renameAgency, type Agency } from '../../api/agencies';
import type { ApiResult } from '../../api/api-result';
import type { Problem } from '../../api/problem';
import { noticeForNextPage } from '../../admin/admin-notice';
import { adminPaths } from '../../admin/admin-routes';
import { refusalState, useFormState, type FormFields } from '../../admin/form-state';
import { useLoaded } from '../../admin/use-loaded';
import { AdminPage } from '../../components/admin-page';
import { AdminProblem } from '../../components/admin-problem';
import { FormProblems } from '../../components/form-problems';
import { TextField } from '../../components/text-field';
import { Link } from '../../routing/link';
import { navigate } from '../../routing/router';

type Field = 'name';

const FIELDS: FormFields<Field> = { name: { id: 'agency-name', label: 'Name' } };

const notFound: Problem = {
  title: 'No such agency',
  detail: 'Go back to the agencies to see those there are.',
  status: 404,
};

function RenameAgencyForm({ agency, onReload }: { agency: Agency; onReload: () => void }) {
  const [name, setName] = useState(agency.name);
  const form = useFormState<Field>();

  async function submit() {
    const trimmed = name.trim();
    if (trimmed === '') {
      form.setState({ kind: 'invalid', errors: { name: 'Enter a name for the agency' } });
      return;
    }
    form.setState({ kind: 'submitting' });
    const result = await renameAgency(agency.agencyId, trimmed, agency.version);
    if (!result.ok) {
      form.setState(refusalState(result.problem, FIELDS));
      return;
    }
    noticeForNextPage(adminPaths.agencies, `Saved the agency ${result.value.name}.`);
    navigate(adminPaths.agencies);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.submitting) void submit();
  }

  return (
    <>
      <FormProblems state={form.state} fields={FIELDS} alertRef={form.alertRef} onReload={onReload} />
      <form className="form" noValidate onSubmit={handleSubmit} aria-busy={form.submitting}>
        <TextField
          id={FIELDS.name.id}
          label="Name"
          hint="Past incidents and actions show the new name, so correct the name without changing what it means."
          value={name}
          onChange={setName}
          error={form.errors.name}
        />
        <button className="button" type="submit" aria-disabled={form.submitting ? true : undefined}>
          {form.submitting ? 'Saving…' : 'Save agency'}
        </button>
      </form>
    </>
  );
}

export function AgencyPage({ agencyId }: { agencyId: string }) {
  const load = useCallback(
    async (signal: AbortSignal): Promise<ApiResult<Agency>> => {
      const list = await listAgencies(signal);
      if (!list.ok) return list;
      const agency = list.value.find((candidate) => candidate.agencyId === agencyId);
      return agency ? { ok: true, value: agency } : { ok: false, problem: notFound };
    },
    [agencyId],
  );
  const { state, reload, answers } = useLoaded(load);
  const agency = state.phase === 'loaded' ? state.value : undefined;

  return (
    <AdminPage title={agency ? `Rename ${agency.name}` : 'Rename agency'}>
      <p>
        <Link href={adminPaths.agencies}>Back to agencies</Link>
      </p>
      {state.phase === 'loading' && <p className="loading">Loading…</p>}
      {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
      {agency && <RenameAgencyForm key={answers} agency={agency} onReload={reload} />}
    </AdminPage>
  );
}

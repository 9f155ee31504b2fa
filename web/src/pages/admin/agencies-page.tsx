/**
 * Admin > Agencies: the agencies staff choose from when recording who was involved, with a form to add
 * one, and per agency a link to rename it and a button to disable or enable it.
 */
import { useState, type FormEvent } from 'react';
import { createAgency, disableAgency, enableAgency, listAgencies } from '../../api/agencies';
import { noticeFor } from '../../admin/admin-notice';
import { adminPaths } from '../../admin/admin-routes';
import { refusalState, useFormState, type FormFields } from '../../admin/form-state';
import { useLoaded } from '../../admin/use-loaded';
import { useRowAction } from '../../categories/use-row-action';
import '../../categories/categories.css';
import { ActionNotice } from '../../components/action-notice';
import { AdminPage } from '../../components/admin-page';
import { AdminProblem } from '../../components/admin-problem';
import { FormProblems } from '../../components/form-problems';
import { TextField } from '../../components/text-field';
import { Link } from '../../routing/link';

type Field = 'name';

const FIELDS: FormFields<Field> = { name: { id: 'agency-name', label: 'Name' } };

function AddAgencyForm({ onAdded }: { onAdded: (name: string) => void }) {
  const [name, setName] = useState('');
  const form = useFormState<Field>();

  async function submit() {
    const trimmed = name.trim();
    if (trimmed === '') {
      form.setState({ kind: 'invalid', errors: { name: 'Enter a name for the agency' } });
      return;
    }
    form.setState({ kind: 'submitting' });
    const result = await createAgency(trimmed);
    if (!result.ok) {
      form.setState(refusalState(result.problem, FIELDS));
      return;
    }
    form.setState({ kind: 'editing' });
    setName('');
    onAdded(result.value.name);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.submitting) void submit();
  }

  return (
    <section className="admin-section" aria-labelledby="add-agency-heading">
      <h2 className="section-title" id="add-agency-heading">
        Add an agency
      </h2>
      <FormProblems state={form.state} fields={FIELDS} alertRef={form.alertRef} />
      <form className="form" noValidate onSubmit={handleSubmit} aria-busy={form.submitting}>
        <TextField
          id={FIELDS.name.id}
          label="Name"
          hint="For example, Housing team"
          value={name}
          onChange={setName}
          error={form.errors.name}
        />
        <button className="button" type="submit" aria-disabled={form.submitting ? true : undefined}>
          {form.submitting ? 'Saving…' : 'Save agency'}
        </button>
      </form>
    </section>
  );
}

export function AgenciesPage() {
  const { state, reload } = useLoaded(listAgencies);
  const action = useRowAction(reload);
  const [added, setAdded] = useState<string | undefined>();

  return (
    <AdminPage
      title="Agencies"
      lede="The agencies staff choose from when they record who was involved in an incident or action."
      notice={noticeFor(adminPaths.agencies)}
    >
      <div className="admin-sections">
        <section className="admin-section" aria-labelledby="agency-list-heading">
          <h2 className="section-title" id="agency-list-heading">
            Agencies
          </h2>
          {added && (
            <p className="notice notice--success" role="status">
              Added the agency {added}.
            </p>
          )}
          <ActionNotice outcome={action.outcome} />
          {state.phase === 'loading' && <p className="loading">Loading agencies…</p>}
          {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
          {state.phase === 'loaded' && state.value.length === 0 && <p>There are no agencies yet.</p>}
          {state.phase === 'loaded' && state.value.length > 0 && (
            <table className="table admin-table">
              <caption className="visually-hidden">Agencies</caption>
              <thead>
                <tr>
                  <th scope="col">Agency</th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {state.value.map(({ agencyId, name, disabled }) => (
                  <tr key={agencyId}>
                    <th scope="row" className="admin-table__name">
                      {name}
                    </th>
                    <td className="category-table__state">
                      {disabled ? <span className="tag tag--muted">Disabled</span> : 'Offered'}
                    </td>
                    <td className="admin-table__actions">
                      <Link href={adminPaths.agency(agencyId)}>
                        Rename<span className="visually-hidden"> {name}</span>
                      </Link>{' '}
                      <button
                        className="button button--small button--secondary"
                        type="button"
                        aria-disabled={action.busy ? true : undefined}
                        onClick={() =>
                          void (disabled
                            ? action.run(() => enableAgency(agencyId), `${name} is offered again.`)
                            : action.run(() => disableAgency(agencyId), `${name} is no longer offered.`))
                        }
                      >
                        {disabled ? 'Enable' : 'Disable'}
                        <span className="visually-hidden"> {name}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <AddAgencyForm
          onAdded={(name) => {
            setAdded(name);
            reload();
          }}
        />
      </div>
    </AdminPage>
  );
}

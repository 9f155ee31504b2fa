/**
 * Admin > MIS connection: the credentials the school's MIS connectors push extracts with. Creating or
 * rotating one shows its secret once; rotating and revoking each ask to be confirmed first, since the
 * connector using the old secret is refused from that moment.
 */
import { useState, type FormEvent } from 'react';
import {
  createConnectorCredential,
  listConnectorCredentials,
  revokeConnectorCredential,
  rotateConnectorCredential,
  type ConnectorCredential,
  type IssuedConnectorCredential,
} from '../../api/admin-mis-connectors';
import { ConnectorSecretPanel } from '../../admin/connector-secret-panel';
import { refusalState, useFormState, type FormFields } from '../../admin/form-state';
import { useLoaded } from '../../admin/use-loaded';
import { ActionNotice, type ActionOutcome } from '../../components/action-notice';
import { AdminPage } from '../../components/admin-page';
import { AdminProblem } from '../../components/admin-problem';
import { FormProblems } from '../../components/form-problems';
import { TextField } from '../../components/text-field';
import { formatUkDateTime } from '../../formatting/uk-date-time';

type Field = 'label';
const FIELDS: FormFields<Field> = { label: { id: 'connector-label', label: 'Name' } };

type Confirming = { credentialId: string; action: 'rotate' | 'revoke' };

function CreateCredentialForm({ onIssued }: { onIssued: (issued: IssuedConnectorCredential) => void }) {
  const [label, setLabel] = useState('');
  const form = useFormState<Field>();

  async function submit() {
    const trimmed = label.trim();
    if (trimmed === '') {
      form.setState({ kind: 'invalid', errors: { label: 'Enter a name for the connector' } });
      return;
    }
    form.setState({ kind: 'submitting' });
    const result = await createConnectorCredential(trimmed);
    if (!result.ok) {
      form.setState(refusalState(result.problem, FIELDS));
      return;
    }
    form.setState({ kind: 'editing' });
    setLabel('');
    onIssued(result.value);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.submitting) void submit();
  }

  return (
    <section className="admin-section" aria-labelledby="create-connector-heading">
      <h2 className="section-title" id="create-connector-heading">
        Create a credential
      </h2>
      <FormProblems state={form.state} fields={FIELDS} alertRef={form.alertRef} />
      <form className="form" noValidate onSubmit={handleSubmit} aria-busy={form.submitting}>
        <TextField
          id={FIELDS.label.id}
          label="Name"
          hint="What the connector is, so you can tell them apart, for example Wonde nightly"
          value={label}
          onChange={setLabel}
          error={form.errors.label}
        />
        <button className="button" type="submit" aria-disabled={form.submitting ? true : undefined}>
          {form.submitting ? 'Creating…' : 'Create credential'}
        </button>
      </form>
    </section>
  );
}

function RowActions({
  credential,
  confirming,
  busy,
  onAsk,
  onCancel,
  onConfirm,
}: {
  credential: ConnectorCredential;
  confirming: Confirming | undefined;
  busy: boolean;
  onAsk: (action: Confirming['action']) => void;
  onCancel: () => void;
  onConfirm: (action: Confirming['action']) => void;
}) {
  if (confirming?.credentialId === credential.credentialId) {
    const rotate = confirming.action === 'rotate';
    return (
      <div className="connector-confirm">
        <p className="connector-confirm__question">
          {rotate
            ? `Rotate ${credential.label}? Its current secret stops working at once.`
            : `Revoke ${credential.label}? Its connector will be refused from now on.`}
        </p>
        <button
          className={rotate ? 'button button--small' : 'button button--small button--warning'}
          type="button"
          onClick={() => onConfirm(confirming.action)}
          aria-disabled={busy ? true : undefined}
        >
          {rotate ? (busy ? 'Rotating…' : 'Yes, rotate') : busy ? 'Revoking…' : 'Yes, revoke'}
        </button>
        <button className="button button--small button--secondary" type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    );
  }
  return (
    <div className="connector-confirm">
      <button
        className="button button--small button--secondary"
        type="button"
        onClick={() => onAsk('rotate')}
        aria-label={`Rotate ${credential.label}`}
      >
        Rotate
      </button>
      <button
        className="button button--small button--warning"
        type="button"
        onClick={() => onAsk('revoke')}
        aria-label={`Revoke ${credential.label}`}
      >
        Revoke
      </button>
    </div>
  );
}

export function MisConnectionPage() {
  const { state, reload } = useLoaded(listConnectorCredentials);
  const [issued, setIssued] = useState<IssuedConnectorCredential | undefined>();
  const [outcome, setOutcome] = useState<ActionOutcome | undefined>();
  const [confirming, setConfirming] = useState<Confirming | undefined>();
  const [busy, setBusy] = useState(false);

  function showIssued(next: IssuedConnectorCredential) {
    setOutcome(undefined);
    setIssued(next);
    reload();
  }

  async function confirm(credential: ConnectorCredential, action: Confirming['action']) {
    if (busy) return;
    setBusy(true);
    if (action === 'rotate') {
      const result = await rotateConnectorCredential(credential.credentialId);
      if (result.ok) showIssued(result.value);
      else setOutcome({ kind: 'failed', problem: result.problem });
    } else {
      const result = await revokeConnectorCredential(credential.credentialId);
      setIssued(undefined);
      setOutcome(
        result.ok
          ? { kind: 'done', text: `${credential.label} has been revoked: its connector can no longer push.` }
          : { kind: 'failed', problem: result.problem },
      );
      reload();
    }
    setBusy(false);
    setConfirming(undefined);
  }

  return (
    <AdminPage
      title="MIS connection"
      lede="Your MIS connector (for example Wonde, or a script on a school computer) sends Lantern your pupils, staff, classes and attendance each night. Give each connector its own credential."
    >
      {issued && <ConnectorSecretPanel issued={issued} onDone={() => setIssued(undefined)} />}
      <ActionNotice outcome={outcome} />
      {state.phase === 'loading' && <p className="loading">Loading connector credentials…</p>}
      {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
      {state.phase === 'loaded' && state.value.length === 0 && <p>There are no connector credentials yet.</p>}
      {state.phase === 'loaded' && state.value.length > 0 && (
        <table className="table admin-table">
          <caption className="visually-hidden">Connector credentials</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {state.value.map((credential) => (
              <tr key={credential.credentialId}>
                <th scope="row" className="admin-table__name">
                  {credential.label}
                </th>
                <td>
                  {formatUkDateTime(credential.createdAt)} by {credential.createdByName}
                  {credential.rotatedAt && <> (rotated {formatUkDateTime(credential.rotatedAt)})</>}
                </td>
                <td>{credential.lastUsedAt ? formatUkDateTime(credential.lastUsedAt) : 'Never'}</td>
                <td className="admin-table__actions">
                  <RowActions
                    credential={credential}
                    confirming={confirming}
                    busy={busy}
                    onAsk={(action) => setConfirming({ credentialId: credential.credentialId, action })}
                    onCancel={() => setConfirming(undefined)}
                    onConfirm={(action) => void confirm(credential, action)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CreateCredentialForm onIssued={showIssued} />
    </AdminPage>
  );
}

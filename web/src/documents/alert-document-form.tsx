/**
 * Alert staff to a vault document: people and alert groups from the staff directory. They get a
 * dashboard alert and an email that names who added a document, and nothing about the pupil or file.
 */
import { useCallback, useState, type FormEvent } from 'react';
import { alertDocument, getAlertChoices, type VaultDocument } from '../api/documents';
import type { Problem } from '../api/problem';
import { useLoaded } from '../admin/use-loaded';
import { AdminProblem } from '../components/admin-problem';
import { FilterableCheckboxList } from '../components/filterable-checkbox-list';
import { ProblemAlert } from '../components/problem-alert';

interface AlertDocumentFormProps {
  pupilId: string;
  document: VaultDocument;
  onDone: (changed: boolean) => void;
}

export function AlertDocumentForm({ pupilId, document, onDone }: AlertDocumentFormProps) {
  const load = useCallback((signal: AbortSignal) => getAlertChoices(signal), []);
  const { state, reload } = useLoaded(load);
  const [people, setPeople] = useState<Set<string>>(new Set());
  const [groups, setGroups] = useState<Set<string>>(new Set());
  const [problem, setProblem] = useState<Problem | undefined>();
  const [sent, setSent] = useState<number | undefined>();

  if (state.phase === 'loading') return <p>Loading staff…</p>;
  if (state.phase === 'failed') return <AdminProblem problem={state.problem} onReload={reload} />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (people.size === 0 && groups.size === 0) {
      setProblem({ title: 'Choose at least one person or alert group' });
      return;
    }
    const result = await alertDocument(pupilId, document.documentId, {
      personIds: [...people],
      alertGroupIds: [...groups],
    });
    if (result.ok) return setSent(result.value.alerted);
    setProblem(result.problem);
  }

  if (sent !== undefined) {
    return (
      <div className="notice notice--success panel" role="status">
        <p>
          {sent === 1 ? '1 person was' : `${sent} people were`} alerted to {document.fileName}.
        </p>
        <button type="button" className="button button--secondary" onClick={() => onDone(false)}>
          Close
        </button>
      </div>
    );
  }

  return (
    <form className="form panel" noValidate onSubmit={(event) => void submit(event)}>
      <h3 className="section-title">Alert users to {document.fileName}</h3>
      {problem && <ProblemAlert problem={problem} />}
      <FilterableCheckboxList
        legend="People"
        options={state.value.members.map((member) => ({ value: member.personId, label: member.displayName }))}
        selected={people}
        onChange={setPeople}
        filterLabel="Filter people by name"
        emptyText="There is nobody to alert."
      />
      <FilterableCheckboxList
        legend="Alert groups"
        options={state.value.alertGroups.map((group) => ({ value: group.alertGroupId, label: group.name }))}
        selected={groups}
        onChange={setGroups}
        filterLabel="Filter alert groups by name"
        emptyText="The school has no alert groups."
      />
      <div className="vault-actions">
        <button type="submit" className="button">
          Send alert
        </button>
        <button type="button" className="button button--secondary" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

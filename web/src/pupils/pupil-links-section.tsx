/**
 * Linked pupils on the pupil page (seed 8): siblings from the MIS and links added by hand (cousins, the
 * same household), each shown on both records. People who may manage pupils link another pupil, found
 * with the pupil picker, and remove a link they added; sibling links change only in the MIS.
 */
import { useState, type FormEvent } from 'react';
import { addPupilLink, deletePupilLink, type PupilLink, type PupilView } from '../api/pupils';
import type { PupilRef } from '../api/incidents';
import { refusalState, useFormState, type FieldErrors, type FormFields } from '../admin/form-state';
import { ActionNotice, type ActionOutcome } from '../components/action-notice';
import { FormProblems } from '../components/form-problems';
import { TextField } from '../components/text-field';
import { PupilPicker } from '../incidents/pupil-picker';
import { Link } from '../routing/link';
import { pupilPaths } from './pupil-paths';
import { PupilName } from './pupil-name';

type Field = 'otherPupilId' | 'note';

const FIELDS: FormFields<Field> = {
  otherPupilId: { id: 'link-pupil', label: 'Pupil to link' },
  note: { id: 'link-note', label: 'What connects them' },
};

interface LinkFormProps {
  pupil: PupilView;
  onLinked: (link: PupilLink) => void;
  onCancel: () => void;
}

function LinkForm({ pupil, onLinked, onCancel }: LinkFormProps) {
  const [other, setOther] = useState<PupilRef | undefined>();
  const [note, setNote] = useState('');
  const form = useFormState<Field>();

  async function submit() {
    const errors: FieldErrors<Field> = {};
    if (!other) errors.otherPupilId = 'Choose the pupil to link';
    if (!note.trim()) errors.note = 'Say what connects them, for example Cousins';
    if (!other || Object.keys(errors).length > 0) {
      form.setState({ kind: 'invalid', errors });
      return;
    }
    form.setState({ kind: 'submitting' });
    const result = await addPupilLink(pupil.pupilId, other.pupilId, note.trim());
    if (!result.ok) {
      form.setState(refusalState(result.problem, FIELDS));
      return;
    }
    form.setState({ kind: 'editing' });
    onLinked(result.value);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.submitting) void submit();
  }

  return (
    <section className="admin-section" aria-labelledby="link-pupil-heading">
      <h3 className="subsection-title" id="link-pupil-heading">
        Link another pupil
      </h3>
      <FormProblems state={form.state} fields={FIELDS} alertRef={form.alertRef} />
      <form className="form" noValidate onSubmit={handleSubmit} aria-busy={form.submitting}>
        <PupilPicker
          id={FIELDS.otherPupilId.id}
          label="Pupil to link"
          chosen={other}
          onChoose={setOther}
          error={form.errors.otherPupilId}
          exclude={[pupil.pupilId, ...pupil.links.map((link) => link.otherPupilId)]}
        />
        <TextField
          id={FIELDS.note.id}
          label="What connects them"
          hint="For example Cousins, or Same household. Shown on both pupils’ records."
          value={note}
          onChange={setNote}
          error={form.errors.note}
        />
        <div className="button-group">
          <button className="button" type="submit" aria-disabled={form.submitting ? true : undefined}>
            {form.submitting ? 'Linking…' : 'Link pupils'}
          </button>
          <button className="button button--secondary" type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}

interface PupilLinksSectionProps {
  pupil: PupilView;
  mayManage: boolean;
  onChanged: (() => void) | undefined;
}

export function PupilLinksSection({ pupil, mayManage, onChanged }: PupilLinksSectionProps) {
  const [adding, setAdding] = useState(false);
  const [outcome, setOutcome] = useState<ActionOutcome | undefined>();

  async function remove(link: PupilLink) {
    const result = await deletePupilLink(pupil.pupilId, link.otherPupilId);
    setOutcome(
      result.ok ? { kind: 'done', text: 'Removed the link.' } : { kind: 'failed', problem: result.problem },
    );
    if (result.ok) onChanged?.();
  }

  return (
    <section className="pupil-links-section" aria-labelledby="pupil-links-heading">
      <div className="pupil-search__heading">
        <h2 className="section-title" id="pupil-links-heading">
          Linked pupils
        </h2>
        {mayManage && !adding && !pupil.archived && (
          <button className="button button--secondary" type="button" onClick={() => setAdding(true)}>
            Link a pupil
          </button>
        )}
      </div>
      <ActionNotice outcome={outcome} {...(onChanged ? { onReload: onChanged } : {})} />
      {adding && (
        <LinkForm
          pupil={pupil}
          onCancel={() => setAdding(false)}
          onLinked={() => {
            setAdding(false);
            setOutcome({ kind: 'done', text: 'Linked the pupils.' });
            onChanged?.();
          }}
        />
      )}
      {pupil.links.length === 0 ? (
        <p>No linked pupils.</p>
      ) : (
        <ul className="pupil-links">
          {pupil.links.map((link) => (
            <li key={link.otherPupilId}>
              {link.kind === 'sibling' ? 'Sibling' : (link.note ?? 'Linked')}:{' '}
              <Link href={pupilPaths.pupil(link.otherPupilId)}>
                <PupilName name={link.other.displayName} />
              </Link>
              {link.other.tutorGroup && ` (${link.other.tutorGroup})`}
              {mayManage && link.source === 'manual' && (
                <>
                  {' '}
                  <button className="link-button" type="button" onClick={() => void remove(link)}>
                    Remove link
                    <span className="visually-hidden">
                      {' '}
                      to <PupilName name={link.other.displayName} />
                    </span>
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

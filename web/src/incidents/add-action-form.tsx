/**
 * Add action (REC-4): what was done, extra categories (added to the incident), agencies, when, files,
 * who to alert (or "the same people as the incident"), copying it to linked pupils, and a referral
 * decision. The form keeps one action id until the action is stored, so a repeat cannot double it.
 */
import { useCallback, useRef, useState, type FormEvent } from 'react';
import { addAction, type AlertChoice, type IncidentAction, type IncidentCopy } from '../api/incidents';
import { refusalState, useFormState, type FieldErrors, type FormFields } from '../admin/form-state';
import { Checkbox } from '../components/checkbox';
import { FormProblems } from '../components/form-problems';
import { TextareaField } from '../components/textarea-field';
import { FileUploadField } from '../documents/file-upload-field';
import { AgenciesField } from './agencies-field';
import { AlertRecipientsField } from './alert-recipients-field';
import { CategoryChoice } from './category-choice';
import { instantOf, localDateAndTime } from './date-time-fields';
import { NO_REFERRAL, ReferralField, referralDecision, referralProblem } from './referral-field';
import type { IncidentReference } from './use-incident-reference';

type Field = 'text' | 'categoryIds' | 'agencyIds' | 'occurredAt' | 'documentIds' | 'alerts' | 'referral';

const CLOCK_SKEW_MS = 2 * 60_000;

interface AddActionFormProps {
  incident: IncidentCopy;
  reference: IncidentReference;
  onAdded: (action: IncidentAction) => void;
  onCancel: () => void;
}

export function AddActionForm({ incident, reference, onAdded, onCancel }: AddActionFormProps) {
  const prefix = `action-${incident.incidentId}`;
  const fields: FormFields<Field> = {
    text: { id: `${prefix}-text`, label: 'Action taken' },
    categoryIds: { id: `${prefix}-categories`, label: 'Add categories' },
    agencyIds: { id: `${prefix}-agencies`, label: 'Agencies involved' },
    occurredAt: { id: `${prefix}-date`, label: 'Date and time' },
    documentIds: { id: `${prefix}-files`, label: 'Files' },
    alerts: { id: `${prefix}-alerts`, label: 'Alert staff' },
    referral: { id: `${prefix}-referral`, label: 'Referral decision' },
  };
  const now = localDateAndTime(new Date());
  const [text, setText] = useState('');
  const [categoryIds, setCategoryIds] = useState<Set<string>>(new Set());
  const [agencyIds, setAgencyIds] = useState<string[]>([]);
  const [date, setDate] = useState(now.date);
  const [time, setTime] = useState(now.time);
  const [alerts, setAlerts] = useState<AlertChoice>({ personIds: [], alertGroupIds: [] });
  const [sameAsIncident, setSameAsIncident] = useState(false);
  const [copyToLinked, setCopyToLinked] = useState(false);
  const [referral, setReferral] = useState(NO_REFERRAL);
  const [documentIds, setDocumentIds] = useState<string[]>([]);
  const [filesSettled, setFilesSettled] = useState(true);
  const actionId = useRef(crypto.randomUUID());
  const form = useFormState<Field>();
  const onFiles = useCallback((ids: string[]) => setDocumentIds(ids), []);

  async function submit() {
    const errors: FieldErrors<Field> = {};
    if (text.trim() === '') errors.text = 'Say what action was taken';
    const when = instantOf(date, time);
    if (!when) errors.occurredAt = 'Enter the date and time of the action';
    else if (when.getTime() > Date.now() + CLOCK_SKEW_MS)
      errors.occurredAt = 'The date and time must not be in the future';
    if (!filesSettled) errors.documentIds = 'Wait until every file has been checked';
    const referralError = referralProblem(referral);
    if (referralError) errors.referral = referralError;
    if (Object.keys(errors).length > 0 || !when) {
      form.setState({ kind: 'invalid', errors });
      return;
    }
    form.setState({ kind: 'submitting' });
    const decision = referralDecision(referral);
    const result = await addAction(incident.incidentId, {
      actionId: actionId.current,
      pupilId: incident.pupilId,
      text,
      categoryIds: [...categoryIds],
      agencyIds,
      occurredAt: when.toISOString(),
      alerts,
      alertIncidentRecipients: sameAsIncident,
      copyToLinkedPupils: copyToLinked,
      documentIds,
      ...(decision ? { referral: decision } : {}),
    });
    if (!result.ok) {
      form.setState(refusalState(result.problem, fields));
      return;
    }
    form.setState({ kind: 'editing' });
    onAdded(result.value);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.submitting) void submit();
  }

  return (
    <section className="add-action" aria-labelledby={`${prefix}-heading`}>
      <h3 className="add-action__title" id={`${prefix}-heading`} tabIndex={-1} data-autofocus>
        Add action to incident {incident.number}
      </h3>
      <FormProblems state={form.state} fields={fields} alertRef={form.alertRef} />
      <form className="form" noValidate onSubmit={handleSubmit} aria-busy={form.submitting}>
        <TextareaField
          id={fields.text.id}
          label="Action taken"
          hint="A referral made, a call, a meeting arranged, or what a colleague should follow up."
          rows={5}
          value={text}
          onChange={setText}
          error={form.errors.text}
        />
        <CategoryChoice
          id={fields.categoryIds.id}
          legend="Add categories (optional)"
          hint="They are added to the incident, for example if it needs to be raised to child protection."
          tree={reference.tree}
          selected={categoryIds}
          onChange={setCategoryIds}
          error={form.errors.categoryIds}
        />
        {incident.otherPupils.length > 0 && (
          <Checkbox
            id={`${prefix}-copy`}
            label="Add the action to linked pupils too"
            checked={copyToLinked}
            onChange={setCopyToLinked}
          />
        )}
        <AgenciesField
          id={fields.agencyIds.id}
          legend="Agencies involved (optional)"
          agencies={reference.agencies}
          selected={agencyIds}
          onChange={setAgencyIds}
          error={form.errors.agencyIds}
        />
        <fieldset className={form.errors.occurredAt ? 'fieldset field--error' : 'fieldset'}>
          <legend className="fieldset__legend">When</legend>
          {form.errors.occurredAt && (
            <p className="field__error">
              <span className="visually-hidden">Error: </span>
              {form.errors.occurredAt}
            </p>
          )}
          <div className="incident-form__when">
            <div className="field">
              <label className="field__label" htmlFor={fields.occurredAt.id}>
                Date
              </label>
              <input
                id={fields.occurredAt.id}
                className="field__input"
                type="date"
                max={now.date}
                value={date}
                onChange={(event) => setDate(event.target.value)}
              />
            </div>
            <div className="field">
              <label className="field__label" htmlFor={`${fields.occurredAt.id}-time`}>
                Time
              </label>
              <input
                id={`${fields.occurredAt.id}-time`}
                className="field__input"
                type="time"
                value={time}
                onChange={(event) => setTime(event.target.value)}
              />
            </div>
          </div>
        </fieldset>
        <FileUploadField
          id={fields.documentIds.id}
          pupilId={incident.pupilId}
          label="Files (optional)"
          onChange={onFiles}
          onSettled={setFilesSettled}
        />
        {form.errors.documentIds && (
          <p className="field__error">
            <span className="visually-hidden">Error: </span>
            {form.errors.documentIds}
          </p>
        )}
        <AlertRecipientsField
          id={fields.alerts.id}
          staff={reference.staff}
          value={alerts}
          onChange={setAlerts}
          error={form.errors.alerts}
        />
        <Checkbox
          id={`${prefix}-same-alerts`}
          label="Also alert everyone alerted to the incident"
          checked={sameAsIncident}
          onChange={setSameAsIncident}
        />
        <ReferralField
          id={fields.referral.id}
          agencies={reference.agencies}
          value={referral}
          onChange={setReferral}
          error={form.errors.referral}
        />
        <div className="add-action__buttons">
          <button className="button" type="submit" aria-disabled={form.submitting ? true : undefined}>
            {form.submitting ? 'Adding…' : 'Add action'}
          </button>
          <button className="button button--secondary" type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}

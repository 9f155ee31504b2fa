/**
 * Add incident (REC-3), for everyone who may record, with or without a key, on a phone as well as a
 * laptop: the pupil, what happened, categories (sub-categories under a chosen parent), linked pupils
 * with their own roles and categories, a body map, when it happened (now unless changed, never in the
 * future), status, who deals with it, who to alert, agencies, the referral decision and files.
 * Problems are listed in an error summary naming each field. The form keeps one incident id until the
 * incident is stored, so sending again after a lost answer cannot record it twice.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import './incidents.css';
import {
  addIncident,
  type AlertChoice,
  type BodyMapMarker,
  type IncidentReceipt,
  type PupilRef,
} from '../api/incidents';
import { getPupil } from '../api/pupils';
import type { SessionView } from '../api/session-view';
import { refusalState, useFormState, type FieldErrors, type FormFields } from '../admin/form-state';
import { useMyAccess } from '../admin/my-access-store';
import { AdminProblem } from '../components/admin-problem';
import { Checkbox } from '../components/checkbox';
import { FormProblems } from '../components/form-problems';
import { SelectField } from '../components/select-field';
import { TextareaField } from '../components/textarea-field';
import { FileUploadField } from '../documents/file-upload-field';
import { PupilName } from '../pupils/pupil-name';
import { Link } from '../routing/link';
import { navigate } from '../routing/router';
import { useDocumentTitle } from '../routing/use-document-title';
import { AgenciesField } from './agencies-field';
import { AlertRecipientsField } from './alert-recipients-field';
import { BodyMapField } from './body-map-field';
import { CategoryChoice } from './category-choice';
import { instantOf, localDateAndTime } from './date-time-fields';
import { incidentPaths } from './incident-paths';
import { LinkedPupilsField, type LinkedPupil } from './linked-pupils-field';
import { PupilPicker } from './pupil-picker';
import {
  NO_REFERRAL,
  ReferralField,
  referralDecision,
  referralProblem,
  type ReferralState,
} from './referral-field';
import { useIncidentReference, type IncidentReference } from './use-incident-reference';

type Field =
  | 'pupilId'
  | 'text'
  | 'categoryIds'
  | 'linkedPupils'
  | 'bodyMap'
  | 'occurredAt'
  | 'status'
  | 'assignedTo'
  | 'documentIds'
  | 'alerts'
  | 'agencyIds'
  | 'referral';

const FIELDS: FormFields<Field> = {
  pupilId: { id: 'incident-pupil', label: 'Pupil' },
  text: { id: 'incident-text', label: 'What happened' },
  categoryIds: { id: 'incident-categories', label: 'Categories' },
  linkedPupils: { id: 'incident-linked', label: 'Linked pupils' },
  bodyMap: { id: 'incident-body-map', label: 'Body map' },
  occurredAt: { id: 'incident-date', label: 'Date and time' },
  status: { id: 'incident-status', label: 'Status' },
  assignedTo: { id: 'incident-assign', label: 'Assign to' },
  documentIds: { id: 'incident-files', label: 'Files' },
  alerts: { id: 'incident-alerts', label: 'Alert staff' },
  agencyIds: { id: 'incident-agencies', label: 'Agencies involved' },
  referral: { id: 'incident-referral', label: 'Referral decision' },
};

/** The server allows this much clock difference before calling a time "in the future". */
const CLOCK_SKEW_MS = 2 * 60_000;

interface Draft {
  pupil: PupilRef | undefined;
  text: string;
  categoryIds: Set<string>;
  linked: LinkedPupil[];
  markers: BodyMapMarker[];
  date: string;
  time: string;
  status: 'active' | 'closed';
  assignedTo: string;
  documentIds: string[];
  filesSettled: boolean;
  shareFiles: boolean;
  alerts: AlertChoice;
  agencyIds: string[];
  referral: ReferralState;
}

function validate(
  draft: Draft,
  requireAlert: boolean,
): { errors: FieldErrors<Field>; linked: Record<number, string> } {
  const errors: FieldErrors<Field> = {};
  const linked: Record<number, string> = {};
  if (!draft.pupil) errors.pupilId = 'Choose the pupil the incident is about';
  if (draft.text.trim() === '') errors.text = 'Say what happened';
  if (draft.categoryIds.size === 0) errors.categoryIds = 'Choose at least one category';
  draft.linked.forEach((entry, index) => {
    if (entry.categoryIds.size === 0)
      linked[index] = `Choose at least one category for ${entry.pupil.displayName}`;
  });
  const firstLinked = Object.values(linked)[0];
  if (firstLinked) errors.linkedPupils = firstLinked;
  const when = instantOf(draft.date, draft.time);
  if (!when) errors.occurredAt = 'Enter the date and time it happened';
  else if (when.getTime() > Date.now() + CLOCK_SKEW_MS)
    errors.occurredAt = 'The date and time must not be in the future';
  if (!draft.filesSettled) errors.documentIds = 'Wait until every file has been checked';
  if (requireAlert && draft.alerts.personIds.length === 0 && draft.alerts.alertGroupIds.length === 0) {
    errors.alerts = 'Alert at least one person or alert group';
  }
  const referral = referralProblem(draft.referral);
  if (referral) errors.referral = referral;
  return { errors, linked };
}

function RecordedNotice({
  receipt,
  pupil,
  onAnother,
}: {
  receipt: IncidentReceipt;
  pupil: PupilRef;
  onAnother: () => void;
}) {
  return (
    <div className="panel">
      <div className="notice notice--success" role="status">
        <h1 className="page-title" tabIndex={-1} data-autofocus>
          Incident {receipt.number} recorded
        </h1>
        <p>
          Your incident about <PupilName name={pupil.displayName} /> is stored, and the staff you alerted have
          been told. It is listed under My history on your dashboard for 7 days.
        </p>
      </div>
      <p>
        <Link href="/">Go to your dashboard</Link>
      </p>
      <button type="button" className="button button--secondary" onClick={onAnother}>
        Add another incident
      </button>
    </div>
  );
}

interface IncidentFormProps {
  reference: IncidentReference;
  initialPupil: PupilRef | undefined;
  /** This session may read the pupil's chronology: go there afterwards, with the incident picked out. */
  goesToChronology: boolean;
  onRecorded: (receipt: IncidentReceipt, pupil: PupilRef) => void;
}

function IncidentForm({ reference, initialPupil, goesToChronology, onRecorded }: IncidentFormProps) {
  const now = localDateAndTime(new Date());
  const [draft, setDraft] = useState<Draft>({
    pupil: initialPupil,
    text: '',
    categoryIds: new Set(),
    linked: [],
    markers: [],
    date: now.date,
    time: now.time,
    status: 'active',
    assignedTo: '',
    documentIds: [],
    filesSettled: true,
    shareFiles: true,
    alerts: { personIds: [], alertGroupIds: [] },
    agencyIds: [],
    referral: NO_REFERRAL,
  });
  const [linkedErrors, setLinkedErrors] = useState<Record<number, string>>({});
  const incidentId = useRef(crypto.randomUUID());
  const form = useFormState<Field>();
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((current) => ({ ...current, [key]: value }));
  const onFiles = useCallback(
    (documentIds: string[]) => setDraft((current) => ({ ...current, documentIds })),
    [],
  );
  const onFilesSettled = useCallback(
    (filesSettled: boolean) => setDraft((current) => ({ ...current, filesSettled })),
    [],
  );
  const keyHolders = reference.staff.members.filter((member) => member.hasKey);
  const requireAlert = reference.staff.requireAlert;

  async function submit() {
    const { errors, linked } = validate(draft, requireAlert);
    setLinkedErrors(linked);
    const pupil = draft.pupil;
    const when = instantOf(draft.date, draft.time);
    if (Object.keys(errors).length > 0 || !pupil || !when) {
      form.setState({ kind: 'invalid', errors });
      return;
    }
    form.setState({ kind: 'submitting' });
    const referral = referralDecision(draft.referral);
    const result = await addIncident({
      incidentId: incidentId.current,
      pupilId: pupil.pupilId,
      text: draft.text,
      categoryIds: [...draft.categoryIds],
      linkedPupils: draft.linked.map((entry) => ({
        pupilId: entry.pupil.pupilId,
        role: entry.role,
        categoryIds: [...entry.categoryIds],
        monitor: entry.monitor,
      })),
      occurredAt: when.toISOString(),
      status: draft.status,
      ...(draft.assignedTo ? { assignedTo: draft.assignedTo } : {}),
      agencyIds: draft.agencyIds,
      bodyMap: draft.markers.map((marker) => ({ ...marker, note: marker.note.trim() })),
      ...(referral ? { referral } : {}),
      alerts: draft.alerts,
      documentIds: draft.documentIds,
      shareDocumentsWithLinked: draft.shareFiles && draft.documentIds.length > 0 && draft.linked.length > 0,
    });
    if (!result.ok) {
      form.setState(refusalState(result.problem, FIELDS));
      return;
    }
    form.setState({ kind: 'editing' });
    if (goesToChronology) navigate(incidentPaths.chronology(pupil.pupilId, result.value.incidentId));
    else onRecorded(result.value, pupil);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.submitting) void submit();
  }

  return (
    <>
      <FormProblems state={form.state} fields={FIELDS} alertRef={form.alertRef} />
      <form className="form incident-form" noValidate onSubmit={handleSubmit} aria-busy={form.submitting}>
        <PupilPicker
          id={FIELDS.pupilId.id}
          label="Pupil"
          chosen={draft.pupil}
          onChoose={set('pupil')}
          exclude={draft.linked.map((entry) => entry.pupil.pupilId)}
          error={form.errors.pupilId}
        />
        <TextareaField
          id={FIELDS.text.id}
          label="What happened"
          hint="Be accurate and specific. Spell other pupils' names as the school's records do, or use initials."
          rows={8}
          value={draft.text}
          onChange={set('text')}
          error={form.errors.text}
        />
        <CategoryChoice
          id={FIELDS.categoryIds.id}
          legend="Categories"
          hint="Choose at least one. Choosing a category shows its sub-categories."
          tree={reference.tree}
          selected={draft.categoryIds}
          onChange={set('categoryIds')}
          error={form.errors.categoryIds}
        />
        <LinkedPupilsField
          id={FIELDS.linkedPupils.id}
          tree={reference.tree}
          linked={draft.linked}
          onChange={set('linked')}
          subjectId={draft.pupil?.pupilId}
          errors={
            form.errors.linkedPupils && Object.keys(linkedErrors).length === 0
              ? { 0: form.errors.linkedPupils }
              : linkedErrors
          }
        />
        <BodyMapField id={FIELDS.bodyMap.id} markers={draft.markers} onChange={set('markers')} />
        <fieldset className={form.errors.occurredAt ? 'fieldset field--error' : 'fieldset'}>
          <legend className="fieldset__legend">When it happened</legend>
          {form.errors.occurredAt && (
            <p className="field__error">
              <span className="visually-hidden">Error: </span>
              {form.errors.occurredAt}
            </p>
          )}
          <div className="incident-form__when">
            <div className="field">
              <label className="field__label" htmlFor={FIELDS.occurredAt.id}>
                Date
              </label>
              <input
                id={FIELDS.occurredAt.id}
                className="field__input"
                type="date"
                max={now.date}
                value={draft.date}
                onChange={(event) => set('date')(event.target.value)}
              />
            </div>
            <div className="field">
              <label className="field__label" htmlFor={`${FIELDS.occurredAt.id}-time`}>
                Time
              </label>
              <input
                id={`${FIELDS.occurredAt.id}-time`}
                className="field__input"
                type="time"
                value={draft.time}
                onChange={(event) => set('time')(event.target.value)}
              />
            </div>
          </div>
        </fieldset>
        <SelectField
          id={FIELDS.status.id}
          label="Status"
          options={[
            { value: 'active', label: 'Active' },
            { value: 'closed', label: 'Closed' },
          ]}
          value={draft.status}
          onChange={(value) => set('status')(value === 'closed' ? 'closed' : 'active')}
          error={form.errors.status}
        />
        <SelectField
          id={FIELDS.assignedTo.id}
          label="Assign to (optional)"
          hint="A key holder who will deal with it. They are emailed, and it stays on their dashboard until closed."
          placeholder="Nobody"
          options={keyHolders.map((member) => ({ value: member.personId, label: member.displayName }))}
          value={draft.assignedTo}
          onChange={set('assignedTo')}
          error={form.errors.assignedTo}
        />
        {draft.pupil ? (
          <FileUploadField
            id={FIELDS.documentIds.id}
            pupilId={draft.pupil.pupilId}
            label="Files (optional)"
            hint="Attached files are protected like the incident."
            onChange={onFiles}
            onSettled={onFilesSettled}
          />
        ) : (
          <p className="field__hint" id={FIELDS.documentIds.id}>
            Choose the pupil to attach files.
          </p>
        )}
        {form.errors.documentIds && (
          <p className="field__error">
            <span className="visually-hidden">Error: </span>
            {form.errors.documentIds}
          </p>
        )}
        {draft.documentIds.length > 0 && draft.linked.length > 0 && (
          <Checkbox
            id={`${FIELDS.documentIds.id}-share`}
            label="Share the files with the linked pupils’ records"
            checked={draft.shareFiles}
            onChange={set('shareFiles')}
          />
        )}
        <AlertRecipientsField
          id={FIELDS.alerts.id}
          staff={reference.staff}
          value={draft.alerts}
          onChange={set('alerts')}
          error={form.errors.alerts}
          required={requireAlert}
        />
        <AgenciesField
          id={FIELDS.agencyIds.id}
          legend="Agencies involved (optional)"
          agencies={reference.agencies}
          selected={draft.agencyIds}
          onChange={set('agencyIds')}
          error={form.errors.agencyIds}
        />
        <ReferralField
          id={FIELDS.referral.id}
          agencies={reference.agencies}
          value={draft.referral}
          onChange={set('referral')}
          error={form.errors.referral}
        />
        <button className="button" type="submit" aria-disabled={form.submitting ? true : undefined}>
          {form.submitting ? 'Adding…' : 'Add incident'}
        </button>
      </form>
    </>
  );
}

/** The pupil named in ?pupilId=, when this session may read them (a key holder coming from their page). */
function useInitialPupil(pupilId: string | undefined): { ready: boolean; pupil: PupilRef | undefined } {
  const [state, setState] = useState<{ ready: boolean; pupil: PupilRef | undefined }>({
    ready: pupilId === undefined,
    pupil: undefined,
  });
  useEffect(() => {
    if (pupilId === undefined) return;
    const controller = new AbortController();
    getPupil(pupilId, controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        setState({
          ready: true,
          pupil: result.ok ? { pupilId, displayName: result.value.displayName } : undefined,
        });
      },
      () => setState({ ready: true, pupil: undefined }),
    );
    return () => controller.abort();
  }, [pupilId]);
  return state;
}

export function AddIncidentPage({ view, pupilId }: { view: SessionView; pupilId: string | undefined }) {
  useDocumentTitle('Add incident');
  const reference = useIncidentReference();
  const access = useMyAccess(view);
  const initial = useInitialPupil(pupilId);
  const [recorded, setRecorded] = useState<{ receipt: IncidentReceipt; pupil: PupilRef } | undefined>();

  if (recorded) {
    return (
      <RecordedNotice
        receipt={recorded.receipt}
        pupil={recorded.pupil}
        onAnother={() => setRecorded(undefined)}
      />
    );
  }
  const goesToChronology =
    access.phase === 'loaded' && access.access.permissions.includes('students.details');
  return (
    <div className="panel incident-page">
      <h1 className="page-title" tabIndex={-1}>
        Add incident
      </h1>
      {(reference.phase === 'loading' || !initial.ready) && <p className="loading">Loading the form…</p>}
      {reference.phase === 'failed' && <AdminProblem problem={reference.problem} />}
      {reference.phase === 'loaded' && initial.ready && (
        <IncidentForm
          reference={reference.value}
          initialPupil={initial.pupil}
          goesToChronology={goesToChronology}
          onRecorded={(receipt, pupil) => setRecorded({ receipt, pupil })}
        />
      )}
    </div>
  );
}

/**
 * Changing the details of a pupil added by hand (REC-1), with the add-pupil form started from the
 * record. Only what changed is sent, with the version read, so a change made meanwhile by someone else
 * is refused (409) rather than overwritten. A pupil from the MIS has no form: the MIS owns those
 * details and the nightly import would undo a change, so the page says where to change them.
 */
import { useCallback } from 'react';
import { getPupil, updatePupil, type PupilChanges, type PupilView } from '../api/pupils';
import type { Problem } from '../api/problem';
import { useLoaded } from '../admin/use-loaded';
import { AdminProblem } from '../components/admin-problem';
import { Link } from '../routing/link';
import { navigate } from '../routing/router';
import { useDocumentTitle } from '../routing/use-document-title';
import { NotFoundPage } from '../pages/not-found-page';
import { partsOf } from './date-input';
import {
  OPTIONAL_TEXT_FIELDS,
  PupilDetailsForm,
  type CheckedPupil,
  type PupilFormValues,
} from './pupil-details-form';
import { pupilPaths } from './pupil-paths';
import { PupilName } from './pupil-name';
import './pupils.css';

/** Said when the record is an MIS pupil's, here and (in other words) by the API's 409. */
export const MIS_OWNS_DETAILS =
  'This pupil’s details come from the school’s MIS, which updates them every night, so they can only be changed in the MIS.';

const NOTHING_CHANGED: Problem = {
  title: 'Nothing has changed',
  detail: 'Change at least one detail, or go back to the pupil’s record.',
};

function formValuesOf(pupil: PupilView): PupilFormValues {
  const { details } = pupil;
  const text = {
    legalForename: details.legalForename,
    legalSurname: details.legalSurname,
    preferredForename: details.preferredForename ?? '',
    preferredSurname: details.preferredSurname ?? '',
    middleNames: details.middleNames ?? '',
    yearGroup: details.yearGroup ?? '',
    upn: details.upn ?? '',
    uln: details.uln ?? '',
  };
  return {
    text,
    dateOfBirth: partsOf(details.dateOfBirth),
    gender: details.gender,
    classIds: new Set(pupil.classIds),
  };
}

function sameMembers(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((item) => right.includes(item));
}

/** Only what differs from the record: a field emptied is sent as null, which clears it. */
export function changesOf(pupil: PupilView, checked: CheckedPupil): PupilChanges {
  const { details } = pupil;
  const changes: PupilChanges = { version: pupil.version };
  for (const field of ['legalForename', 'legalSurname', 'dateOfBirth', 'gender'] as const) {
    if (checked[field] !== details[field]) Object.assign(changes, { [field]: checked[field] });
  }
  for (const field of OPTIONAL_TEXT_FIELDS) {
    const value = checked.optional[field];
    if (value !== details[field]) changes[field] = value ?? null;
  }
  if (!sameMembers(checked.classIds, pupil.classIds)) changes.classIds = checked.classIds;
  return changes;
}

function MisExplanation() {
  return (
    <div className="notice notice--info" role="note">
      <p className="notice__text">{MIS_OWNS_DETAILS}</p>
      <p className="notice__text">
        Incidents, contacts added in Lantern and links to other pupils can still be recorded here.
      </p>
    </div>
  );
}

function EditForm({ pupil, reload }: { pupil: PupilView; reload: () => void }) {
  async function save(checked: CheckedPupil): Promise<Problem | undefined> {
    const changes = changesOf(pupil, checked);
    if (Object.keys(changes).length === 1) return NOTHING_CHANGED;
    const result = await updatePupil(pupil.pupilId, changes);
    if (!result.ok) return result.problem;
    navigate(pupilPaths.pupil(pupil.pupilId));
    return undefined;
  }
  return (
    <PupilDetailsForm
      initial={formValuesOf(pupil)}
      submitLabel="Save changes"
      submittingLabel="Saving…"
      onSubmit={save}
      onReload={reload}
    />
  );
}

export function EditPupilPage({ pupilId }: { pupilId: string }) {
  useDocumentTitle('Change a pupil’s details');
  const load = useCallback((signal: AbortSignal) => getPupil(pupilId, signal), [pupilId]);
  const { state, reload, answers } = useLoaded(load);
  if (state.phase === 'failed' && state.problem.status === 404) return <NotFoundPage signedIn />;
  const pupil = state.phase === 'loaded' ? state.value : undefined;
  return (
    <div className="panel panel--narrow">
      <p>
        <Link href={pupilPaths.pupil(pupilId)}>Back to the pupil’s record</Link>
      </p>
      <h1 className="page-title" tabIndex={-1}>
        Change details{pupil && ' of '}
        {pupil && <PupilName name={pupil.displayName} />}
      </h1>
      {state.phase === 'loading' && <p className="loading">Loading the pupil’s record…</p>}
      {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
      {pupil?.source === 'mis' && <MisExplanation />}
      {/* A fresh answer (after "reload" on a stale version) starts the form again from the record. */}
      {pupil?.source === 'manual' && <EditForm key={answers} pupil={pupil} reload={reload} />}
    </div>
  );
}

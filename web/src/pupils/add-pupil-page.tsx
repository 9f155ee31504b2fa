/**
 * Adding a pupil by hand (REC-1), for a pupil the school's MIS does not hold. The id is chosen here
 * once, so sending the form again after a lost answer cannot add the pupil twice.
 */
import { useState } from 'react';
import { addPupil, type NewPupil } from '../api/pupils';
import { navigate } from '../routing/router';
import { useDocumentTitle } from '../routing/use-document-title';
import { pupilPaths } from './pupil-paths';
import {
  EMPTY_PUPIL_FORM,
  OPTIONAL_TEXT_FIELDS,
  PupilDetailsForm,
  type CheckedPupil,
} from './pupil-details-form';
import './pupils.css';

function newPupilOf(pupilId: string, checked: CheckedPupil): NewPupil {
  const { optional, ...required } = checked;
  const pupil: NewPupil = { pupilId, ...required };
  for (const field of OPTIONAL_TEXT_FIELDS) {
    const value = optional[field];
    if (value !== undefined) pupil[field] = value;
  }
  return pupil;
}

export function AddPupilPage() {
  useDocumentTitle('Add a pupil');
  const [pupilId] = useState(() => crypto.randomUUID());

  async function add(checked: CheckedPupil) {
    const result = await addPupil(newPupilOf(pupilId, checked));
    if (!result.ok) return result.problem;
    navigate(pupilPaths.pupil(result.value.pupilId));
    return undefined;
  }

  return (
    <div className="panel panel--narrow">
      <h1 className="page-title" tabIndex={-1}>
        Add a pupil
      </h1>
      <p className="lede">
        For a pupil the school’s MIS does not hold. Pupils from the MIS arrive with the nightly import.
      </p>
      <PupilDetailsForm
        initial={EMPTY_PUPIL_FORM}
        submitLabel="Add pupil"
        submittingLabel="Adding…"
        onSubmit={add}
      />
    </div>
  );
}

/**
 * Overview: the pupil's details as the MIS (or an admin) holds them, current monitoring and linked
 * pupils; for people who may manage pupils, changing and archiving a pupil added by hand and links.
 */
import { useState } from 'react';
import { setPupilArchived, type PupilDetails, type PupilView } from '../../api/pupils';
import { useMyAccess } from '../../admin/my-access-store';
import { ActionNotice, type ActionOutcome } from '../../components/action-notice';
import { Link } from '../../routing/link';
import { CategoryTag } from '../category-tag';
import { formatUkDate } from '../format-date';
import { pupilPaths } from '../pupil-paths';
import { PupilLinksSection } from '../pupil-links-section';
import { PupilName } from '../pupil-name';
import type { PupilTabProps } from '../pupil-tabs';

const GENDER_NAMES: Readonly<Record<PupilDetails['gender'], string>> = {
  M: 'Male',
  F: 'Female',
  X: 'Other',
  U: 'Not known',
};
const SEN_NAMES: Readonly<Record<NonNullable<PupilDetails['senProvision']>, string>> = {
  E: 'EHC plan',
  K: 'SEN support',
  N: 'No special educational need',
};

function yesNo(value: boolean | undefined): string | undefined {
  return value === undefined ? undefined : value ? 'Yes' : 'No';
}

function detailRows(details: PupilDetails): [string, string | undefined][] {
  return [
    [
      'Legal name',
      [details.legalForename, details.middleNames, details.legalSurname].filter(Boolean).join(' '),
    ],
    [
      'Preferred name',
      details.preferredForename || details.preferredSurname
        ? `${details.preferredForename ?? details.legalForename} ${details.preferredSurname ?? details.legalSurname}`
        : undefined,
    ],
    ['Date of birth', formatUkDate(details.dateOfBirth)],
    ['Gender', GENDER_NAMES[details.gender]],
    ['Year group', details.yearGroup],
    ['Tutor group', details.tutorGroup],
    ['UPN', details.upn],
    ['ULN', details.uln],
    ['Admission date', details.admissionDate && formatUkDate(details.admissionDate)],
    ['Leaving date', details.leavingDate && formatUkDate(details.leavingDate)],
    ['SEN provision', details.senProvision && SEN_NAMES[details.senProvision]],
    ['Pupil premium', yesNo(details.pupilPremium)],
    ['Free school meals', yesNo(details.freeSchoolMeals)],
    ['English as an additional language', yesNo(details.englishAdditionalLanguage)],
    ['Looked after', yesNo(details.lookedAfter)],
    ['Ethnicity', details.ethnicity],
    ['Religion', details.religion],
    ['Medical conditions', details.medicalConditions?.join('; ')],
  ];
}

function Monitoring({ pupil }: { pupil: PupilView }) {
  if (pupil.monitoring.length === 0) return <p>Not monitored under any category you can see.</p>;
  return (
    <ul className="tag-list">
      {pupil.monitoring.map((entry) => (
        <li key={entry.categoryId}>
          <CategoryTag name={entry.categoryName} colour={entry.colour} /> since {formatUkDate(entry.since)}
        </li>
      ))}
    </ul>
  );
}

/**
 * Changing the details of a pupil added by hand, and archiving one who has left (the MIS changes and
 * archives its own pupils).
 */
function ManualPupilControls({
  pupil,
  onChanged,
}: {
  pupil: PupilView;
  onChanged: (() => void) | undefined;
}) {
  const [outcome, setOutcome] = useState<ActionOutcome | undefined>();
  const [busy, setBusy] = useState(false);
  async function toggle() {
    if (busy) return;
    setBusy(true);
    const result = await setPupilArchived(pupil.pupilId, !pupil.archived, pupil.version);
    setBusy(false);
    if (!result.ok) {
      setOutcome({ kind: 'failed', problem: result.problem });
      return;
    }
    onChanged?.();
  }
  return (
    <div className="admin-section">
      <ActionNotice outcome={outcome} {...(onChanged ? { onReload: onChanged } : {})} />
      <p className="hint">This pupil was added by hand, not by the MIS.</p>
      <p className="button-group">
        {!pupil.archived && (
          <Link className="button button--secondary" href={pupilPaths.edit(pupil.pupilId)}>
            Change details
          </Link>
        )}
        <button
          className="button button--secondary"
          type="button"
          aria-disabled={busy ? true : undefined}
          onClick={() => void toggle()}
        >
          {pupil.archived ? 'Bring back from the archive' : 'Archive (left the school)'}
        </button>
      </p>
    </div>
  );
}

export function OverviewTab({ pupil, view, onChanged }: PupilTabProps) {
  const rows = detailRows(pupil.details).filter((row): row is [string, string] => Boolean(row[1]));
  const access = useMyAccess(view);
  const mayManage = access.phase === 'loaded' && access.access.permissions.includes('students.manage');
  return (
    <>
      <h2 className="section-title">Monitoring</h2>
      <Monitoring pupil={pupil} />
      <h2 className="section-title">Details</h2>
      {pupil.source === 'mis' && (
        <p className="hint">
          These details come from the school’s MIS every night
          {mayManage ? ', so they can only be changed in the MIS.' : '.'}
        </p>
      )}
      <dl className="summary-list">
        {rows.map(([label, value]) => (
          <div className="summary-list__row" key={label}>
            <dt>{label}</dt>
            <dd>
              {label === 'Legal name' || label === 'Preferred name' ? <PupilName name={value} /> : value}
            </dd>
          </div>
        ))}
      </dl>
      {mayManage && pupil.source === 'manual' && <ManualPupilControls pupil={pupil} onChanged={onChanged} />}
      <PupilLinksSection pupil={pupil} mayManage={mayManage} onChanged={onChanged} />
    </>
  );
}

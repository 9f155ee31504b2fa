/** Overview: the pupil's details as the MIS (or an admin) holds them, current monitoring and linked pupils. */
import type { PupilDetails, PupilView } from '../../api/pupils';
import { Link } from '../../routing/link';
import { CategoryTag } from '../category-tag';
import { formatUkDate } from '../format-date';
import { pupilPaths } from '../pupil-paths';
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

export function OverviewTab({ pupil }: PupilTabProps) {
  const rows = detailRows(pupil.details).filter((row): row is [string, string] => Boolean(row[1]));
  return (
    <>
      <h2 className="section-title">Monitoring</h2>
      <Monitoring pupil={pupil} />
      <h2 className="section-title">Details</h2>
      {pupil.source === 'mis' && (
        <p className="hint">These details come from the school’s MIS every night.</p>
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
      <h2 className="section-title">Linked pupils</h2>
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
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

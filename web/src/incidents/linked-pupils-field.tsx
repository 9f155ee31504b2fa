/**
 * Linked pupils (BYD-4): each with their own role and their own categories, so a witness is not
 * recorded under the victim's category; each is monitored under their categories unless un-ticked.
 */
import type { CategoryView } from '../api/categories';
import { INVOLVEMENT_ROLES, type InvolvementRole, type PupilRef } from '../api/incidents';
import { Checkbox } from '../components/checkbox';
import { SelectField } from '../components/select-field';
import { PupilName } from '../pupils/pupil-name';
import { CategoryChoice } from './category-choice';
import { PupilPicker } from './pupil-picker';

export interface LinkedPupil {
  pupil: PupilRef;
  role: InvolvementRole;
  categoryIds: Set<string>;
  monitor: boolean;
}

const ROLE_LABELS: Readonly<Record<InvolvementRole, string>> = {
  subject: 'Subject',
  victim: 'Victim',
  perpetrator: 'Perpetrator',
  witness: 'Witness',
  other: 'Other',
};

export function roleLabel(role: InvolvementRole): string {
  return ROLE_LABELS[role];
}

interface LinkedPupilsFieldProps {
  id: string;
  tree: readonly CategoryView[];
  linked: readonly LinkedPupil[];
  onChange: (linked: LinkedPupil[]) => void;
  /** The pupil the incident is for: not linkable to itself. */
  subjectId: string | undefined;
  /** Per linked pupil, what is wrong with them (by index). */
  errors: Readonly<Record<number, string>>;
}

export function LinkedPupilsField({ id, tree, linked, onChange, subjectId, errors }: LinkedPupilsFieldProps) {
  const update = (index: number, change: Partial<LinkedPupil>) =>
    onChange(linked.map((entry, at) => (at === index ? { ...entry, ...change } : entry)));
  const taken = [...(subjectId ? [subjectId] : []), ...linked.map((entry) => entry.pupil.pupilId)];

  return (
    <fieldset className="fieldset linked-pupils" id={id} tabIndex={-1}>
      <legend className="fieldset__legend">Linked pupils (optional)</legend>
      <p className="field__hint">
        Link other pupils involved. Each gets their own copy with their own role and categories.
      </p>
      {linked.map((entry, index) => (
        <div key={entry.pupil.pupilId} className="linked-pupil" id={`${id}-${index}`} tabIndex={-1}>
          <h3 className="linked-pupil__name">
            <PupilName name={entry.pupil.displayName} />
          </h3>
          {errors[index] && (
            <p className="field__error">
              <span className="visually-hidden">Error: </span>
              {errors[index]}
            </p>
          )}
          <SelectField
            id={`${id}-${index}-role`}
            label="Role"
            options={INVOLVEMENT_ROLES.filter((role) => role !== 'subject').map((role) => ({
              value: role,
              label: ROLE_LABELS[role],
            }))}
            value={entry.role}
            onChange={(value) =>
              update(index, { role: INVOLVEMENT_ROLES.find((role) => role === value) ?? 'other' })
            }
          />
          <CategoryChoice
            id={`${id}-${index}-categories`}
            legend="Their categories"
            tree={tree}
            selected={entry.categoryIds}
            onChange={(categoryIds) => update(index, { categoryIds })}
          />
          <Checkbox
            id={`${id}-${index}-monitor`}
            label="Monitor this pupil under their categories"
            checked={entry.monitor}
            onChange={(monitor) => update(index, { monitor })}
          />
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => onChange(linked.filter((_, at) => at !== index))}
          >
            Remove link<span className="visually-hidden"> to {entry.pupil.displayName}</span>
          </button>
        </div>
      ))}
      <PupilPicker
        id={`${id}-add`}
        label="Link a pupil"
        chosen={undefined}
        exclude={taken}
        onChoose={(pupil) => {
          if (pupil) onChange([...linked, { pupil, role: 'witness', categoryIds: new Set(), monitor: true }]);
        }}
      />
    </fieldset>
  );
}
